using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Ranges
{
    /// <summary>The transfer function of one operation.</summary>
    internal sealed partial class RangeEngine
    {
        private ValueRange Evaluate(IOperation? operation, ValueRange[] state)
        {
            if (operation is null)
            {
                return ValueRange.Unknown(NumericKind.Double);
            }

            if (depth > MaxDepth)
            {
                return Top(operation.Type);
            }

            depth++;
            ValueRange result;
            try
            {
                result = EvaluateCore(operation, state);
            }
            finally
            {
                depth--;
            }

            evaluated[operation] = result;
            Results.Record(operation, result);

            return result;
        }

        private ValueRange EvaluateCore(IOperation operation, ValueRange[] state)
        {
            if (operation.ConstantValue.HasValue && MethodRanges.TryGetNumber(operation.ConstantValue.Value, out var constant))
            {
                return ValueRange.Constant(constant, Info(operation.Type).Kind);
            }

            // A null of double? has no number: nothing joins in from it (its null-ness is not tracked).
            if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is null && IsNullableNumeric(operation.Type))
            {
                return ValueRange.Bottom(Info(operation.Type).Kind);
            }

            switch (operation.Kind)
            {
                case OperationKind.LocalReference:
                    {
                        var local = (ILocalReferenceOperation)operation;
                        return ReadSymbol(local.Local, local.Type, state);
                    }

                case OperationKind.ParameterReference:
                    {
                        var parameter = (IParameterReferenceOperation)operation;
                        return ReadSymbol(parameter.Parameter, parameter.Type, state);
                    }

                case OperationKind.FlowCaptureReference:
                    {
                        var captureReference = (IFlowCaptureReferenceOperation)operation;
                        return captureSlots.TryGetValue(captureReference.Id, out var captureSlot) ? state[captureSlot] : Top(captureReference.Type);
                    }

                case OperationKind.FlowCapture:
                    {
                        var capture = (IFlowCaptureOperation)operation;
                        var value = Evaluate(capture.Value, state);
                        if (captureSlots.TryGetValue(capture.Id, out var slot))
                        {
                            state[slot] = value;
                            captureAliases.Remove(slot);
                            if (StripConversions(capture.Value) is ILocalReferenceOperation or IParameterReferenceOperation)
                            {
                                var aliased = TargetSlot(StripConversions(capture.Value));
                                if (aliased >= 0)
                                {
                                    captureAliases[slot] = aliased;
                                }
                            }
                        }

                        return value;
                    }

                case OperationKind.SimpleAssignment:
                    {
                        var assignment = (ISimpleAssignmentOperation)operation;
                        EvaluateTargetParts(assignment.Target, state);
                        var value = Evaluate(assignment.Value, state);
                        if (assignment.IsRef)
                        {
                            Havoc(assignment.Target, state);
                            return Top(assignment.Type);
                        }

                        Assign(assignment.Target, value, state);
                        return value;
                    }

                case OperationKind.CompoundAssignment:
                    {
                        var compound = (ICompoundAssignmentOperation)operation;
                        var current = Evaluate(compound.Target, state);
                        var value = Evaluate(compound.Value, state);
                        var targetInfo = Info(compound.Target.Type);
                        ValueRange result;
                        if (compound.OperatorMethod != null)
                        {
                            result = UserOperator(compound.OperatorMethod, current, value, compound.Type);
                        }
                        else
                        {
                            var valueInfo = Info(compound.Value.Type);
                            var computeInfo = targetInfo.Integral && !valueInfo.Integral ? valueInfo
                                : !targetInfo.Integral && !valueInfo.Integral && Wider(valueInfo.Kind, targetInfo.Kind) ? valueInfo
                                : targetInfo;
                            result = Arithmetic(compound.OperatorKind, current, value, computeInfo, false);
                            result = ConvertTo(result, computeInfo, targetInfo);
                        }

                        Assign(compound.Target, result, state);
                        return result;
                    }

                case OperationKind.Increment:
                case OperationKind.Decrement:
                    {
                        var increment = (IIncrementOrDecrementOperation)operation;
                        var current = Evaluate(increment.Target, state);
                        var info = Info(increment.Target.Type);
                        var one = ValueRange.Constant(1, info.Kind);
                        var operatorKind = increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract;
                        ValueRange result;
                        if (increment.OperatorMethod != null)
                        {
                            result = Top(increment.Type);
                        }
                        else if (info.Integral && !current.IsEmptyInterval)
                        {
                            // A counter's ++ is taken not to wrap (that would be a loop of 2^32 steps):
                            // otherwise every `i <= n` loop would make i anything.
                            var moved = operatorKind == BinaryOperatorKind.Add
                                ? RangeMath.Add(current, one, NumericKind.Double)
                                : RangeMath.Subtract(current, one, NumericKind.Double);
                            result = moved.Intersect(info.Min, info.Max);
                        }
                        else
                        {
                            result = Arithmetic(operatorKind, current, one, info, false);
                        }

                        Assign(increment.Target, result, state);
                        return increment.IsPostfix ? current : result;
                    }

                case OperationKind.Binary:
                    return EvaluateBinary((IBinaryOperation)operation, state);

                case OperationKind.Unary:
                    {
                        var unary = (IUnaryOperation)operation;
                        var operand = Evaluate(unary.Operand, state);
                        if (unary.OperatorMethod != null)
                        {
                            return unary.OperatorKind == UnaryOperatorKind.Minus && IsElementwise(unary.OperatorMethod.ContainingType) ? RangeMath.Negate(operand) : Top(unary.Type);
                        }

                        var info = Info(unary.Type);
                        switch (unary.OperatorKind)
                        {
                            case UnaryOperatorKind.Plus:
                                return operand;
                            case UnaryOperatorKind.Minus:
                                return info.Integral ? RangeMath.ToIntegerType(RangeMath.Negate(operand), info.Min, info.Max) : RangeMath.Negate(operand).WithKind(info.Kind);
                            default:
                                return Top(unary.Type);
                        }
                    }

                case OperationKind.Conversion:
                    return EvaluateConversion((IConversionOperation)operation, state);

                case OperationKind.Invocation:
                    return EvaluateInvocation((IInvocationOperation)operation, state);

                case OperationKind.PropertyReference:
                    return EvaluateProperty((IPropertyReferenceOperation)operation, state);

                case OperationKind.FieldReference:
                    {
                        var field = (IFieldReferenceOperation)operation;
                        Evaluate(field.Instance, state);
                        var key = memory.Count == 0 ? null : KeyOf(field);
                        if (key != null && memory.TryGetValue(key, out var remembered))
                        {
                            return remembered;
                        }

                        return ReadOnlyFieldValue(field.Field) ?? Top(field.Type);
                    }

                case OperationKind.ArrayElementReference:
                    {
                        var element = (IArrayElementReferenceOperation)operation;
                        Evaluate(element.ArrayReference, state);
                        foreach (var index in element.Indices)
                        {
                            Evaluate(index, state);
                        }

                        var key = memory.Count == 0 ? null : KeyOf(element);
                        return key != null && memory.TryGetValue(key, out var remembered) ? remembered : Top(element.Type);
                    }

                case OperationKind.Argument:
                    {
                        var argument = (IArgumentOperation)operation;
                        return Evaluate(argument.Value, state);
                    }

                case OperationKind.ExpressionStatement:
                    {
                        var statement = (IExpressionStatementOperation)operation;
                        Evaluate(statement.Operation, state);
                        return Top(null);
                    }

                case OperationKind.FlowAnonymousFunction:
                case OperationKind.DelegateCreation:
                case OperationKind.AnonymousFunction:
                    return Top(operation.Type);

                case OperationKind.DeconstructionAssignment:
                    {
                        var deconstruction = (IDeconstructionAssignmentOperation)operation;
                        Evaluate(deconstruction.Value, state);
                        Havoc(deconstruction.Target, state);
                        memory.Clear();
                        return Top(operation.Type);
                    }

                case OperationKind.DeclarationExpression:
                    {
                        var declaration = (IDeclarationExpressionOperation)operation;
                        Havoc(declaration.Expression, state);
                        return Top(operation.Type);
                    }

                case OperationKind.IsNull:
                    {
                        var isNull = (IIsNullOperation)operation;
                        Evaluate(isNull.Operand, state);
                        return Top(operation.Type);
                    }

                case OperationKind.IsPattern:
                    {
                        var isPattern = (IIsPatternOperation)operation;
                        Evaluate(isPattern.Value, state);
                        return Top(operation.Type);
                    }

                case OperationKind.InstanceReference:
                case OperationKind.Literal:
                case OperationKind.DefaultValue:
                case OperationKind.CaughtException:
                case OperationKind.StaticLocalInitializationSemaphore:
                    return Top(operation.Type);
            }

            // Anything else: evaluate the parts (they may assign or call), forget memory, unknown result.
            foreach (var child in operation.ChildOperations)
            {
                Evaluate(child, state);
            }

            memory.Clear();
            return Top(operation.Type);
        }

        private ValueRange ReadSymbol(ISymbol symbol, ITypeSymbol? type, ValueRange[] state)
        {
            var slot = SlotOf(symbol);
            if (slot >= 0)
            {
                return state[slot];
            }

            return memory.TryGetValue(MemoryKey.ForSymbol(symbol), out var remembered) ? remembered : Top(type);
        }

        private ValueRange EvaluateBinary(IBinaryOperation binary, ValueRange[] state)
        {
            var left = Evaluate(binary.LeftOperand, state);
            var right = Evaluate(binary.RightOperand, state);
            if (binary.OperatorMethod != null)
            {
                return UserOperator(binary.OperatorMethod, left, right, binary.Type);
            }

            var info = Info(binary.Type);
            if (binary.Type is null || (binary.Type.SpecialType == SpecialType.System_Boolean))
            {
                return Top(binary.Type);
            }

            var same = binary.OperatorKind == BinaryOperatorKind.Multiply && SameValue(binary.LeftOperand, binary.RightOperand);
            return Arithmetic(binary.OperatorKind, left, right, info, same);
        }

        private ValueRange Arithmetic(BinaryOperatorKind kind, ValueRange left, ValueRange right, SlotInfo info, bool sameOperands)
        {
            ValueRange result;
            if (info.Integral)
            {
                switch (kind)
                {
                    case BinaryOperatorKind.Add:
                        result = RangeMath.Add(left, right, NumericKind.Double);
                        break;
                    case BinaryOperatorKind.Subtract:
                        result = RangeMath.Subtract(left, right, NumericKind.Double);
                        break;
                    case BinaryOperatorKind.Multiply:
                        result = sameOperands ? RangeMath.Square(left, NumericKind.Double) : RangeMath.Multiply(left, right, NumericKind.Double);
                        break;
                    case BinaryOperatorKind.Divide:
                        return RangeMath.IntegerDivide(left, right, info.Min, info.Max);
                    case BinaryOperatorKind.Remainder:
                        return RangeMath.IntegerRemainder(left, right, info.Min, info.Max);
                    default:
                        return info.Top;
                }

                return RangeMath.ToIntegerType(result, info.Min, info.Max);
            }

            switch (kind)
            {
                case BinaryOperatorKind.Add:
                    return RangeMath.Add(left, right, info.Kind);
                case BinaryOperatorKind.Subtract:
                    return RangeMath.Subtract(left, right, info.Kind);
                case BinaryOperatorKind.Multiply:
                    return sameOperands ? RangeMath.Square(left, info.Kind) : RangeMath.Multiply(left, right, info.Kind);
                case BinaryOperatorKind.Divide:
                    return RangeMath.Divide(left, right, info.Kind);
                case BinaryOperatorKind.Remainder:
                    return RangeMath.Remainder(left, right, info.Kind);
                default:
                    return info.Top;
            }
        }

        private ValueRange UserOperator(IMethodSymbol method, ValueRange left, ValueRange right, ITypeSymbol? resultType)
        {
            if (IsElementwise(method.ContainingType))
            {
                var kind = SlotInfo.ElementKind(resultType, symbols);
                var result = KnownCalls.ElementwiseOperator(method.Name, RangeMath.Convert(left, kind), RangeMath.Convert(right, kind), kind);
                if (result.HasValue)
                {
                    return result.Value;
                }
            }

            memory.Clear();
            return Top(resultType);
        }

        private bool IsElementwise(INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            var original = type.OriginalDefinition;
            for (var t = original; t != null; t = t.BaseType?.OriginalDefinition)
            {
                if ((symbols.TorchSharpTensor != null && SymbolEqualityComparer.Default.Equals(t, symbols.TorchSharpTensor))
                    || (symbols.MathNetVector != null && SymbolEqualityComparer.Default.Equals(t, symbols.MathNetVector.OriginalDefinition))
                    || (symbols.MathNetMatrix != null && SymbolEqualityComparer.Default.Equals(t, symbols.MathNetMatrix.OriginalDefinition)))
                {
                    return true;
                }
            }

            return false;
        }

        private ValueRange EvaluateConversion(IConversionOperation conversion, ValueRange[] state)
        {
            var operand = Evaluate(conversion.Operand, state);
            if (conversion.OperatorMethod != null)
            {
                // System.Half converts through operators; other user-defined conversions of a number
                // (double -> TorchSharp Scalar) let the number pass through.
                if (IsNumeric(conversion.Operand.Type) && IsNumeric(conversion.Type))
                {
                    return ConvertTo(operand, Info(conversion.Operand.Type), Info(conversion.Type));
                }

                return IsNumeric(conversion.Operand.Type) ? operand : Top(conversion.Type);
            }

            var from = Info(conversion.Operand.Type);
            var to = Info(conversion.Type);
            if (!IsNumeric(conversion.Type) || !IsNumeric(conversion.Operand.Type))
            {
                return IsNumeric(conversion.Type) ? Top(conversion.Type) : operand;
            }

            return ConvertTo(operand, from, to);
        }

        private static ValueRange ConvertTo(ValueRange value, SlotInfo from, SlotInfo to)
        {
            if (to.Integral)
            {
                return from.Integral ? RangeMath.ToIntegerType(value, to.Min, to.Max) : RangeMath.ConvertToInteger(value, to.Min, to.Max);
            }

            return RangeMath.Convert(value, to.Kind);
        }

        private ValueRange EvaluateProperty(IPropertyReferenceOperation property, ValueRange[] state)
        {
            Evaluate(property.Instance, state);
            foreach (var argument in property.Arguments)
            {
                Evaluate(argument, state);
            }

            if (property.Property.Name == "Value" && property.Instance != null && IsNullableNumeric(property.Instance.Type)
                && evaluated.TryGetValue(property.Instance, out var inner))
            {
                return inner;
            }

            var info = Info(property.Type);
            if (info.Integral && property.Arguments.Length == 0)
            {
                switch (property.Property.Name)
                {
                    case "Length":
                    case "LongLength":
                        if (property.Instance is IFieldReferenceOperation array && ReadOnlyArrayLength(array.Field) is int length)
                        {
                            return ValueRange.Constant(length, NumericKind.Double);
                        }

                        return ValueRange.Of(Math.Max(0, info.Min), info.Max, false, NumericKind.Double);
                    case "Count":
                    case "LongCount":
                        return ValueRange.Of(Math.Max(0, info.Min), info.Max, false, NumericKind.Double);
                }
            }

            var key = memory.Count == 0 ? null : KeyOf(property);
            return key != null && memory.TryGetValue(key, out var remembered) ? remembered : Top(property.Type);
        }

        private ValueRange EvaluateInvocation(IInvocationOperation invocation, ValueRange[] state)
        {
            var method = invocation.TargetMethod;
            ValueRange? instance = invocation.Instance is null ? (ValueRange?)null : Evaluate(invocation.Instance, state);
            var arguments = new ValueRange?[method.Parameters.Length];
            var refArguments = false;
            foreach (var argument in invocation.Arguments)
            {
                var value = Evaluate(argument, state);
                var ordinal = argument.Parameter?.Ordinal ?? -1;
                if (ordinal >= 0 && ordinal < arguments.Length && argument.Parameter!.IsParams == false)
                {
                    var isNull = argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null;
                    arguments[ordinal] = isNull || argument.ArgumentKind == ArgumentKind.DefaultValue && IsNullDefault(argument) ? (ValueRange?)null : value;
                }

                if (argument.Parameter != null && (argument.Parameter.RefKind == RefKind.Ref || argument.Parameter.RefKind == RefKind.Out))
                {
                    refArguments = true;
                    Havoc(argument.Value, state);
                }
            }

            // double?.GetValueOrDefault(): the number inside (0 when it is known to be null).
            if (instance.HasValue && method.Name == "GetValueOrDefault" && method.Parameters.Length == 0 && IsNullableNumeric(invocation.Instance?.Type))
            {
                return instance.Value.IsBottom ? ValueRange.Constant(0, instance.Value.Kind) : instance.Value;
            }

            var known = KnownCall(invocation, method, instance, arguments);
            if (known.HasValue)
            {
                if (refArguments)
                {
                    memory.Clear();
                }

                return known.Value;
            }

            memory.Clear();
            var summary = HelperSummaries.ReturnRange(invocation, cfg, symbols, summaryDepth, cancellationToken);
            if (summary.HasValue)
            {
                return summary.Value;
            }

            return Top(invocation.Type);
        }

        private bool IsNullableNumeric(ITypeSymbol? type)
            => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } && IsNumeric(type);

        private static bool IsNullDefault(IArgumentOperation argument)
            => argument.Parameter is { HasExplicitDefaultValue: true } parameter && parameter.ExplicitDefaultValue is null;

        private ValueRange? KnownCall(IInvocationOperation invocation, IMethodSymbol method, ValueRange? instance, ValueRange?[] arguments)
        {
            var family = KnownCalls.FamilyOf(method, symbols);
            switch (family)
            {
                case KnownCalls.Family.ScalarMath:
                    {
                        if (KnownCalls.ClassificationCheck(method, symbols) != null)
                        {
                            return Top(invocation.Type);
                        }

                        var info = Info(invocation.Type);
                        if (!IsNumeric(invocation.Type))
                        {
                            return null;
                        }

                        var converted = new ValueRange?[arguments.Length];
                        for (var i = 0; i < arguments.Length; i++)
                        {
                            converted[i] = arguments[i]?.WithKind(info.Kind);
                        }

                        var result = KnownCalls.ScalarMath(method.Name, converted, info.Kind, info.Integral);
                        if (result.HasValue && info.Integral)
                        {
                            return RangeMath.ToIntegerType(result.Value, info.Min, info.Max);
                        }

                        return result;
                    }

                case KnownCalls.Family.NanGuard:
                    return IsNumeric(invocation.Type) ? KnownCalls.NanGuard(method.Name, arguments, Info(invocation.Type).Kind) : null;
                case KnownCalls.Family.Random:
                    return KnownCalls.Random(method.Name, arguments);
                case KnownCalls.Family.Enumerable:
                    if (method.Name == "Sum" && IsNumeric(invocation.Type) && invocation.Arguments.Length == 2)
                    {
                        // xs.Sum(x => x * x), xs.Sum(Math.Exp): a sum of non-negative terms is >= 0 (and 0 when empty).
                        var element = SelectorRange(invocation.Arguments[1].Value);
                        if (element.HasValue && element.Value.Lo >= 0)
                        {
                            return ValueRange.Of(0, double.PositiveInfinity, element.Value.MayBeNaN, Info(invocation.Type).Kind);
                        }
                    }

                    return KnownCalls.Enumerable(method.Name);
                case KnownCalls.Family.Torch:
                    {
                        if (symbols.TorchSharpTensor is null || !SymbolEqualityComparer.Default.Equals(invocation.Type, symbols.TorchSharpTensor))
                        {
                            return null;
                        }

                        // Scalars meet float32 elements: they round to float.
                        var kind = NumericKind.Single;
                        var converted = new ValueRange?[arguments.Length];
                        for (var i = 0; i < arguments.Length; i++)
                        {
                            converted[i] = arguments[i].HasValue ? RangeMath.Convert(arguments[i]!.Value, kind) : (ValueRange?)null;
                        }

                        return KnownCalls.Torch(method.Name, method.IsStatic ? null : instance?.WithKind(kind), converted, kind);
                    }

                case KnownCalls.Family.MathNet:
                    {
                        var kind = SlotInfo.ElementKind(invocation.Instance?.Type ?? invocation.Type, symbols);
                        var converted = new ValueRange?[arguments.Length];
                        for (var i = 0; i < arguments.Length; i++)
                        {
                            converted[i] = arguments[i]?.WithKind(kind);
                        }

                        var result = KnownCalls.MathNet(method.Name, instance?.WithKind(kind), converted, kind);
                        return result;
                    }

                default:
                    return null;
            }
        }

        /// <summary>The range a selector delegate returns: a lambda's body analysed alone, or a known math method group.</summary>
        private ValueRange? SelectorRange(IOperation? selector)
        {
            selector = selector is null ? null : StripConversions(selector);
            if (!(selector is IDelegateCreationOperation creation))
            {
                return null;
            }

            switch (creation.Target)
            {
                case IFlowAnonymousFunctionOperation lambda:
                    {
                        var graph = cfg.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                        if (graph.Blocks.Length > 48)
                        {
                            return null;
                        }

                        var engine = new RangeEngine(graph, symbols, 40_000, summaryDepth + 1, cancellationToken);
                        return engine.Run() ? engine.ReturnRange : null;
                    }

                case IMethodReferenceOperation reference when KnownCalls.FamilyOf(reference.Method, symbols) == KnownCalls.Family.ScalarMath:
                    {
                        var info = Info(reference.Method.ReturnType);
                        var arguments = new ValueRange?[reference.Method.Parameters.Length];
                        for (var i = 0; i < arguments.Length; i++)
                        {
                            arguments[i] = Top(reference.Method.Parameters[i].Type);
                        }

                        return KnownCalls.ScalarMath(reference.Method.Name, arguments, info.Kind, info.Integral);
                    }

                default:
                    return null;
            }
        }

        private void EvaluateTargetParts(IOperation target, ValueRange[] state)
        {
            switch (target)
            {
                case IFieldReferenceOperation field:
                    Evaluate(field.Instance, state);
                    break;
                case IPropertyReferenceOperation property:
                    Evaluate(property.Instance, state);
                    foreach (var argument in property.Arguments)
                    {
                        Evaluate(argument, state);
                    }

                    break;
                case IArrayElementReferenceOperation element:
                    Evaluate(element.ArrayReference, state);
                    foreach (var index in element.Indices)
                    {
                        Evaluate(index, state);
                    }

                    break;
            }
        }

        private void Assign(IOperation target, ValueRange value, ValueRange[] state)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    AssignSymbol(local.Local, value, state);
                    return;
                case IParameterReferenceOperation parameter:
                    AssignSymbol(parameter.Parameter, value, state);
                    return;
                case IFieldReferenceOperation field:
                    {
                        ForgetMentions(field.Field);
                        var key = KeyOf(field);
                        if (key != null)
                        {
                            memory[key] = value;
                        }

                        return;
                    }

                case IPropertyReferenceOperation property:
                    {
                        // A setter may change anything.
                        memory.Clear();
                        var key = KeyOf(property);
                        if (key != null)
                        {
                            memory[key] = value;
                        }

                        return;
                    }

                case IArrayElementReferenceOperation element:
                    {
                        ForgetArrayElements();
                        var key = KeyOf(element);
                        if (key != null)
                        {
                            memory[key] = value;
                        }

                        return;
                    }

                default:
                    Havoc(target, state);
                    return;
            }
        }

        private void AssignSymbol(ISymbol symbol, ValueRange value, ValueRange[] state)
        {
            ForgetMentions(symbol);
            var slot = SlotOf(symbol);
            if (slot >= 0)
            {
                state[slot] = value.WithKind(slots[slot].Kind);
                if (captureAliases.Count == 0)
                {
                    return;
                }

                var stale = staleSlots;
                stale.Clear();
                foreach (var alias in captureAliases)
                {
                    if (alias.Value == slot)
                    {
                        stale.Add(alias.Key);
                    }
                }

                foreach (var key in stale)
                {
                    captureAliases.Remove(key);
                }
            }
            else
            {
                memory[MemoryKey.ForSymbol(symbol)] = value;
            }
        }

        /// <summary>The target may now hold anything.</summary>
        private void Havoc(IOperation? target, ValueRange[] state)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    AssignSymbol(local.Local, Top(local.Type), state);
                    break;
                case IParameterReferenceOperation parameter:
                    AssignSymbol(parameter.Parameter, Top(parameter.Type), state);
                    break;
                case IDeclarationExpressionOperation declaration:
                    Havoc(declaration.Expression, state);
                    break;
                case ITupleOperation tuple:
                    foreach (var element in tuple.Elements)
                    {
                        Havoc(element, state);
                    }

                    break;
                case null:
                    break;
                default:
                    memory.Clear();
                    break;
            }
        }

        private void ForgetMentions(ISymbol symbol) => ForgetKeys(symbol);

        private void ForgetArrayElements() => ForgetKeys(null);

        /// <summary>Removes from memory every key that mentions <paramref name="symbol"/> (null: every array element).</summary>
        private void ForgetKeys(ISymbol? symbol)
        {
            if (memory.Count == 0)
            {
                return;
            }

            var stale = staleKeys;
            stale.Clear();
            foreach (var key in memory.Keys)
            {
                if (symbol is null ? key.IsArrayElement : key.Mentions(symbol))
                {
                    stale.Add(key);
                }
            }

            foreach (var key in stale)
            {
                memory.Remove(key);
            }
        }

        /// <summary><c>x * x</c>: both operands are the same side-effect-free value.</summary>
        private static bool SameValue(IOperation left, IOperation right)
        {
            left = StripConversions(left);
            right = StripConversions(right);
            switch (left)
            {
                case ILocalReferenceOperation l when right is ILocalReferenceOperation r:
                    return SymbolEqualityComparer.Default.Equals(l.Local, r.Local);
                case IParameterReferenceOperation l when right is IParameterReferenceOperation r:
                    return SymbolEqualityComparer.Default.Equals(l.Parameter, r.Parameter);
                case IFlowCaptureReferenceOperation l when right is IFlowCaptureReferenceOperation r:
                    return l.Id.Equals(r.Id);
            }

            return IsPure(left) && IsPure(right) && left.Syntax.IsEquivalentTo(right.Syntax, topLevel: false) && left.Kind == right.Kind;
        }

        private static bool IsPure(IOperation operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                case IInstanceReferenceOperation:
                case ILiteralOperation:
                case IFieldReferenceOperation { Field.IsVolatile: false }:
                case IArrayElementReferenceOperation:
                case IBinaryOperation { OperatorMethod: null }:
                case IUnaryOperation { OperatorMethod: null }:
                case IConversionOperation { OperatorMethod: null }:
                    break;
                default:
                    return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (!IsPure(child))
                {
                    return false;
                }
            }

            return true;
        }

        internal static IOperation StripConversions(IOperation operation)
        {
            while (operation is IConversionOperation { OperatorMethod: null } conversion && conversion.Operand != null)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The slot a comparison operand denotes (a tracked local, parameter or flow capture), or -1.</summary>
        private int TargetSlot(IOperation operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return SlotOf(local.Local);
                case IParameterReferenceOperation parameter:
                    return SlotOf(parameter.Parameter);
                case IFlowCaptureReferenceOperation capture:
                    return captureSlots.TryGetValue(capture.Id, out var slot) ? slot : -1;
                default:
                    return -1;
            }
        }

        private MemoryKey? KeyOf(IFieldReferenceOperation field)
        {
            if (field.Field.IsStatic)
            {
                return new MemoryKey(field.Field, null, null);
            }

            var instance = InstanceIdentity(field.Instance);
            return instance is null ? null : new MemoryKey(field.Field, instance, null);
        }

        private MemoryKey? KeyOf(IPropertyReferenceOperation property)
        {
            if (property.Arguments.Length != 0)
            {
                return null;
            }

            if (property.Property.IsStatic)
            {
                return new MemoryKey(property.Property, null, null);
            }

            var instance = InstanceIdentity(property.Instance);
            return instance is null ? null : new MemoryKey(property.Property, instance, null);
        }

        private MemoryKey? KeyOf(IArrayElementReferenceOperation element)
        {
            if (element.Indices.Length != 1)
            {
                return null;
            }

            var array = InstanceIdentity(element.ArrayReference);
            var index = IndexIdentity(element.Indices[0]);
            if (array is null || index is null)
            {
                return null;
            }

            return new MemoryKey(null, array, index);
        }

        private static object? InstanceIdentity(IOperation? operation)
        {
            switch (operation)
            {
                case IInstanceReferenceOperation:
                    return MemoryKey.This;
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Field.IsStatic || field.Instance is IInstanceReferenceOperation:
                    return field.Field;
                default:
                    return null;
            }
        }

        private static object? IndexIdentity(IOperation operation)
        {
            if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is int constant)
            {
                return constant;
            }

            return InstanceIdentity(StripConversions(operation)) is ISymbol symbol ? symbol : null;
        }

        /// <summary><c>static readonly double Eps = 1e-12;</c> in a type without a static constructor: the literal.</summary>
        private ValueRange? ReadOnlyFieldValue(IFieldSymbol field)
        {
            if (!IsNumeric(field.Type) || !IsOnlyAssignedByItsInitializer(field))
            {
                return null;
            }

            var value = ReadOnlyFieldInitializer.LiteralValue(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken));
            if (value is null)
            {
                return null;
            }

            var info = Info(field.Type);
            return ConvertTo(ValueRange.Constant(value.Value, NumericKind.Double), new SlotInfo(NumericKind.Double, false, double.NegativeInfinity, double.PositiveInfinity), info);
        }

        /// <summary>
        /// The length of a <c>static readonly</c> one-dimensional array field in a type without a static constructor, from
        /// its initializer (<c>static readonly string[] Rows = { ... }</c>): an array's length never changes and the field
        /// can be assigned nowhere else.
        /// </summary>
        private int? ReadOnlyArrayLength(IFieldSymbol field)
            => field.Type is IArrayTypeSymbol { Rank: 1 } && IsOnlyAssignedByItsInitializer(field)
                ? ReadOnlyFieldInitializer.ArrayLength(field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken))
                : null;

        /// <summary>
        /// A <c>static readonly</c> field declared once, in a type without a static constructor: its initializer is the
        /// only assignment it can have.
        /// </summary>
        private static bool IsOnlyAssignedByItsInitializer(IFieldSymbol field)
        {
            if (!field.IsReadOnly || !field.IsStatic || field.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            foreach (var constructor in field.ContainingType.StaticConstructors)
            {
                if (!constructor.IsImplicitlyDeclared)
                {
                    return false;
                }
            }

            return true;
        }

        private SlotInfo Info(ITypeSymbol? type) => SlotInfo.For(type, symbols);

        private ValueRange Top(ITypeSymbol? type) => Info(type).Top;

        private bool IsNumeric(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type?.SpecialType)
            {
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Char:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return true;
            }

            return symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half);
        }

        private static bool Wider(NumericKind a, NumericKind b)
            => (a == NumericKind.Double && b != NumericKind.Double) || (a == NumericKind.Single && b == NumericKind.Half);

        /// <summary>A place in memory: a field or property of an instance, an array element, or a captured local.</summary>
        internal sealed class MemoryKey : IEquatable<MemoryKey>
        {
            public static readonly object This = new object();

            public MemoryKey(ISymbol? member, object? instance, object? index)
            {
                Member = member;
                Instance = instance;
                Index = index;
            }

            public ISymbol? Member { get; }

            public object? Instance { get; }

            public object? Index { get; }

            public bool IsArrayElement => Member is null;

            public static MemoryKey ForSymbol(ISymbol symbol) => new MemoryKey(symbol, null, null);

            public bool Mentions(ISymbol symbol)
                => Same(Member, symbol) || Same(Instance, symbol) || Same(Index, symbol);

            public bool Equals(MemoryKey? other)
                => other != null && Same(Member, other.Member) && Same(Instance, other.Instance) && Same(Index, other.Index);

            public override bool Equals(object? obj) => Equals(obj as MemoryKey);

            public override int GetHashCode()
            {
                unchecked
                {
                    return (Hash(Member) * 397) ^ (Hash(Instance) * 31) ^ Hash(Index);
                }
            }

            private static int Hash(object? value)
                => value is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : value?.GetHashCode() ?? 0;

            private static bool Same(object? a, object? b)
            {
                if (a is ISymbol sa && b is ISymbol sb)
                {
                    return SymbolEqualityComparer.Default.Equals(sa, sb);
                }

                return Equals(a, b);
            }
        }
    }
}

using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// Guards the domain rules recognise on reads the range analysis does not refine: member reads on an
    /// unchanged receiver (<c>if (xs.Length == 0) return; ... s / xs.Length</c>, <c>xs.Count &gt; 0 ? t / xs.Count : 0</c>,
    /// <c>xs.Count()</c>), and <c>for</c> counters that start at a constant and only count up (<c>for (int t = 1; ...; t++)</c>
    /// is at least 1). The comparisons are with constants; the guard must enclose the read (a branch of an
    /// <c>if</c> or <c>?:</c>) or precede it in an enclosing block as <c>if (cond) return/throw/continue/break;</c>.
    /// A reassignment of the receiver between the guard and the read is not looked for.
    /// </summary>
    internal static class DomainGuards
    {
        private const int MaxAncestors = 64;

        /// <summary>Narrows [lo, hi] (and the zero hole) of <paramref name="value"/> by the guards around it.</summary>
        public static void Refine(IOperation value, ref double lo, ref double hi, ref bool excludesZero)
        {
            var target = DomainFacts.Strip(value);
            if (!IsTrackable(target, 0))
            {
                return;
            }

            if (target is ILocalReferenceOperation local)
            {
                var start = ForCounterStart(local);
                if (start.HasValue)
                {
                    lo = Math.Max(lo, start.Value);
                }
            }

            var integer = DomainFacts.IsIntegerType(target.Type);
            IOperation child = value;
            var parent = value.Parent;
            for (var i = 0; parent != null && i < MaxAncestors; i++, child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when conditional.Condition != null:
                        if (ReferenceEquals(child, conditional.WhenTrue))
                        {
                            Apply(conditional.Condition, true, target, integer, ref lo, ref hi, ref excludesZero);
                        }
                        else if (ReferenceEquals(child, conditional.WhenFalse))
                        {
                            Apply(conditional.Condition, false, target, integer, ref lo, ref hi, ref excludesZero);
                        }

                        break;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (ReferenceEquals(statement, child))
                            {
                                break;
                            }

                            if (statement is IConditionalOperation guard && guard.WhenFalse is null && guard.Condition != null && Exits(guard.WhenTrue))
                            {
                                Apply(guard.Condition, false, target, integer, ref lo, ref hi, ref excludesZero);
                            }
                        }

                        break;
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        return;
                }
            }
        }

        /// <summary>The constant a <c>for</c> counter starts at, when its loop only ever counts it up.</summary>
        private static double? ForCounterStart(ILocalReferenceOperation reference)
        {
            for (var parent = reference.Parent; parent != null; parent = parent.Parent)
            {
                if (!(parent is IForLoopOperation loop) || !System.Linq.Enumerable.Contains(loop.Locals, reference.Local, SymbolEqualityComparer.Default))
                {
                    continue;
                }

                double? start = null;
                foreach (var operation in loop.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                            var initial = declarator.Initializer?.Value;
                            if (initial is null || !initial.ConstantValue.HasValue || !Ranges.MethodRanges.TryGetNumber(initial.ConstantValue.Value, out var number))
                            {
                                return null;
                            }

                            start = number;
                            break;
                        case IIncrementOrDecrementOperation step when IsLocal(step.Target, reference.Local):
                            if (step.Kind != OperationKind.Increment)
                            {
                                return null;
                            }

                            break;
                        case ICompoundAssignmentOperation compound when IsLocal(compound.Target, reference.Local):
                            if (compound.OperatorKind != BinaryOperatorKind.Add
                                || !compound.Value.ConstantValue.HasValue
                                || !Ranges.MethodRanges.TryGetNumber(compound.Value.ConstantValue.Value, out var increment)
                                || increment < 0)
                            {
                                return null;
                            }

                            break;
                        case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, reference.Local):
                            return null;
                    }
                }

                return start;
            }

            return null;
        }

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool Exits(IOperation? operation)
        {
            switch (operation)
            {
                case IReturnOperation _:
                case IThrowOperation _:
                case IBranchOperation _:
                    return true;
                case IExpressionStatementOperation statement:
                    return statement.Operation is IThrowOperation;
                case IBlockOperation block:
                    return block.Operations.Length > 0 && Exits(block.Operations[block.Operations.Length - 1]);
                default:
                    return false;
            }
        }

        private static void Apply(IOperation condition, bool whenTrue, IOperation target, bool integer, ref double lo, ref double hi, ref bool excludesZero)
        {
            switch (condition)
            {
                case IUnaryOperation unary when unary.OperatorKind == UnaryOperatorKind.Not && unary.Operand != null:
                    Apply(unary.Operand, !whenTrue, target, integer, ref lo, ref hi, ref excludesZero);
                    return;
                case IBinaryOperation binary when binary.LeftOperand != null && binary.RightOperand != null:
                    if (binary.OperatorKind == BinaryOperatorKind.ConditionalAnd && whenTrue)
                    {
                        Apply(binary.LeftOperand, true, target, integer, ref lo, ref hi, ref excludesZero);
                        Apply(binary.RightOperand, true, target, integer, ref lo, ref hi, ref excludesZero);
                        return;
                    }

                    if (binary.OperatorKind == BinaryOperatorKind.ConditionalOr && !whenTrue)
                    {
                        Apply(binary.LeftOperand, false, target, integer, ref lo, ref hi, ref excludesZero);
                        Apply(binary.RightOperand, false, target, integer, ref lo, ref hi, ref excludesZero);
                        return;
                    }

                    Compare(binary, whenTrue, target, integer, ref lo, ref hi, ref excludesZero);
                    return;
            }
        }

        private static void Compare(IBinaryOperation comparison, bool whenTrue, IOperation target, bool integer, ref double lo, ref double hi, ref bool excludesZero)
        {
            var op = comparison.OperatorKind;
            double c;
            if (SameTarget(DomainFacts.Strip(comparison.LeftOperand), target, 0) && TryConstant(comparison.RightOperand, out c))
            {
                // X op c
            }
            else if (SameTarget(DomainFacts.Strip(comparison.RightOperand), target, 0) && TryConstant(comparison.LeftOperand, out c))
            {
                op = Flip(op);
            }
            else
            {
                return;
            }

            if (!whenTrue)
            {
                op = Negate(op);
            }

            switch (op)
            {
                case BinaryOperatorKind.GreaterThan:
                    lo = Math.Max(lo, integer ? Math.Floor(c) + 1 : (c == 0 ? double.Epsilon : c));
                    break;
                case BinaryOperatorKind.GreaterThanOrEqual:
                    lo = Math.Max(lo, c);
                    break;
                case BinaryOperatorKind.LessThan:
                    hi = Math.Min(hi, integer ? Math.Ceiling(c) - 1 : (c == 0 ? -double.Epsilon : c));
                    break;
                case BinaryOperatorKind.LessThanOrEqual:
                    hi = Math.Min(hi, c);
                    break;
                case BinaryOperatorKind.Equals:
                    lo = Math.Max(lo, c);
                    hi = Math.Min(hi, c);
                    break;
                case BinaryOperatorKind.NotEquals:
                    if (c == 0)
                    {
                        excludesZero = true;
                        if (integer && lo == 0)
                        {
                            lo = 1;
                        }
                    }

                    break;
            }
        }

        private static BinaryOperatorKind Flip(BinaryOperatorKind op)
        {
            switch (op)
            {
                case BinaryOperatorKind.GreaterThan:
                    return BinaryOperatorKind.LessThan;
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return BinaryOperatorKind.LessThanOrEqual;
                case BinaryOperatorKind.LessThan:
                    return BinaryOperatorKind.GreaterThan;
                case BinaryOperatorKind.LessThanOrEqual:
                    return BinaryOperatorKind.GreaterThanOrEqual;
                default:
                    return op;
            }
        }

        /// <summary>The negated comparison on the numbers (a NaN fails every ordered comparison, but a NaN is never 0).</summary>
        private static BinaryOperatorKind Negate(BinaryOperatorKind op)
        {
            switch (op)
            {
                case BinaryOperatorKind.GreaterThan:
                    return BinaryOperatorKind.LessThanOrEqual;
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return BinaryOperatorKind.LessThan;
                case BinaryOperatorKind.LessThan:
                    return BinaryOperatorKind.GreaterThanOrEqual;
                case BinaryOperatorKind.LessThanOrEqual:
                    return BinaryOperatorKind.GreaterThan;
                case BinaryOperatorKind.Equals:
                    return BinaryOperatorKind.NotEquals;
                case BinaryOperatorKind.NotEquals:
                    return BinaryOperatorKind.Equals;
                default:
                    return BinaryOperatorKind.None;
            }
        }

        private static bool TryConstant(IOperation? operation, out double value)
        {
            value = 0;
            return operation != null
                && operation.ConstantValue.HasValue
                && Ranges.MethodRanges.TryGetNumber(operation.ConstantValue.Value, out value)
                && !double.IsNaN(value);
        }

        private static bool IsTrackable(IOperation operation, int depth)
        {
            if (depth > 4)
            {
                return false;
            }

            switch (operation)
            {
                case ILocalReferenceOperation _:
                case IParameterReferenceOperation _:
                case IInstanceReferenceOperation _:
                    return true;
                case IPropertyReferenceOperation property:
                    return property.Arguments.Length == 0 && (property.Instance is null || IsTrackable(DomainFacts.Strip(property.Instance), depth + 1));
                case IFieldReferenceOperation field:
                    return field.Instance is null || IsTrackable(DomainFacts.Strip(field.Instance), depth + 1);
                case IInvocationOperation invocation:
                    // xs.Count(), xs.Length(): a parameterless read of a trackable receiver.
                    return invocation.TargetMethod.IsExtensionMethod
                        ? invocation.Arguments.Length == 1 && IsTrackable(DomainFacts.Strip(invocation.Arguments[0].Value), depth + 1)
                        : invocation.Arguments.Length == 0 && invocation.Instance != null && IsTrackable(DomainFacts.Strip(invocation.Instance), depth + 1);
                default:
                    return false;
            }
        }

        private static bool SameTarget(IOperation a, IOperation b, int depth)
        {
            if (depth > 4)
            {
                return false;
            }

            switch (a)
            {
                case ILocalReferenceOperation la when b is ILocalReferenceOperation lb:
                    return SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
                case IParameterReferenceOperation pa when b is IParameterReferenceOperation pb:
                    return SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
                case IInstanceReferenceOperation _ when b is IInstanceReferenceOperation:
                    return true;
                case IPropertyReferenceOperation pa when b is IPropertyReferenceOperation pb:
                    return SymbolEqualityComparer.Default.Equals(pa.Property, pb.Property) && SameInstance(pa.Instance, pb.Instance, depth);
                case IFieldReferenceOperation fa when b is IFieldReferenceOperation fb:
                    return SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance, depth);
                case IInvocationOperation ia when b is IInvocationOperation ib:
                    if (!SymbolEqualityComparer.Default.Equals(ia.TargetMethod, ib.TargetMethod) || ia.Arguments.Length != ib.Arguments.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < ia.Arguments.Length; i++)
                    {
                        if (!SameTarget(DomainFacts.Strip(ia.Arguments[i].Value), DomainFacts.Strip(ib.Arguments[i].Value), depth + 1))
                        {
                            return false;
                        }
                    }

                    return SameInstance(ia.Instance, ib.Instance, depth);
                default:
                    return false;
            }
        }

        private static bool SameInstance(IOperation? a, IOperation? b, int depth)
            => (a is null && b is null) || (a != null && b != null && SameTarget(DomainFacts.Strip(a), DomainFacts.Strip(b), depth + 1));
    }
}

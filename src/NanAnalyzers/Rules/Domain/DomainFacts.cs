using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// What the domain rules know about a value: the shared range analysis first, tightened by a few
    /// shapes the rules recognise themselves in the expression tree (the guards their own fixes write:
    /// <c>Math.Max(p, eps)</c>, <c>p.clamp_min(eps)</c>, <c>torch.clamp(p, min: eps)</c>,
    /// <c>v.PointwiseMaximum(eps)</c>, <c>Math.Clamp(c, -1, 1)</c>, <c>Math.CopySign(Math.Max(Math.Abs(d), eps), d)</c>,
    /// and tensor values that cannot be negative: <c>abs</c>, <c>exp</c>, <c>softmax</c>, <c>sigmoid</c>, squares, norms).
    /// The structural bounds only ever narrow what the analysis says; they never widen it.
    /// </summary>
    internal readonly struct DomainFacts
    {
        private const int MaxDepth = 12;

        private readonly IOperation value;
        private readonly MethodRanges ranges;

        private DomainFacts(IOperation value, MethodRanges ranges, ValueRange range, double lo, double hi, bool excludesZero)
        {
            this.value = value;
            this.ranges = ranges;
            Range = range;
            ExcludesZero = excludesZero || range.ExcludesZero;
            Lo = lo;
            Hi = hi;
        }

        /// <summary>What the range analysis says.</summary>
        public ValueRange Range { get; }

        /// <summary>The lowest possible value (NaN not counted).</summary>
        public double Lo { get; }

        /// <summary>The highest possible value (NaN not counted).</summary>
        public double Hi { get; }

        /// <summary>True when 0 is known not to be the value (after <c>x != 0</c>).</summary>
        public bool ExcludesZero { get; }

        /// <summary>Why the value has this range, for the message (worked out when asked: only a reported value needs it).</summary>
        public string Explanation
        {
            get
            {
                var explanation = ranges.Explain(value);
                return string.IsNullOrEmpty(explanation) ? "'" + value.Syntax + "' is in " + Range : explanation;
            }
        }

        /// <summary>True when the program point is unreachable or the value can only be NaN: nothing to report.</summary>
        public bool IsEmpty => Lo > Hi;

        public bool MayBeNonPositive => !IsEmpty && Lo <= 0;

        public bool MayBeNegative => !IsEmpty && Lo < 0;

        public bool MayBeZero => !IsEmpty && Lo <= 0 && Hi >= 0 && !ExcludesZero;

        public bool IsNonNegative => !IsEmpty && Lo >= 0;

        /// <summary>"0", "negative", "0 or negative" for the part of the range at or below zero.</summary>
        public string NonPositiveText => Lo < 0 ? (Hi >= 0 ? "0 or negative" : "negative") : "0";

        public static DomainFacts Of(IOperation value, MethodRanges ranges, KnownSymbols symbols)
        {
            var range = ranges.RangeOf(value);
            var lo = range.Lo;
            var hi = range.Hi;
            var excludesZero = false;
            if (!range.IsEmptyInterval)
            {
                var bounds = Bounds(value, ranges, symbols, 0);
                lo = Math.Max(lo, bounds.Lo);
                hi = Math.Min(hi, bounds.Hi);
                DomainGuards.Refine(value, ref lo, ref hi, ref excludesZero);
            }

            return new DomainFacts(value, ranges, range, lo, hi, excludesZero);
        }

        /// <summary>The value with implicit and explicit conversions and parentheses removed.</summary>
        public static IOperation Strip(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.Operand != null:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized when parenthesized.Operand != null:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>True when <paramref name="operation"/>, conversions removed, has an integer type or an integral constant value.</summary>
        public static bool IsIntegral(IOperation? operation)
        {
            if (operation is null)
            {
                return false;
            }

            if (operation.ConstantValue.HasValue && MethodRanges.TryGetNumber(operation.ConstantValue.Value, out var number))
            {
                return !double.IsInfinity(number) && Math.Floor(number) == number;
            }

            var stripped = Strip(operation);
            if (stripped.ConstantValue.HasValue && MethodRanges.TryGetNumber(stripped.ConstantValue.Value, out number))
            {
                return !double.IsInfinity(number) && Math.Floor(number) == number;
            }

            return IsIntegerType(stripped.Type);
        }

        public static bool IsIntegerType(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return true;
                default:
                    return false;
            }
        }

        private readonly struct Interval
        {
            public Interval(double lo, double hi)
            {
                Lo = lo;
                Hi = hi;
            }

            public double Lo { get; }

            public double Hi { get; }

            public static Interval Any => new Interval(double.NegativeInfinity, double.PositiveInfinity);
        }

        private static Interval Bounds(IOperation? operation, MethodRanges ranges, KnownSymbols symbols, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return Interval.Any;
            }

            var value = Strip(operation);
            if (value.ConstantValue.HasValue && MethodRanges.TryGetNumber(value.ConstantValue.Value, out var constant))
            {
                return new Interval(constant, constant);
            }

            var structural = Structural(value, ranges, symbols, depth);
            var range = ranges.RangeOf(value);
            var lo = structural.Lo;
            var hi = structural.Hi;
            if (!range.IsEmptyInterval)
            {
                lo = Math.Max(lo, range.Lo);
                hi = Math.Min(hi, range.Hi);
            }

            if (depth > 0)
            {
                var ignored = false;
                DomainGuards.Refine(value, ref lo, ref hi, ref ignored);
            }

            return new Interval(lo, hi);
        }

        private static Interval Structural(IOperation value, MethodRanges ranges, KnownSymbols symbols, int depth)
        {
            switch (value)
            {
                case IInvocationOperation invocation:
                    return InvocationBounds(invocation, ranges, symbols, depth);
                case IBinaryOperation binary when binary.LeftOperand != null && binary.RightOperand != null:
                    return BinaryBounds(binary, ranges, symbols, depth);
                default:
                    return Interval.Any;
            }
        }

        private static Interval BinaryBounds(IBinaryOperation binary, MethodRanges ranges, KnownSymbols symbols, int depth)
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.Add:
                {
                    var left = Bounds(binary.LeftOperand, ranges, symbols, depth + 1);
                    var right = Bounds(binary.RightOperand, ranges, symbols, depth + 1);

                    // Only the safe direction: a sum of non-negative terms is at least the larger of their lower ends.
                    var lo = left.Lo >= 0 && right.Lo >= 0 ? Math.Max(left.Lo, right.Lo) : double.NegativeInfinity;
                    return new Interval(lo, double.PositiveInfinity);
                }

                case BinaryOperatorKind.Subtract:
                {
                    // c - x with both bounded: only where both ends are finite (no inf - inf).
                    var left = Bounds(binary.LeftOperand, ranges, symbols, depth + 1);
                    var right = Bounds(binary.RightOperand, ranges, symbols, depth + 1);
                    var lo = left.Lo - right.Hi;
                    var hi = left.Hi - right.Lo;
                    return new Interval(double.IsNaN(lo) ? double.NegativeInfinity : lo, double.IsNaN(hi) ? double.PositiveInfinity : hi);
                }

                case BinaryOperatorKind.Multiply:
                    if (SameReference(binary.LeftOperand, binary.RightOperand))
                    {
                        return new Interval(0, double.PositiveInfinity);
                    }

                    return Interval.Any;
                default:
                    return Interval.Any;
            }
        }

        private static Interval InvocationBounds(IInvocationOperation invocation, MethodRanges ranges, KnownSymbols symbols, int depth)
        {
            var method = invocation.TargetMethod;
            if (method is null)
            {
                return Interval.Any;
            }

            var name = method.Name;
            var containing = method.ContainingType;
            var isScalarMath = method.IsStatic && containing != null
                && (SymbolEqualityComparer.Default.Equals(containing, symbols.Math)
                    || SymbolEqualityComparer.Default.Equals(containing, symbols.MathF)
                    || containing.SpecialType == SpecialType.System_Double
                    || containing.SpecialType == SpecialType.System_Single
                    || (symbols.Half != null && SymbolEqualityComparer.Default.Equals(containing, symbols.Half))
                    || (containing.TypeKind == TypeKind.Interface
                        && (SymbolEqualityComparer.Default.Equals(containing.OriginalDefinition, symbols.INumber)
                            || SymbolEqualityComparer.Default.Equals(containing.OriginalDefinition, symbols.INumberBase))));
            var isTensor = !method.IsStatic && DomainCalls.IsTensor(containing, symbols);
            var isTorch = method.IsStatic && containing != null && symbols.TorchSharpTorch != null
                && SymbolEqualityComparer.Default.Equals(containing, symbols.TorchSharpTorch);
            var isMathNet = DomainCalls.IsMathNet(containing, symbols);

            if (isScalarMath)
            {
                switch (name)
                {
                    case "Max" when invocation.Arguments.Length == 2:
                    {
                        var a = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        var b = Bounds(DomainCalls.ArgumentValue(invocation, 1), ranges, symbols, depth + 1);
                        return new Interval(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));
                    }

                    case "Min" when invocation.Arguments.Length == 2:
                    {
                        var a = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        var b = Bounds(DomainCalls.ArgumentValue(invocation, 1), ranges, symbols, depth + 1);
                        return new Interval(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi));
                    }

                    case "Clamp" when invocation.Arguments.Length == 3:
                    {
                        var lo = Bounds(DomainCalls.ArgumentValue(invocation, 1), ranges, symbols, depth + 1);
                        var hi = Bounds(DomainCalls.ArgumentValue(invocation, 2), ranges, symbols, depth + 1);
                        return new Interval(lo.Lo, hi.Hi);
                    }

                    case "Pow" when invocation.Arguments.Length == 2:
                    {
                        // b^e with b in [0, 1] and e >= 1 is in [0, b]: Adam's bias correction 1 - beta^t.
                        var b = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        var e = Bounds(DomainCalls.ArgumentValue(invocation, 1), ranges, symbols, depth + 1);
                        if (b.Lo >= 0 && b.Hi <= 1 && e.Lo >= 1)
                        {
                            return new Interval(0, b.Hi);
                        }

                        return b.Lo >= 0 ? new Interval(0, double.PositiveInfinity) : Interval.Any;
                    }

                    case "Abs":
                    case "Exp":
                    case "Sqrt":
                        return new Interval(0, double.PositiveInfinity);
                    case "CreateChecked":
                    case "CreateSaturating":
                    case "CreateTruncating":
                        return Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                    case "CopySign" when invocation.Arguments.Length == 2:
                    {
                        // CopySign(m, s) with m >= c > 0 is never in (-c, c): report it as non-zero through its magnitude.
                        var magnitude = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        return magnitude.Lo > 0 ? new Interval(magnitude.Lo, double.PositiveInfinity) : Interval.Any;
                    }

                    default:
                        return Interval.Any;
                }
            }

            if (isTensor || isTorch)
            {
                // torch.f(x, ...) has x as argument 0; x.f(...) has it as the receiver.
                var self = isTensor ? invocation.Instance : DomainCalls.ArgumentValue(invocation, 0);
                var first = isTensor ? 0 : 1;
                switch (name)
                {
                    case "clamp_min":
                    case "clamp_max":
                    case "clamp":
                    case "clip":
                    {
                        var lo = double.NegativeInfinity;
                        var hi = double.PositiveInfinity;
                        foreach (var argument in invocation.Arguments)
                        {
                            var parameter = argument.Parameter;
                            if (parameter is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
                            {
                                continue;
                            }

                            var bound = Bounds(argument.Value, ranges, symbols, depth + 1);
                            if (parameter.Name == "min" && !IsNullLiteral(argument.Value))
                            {
                                lo = bound.Lo;
                            }
                            else if (parameter.Name == "max" && !IsNullLiteral(argument.Value))
                            {
                                hi = bound.Hi;
                            }
                        }

                        if (name == "clamp_min")
                        {
                            hi = double.PositiveInfinity;
                        }

                        var inner = Bounds(self, ranges, symbols, depth + 1);
                        return new Interval(Math.Max(lo, Math.Min(inner.Lo, hi)), Math.Min(hi, Math.Max(inner.Hi, lo)));
                    }

                    case "abs":
                    case "exp":
                    case "softmax":
                    case "sigmoid":
                    case "square":
                    case "sqrt":
                    case "norm":
                    case "std":
                    case "var":
                    case "relu":
                        return new Interval(0, double.PositiveInfinity);
                    case "pow":
                    {
                        var exponent = DomainCalls.ArgumentValue(invocation, first);
                        if (exponent != null)
                        {
                            var e = Strip(exponent);
                            if (e.ConstantValue.HasValue && MethodRanges.TryGetNumber(e.ConstantValue.Value, out var n) && n % 2 == 0)
                            {
                                return new Interval(0, double.PositiveInfinity);
                            }
                        }

                        return Interval.Any;
                    }

                    case "sum":
                    case "mean":
                    {
                        var inner = Bounds(self, ranges, symbols, depth + 1);
                        return inner.Lo >= 0 ? new Interval(0, double.PositiveInfinity) : Interval.Any;
                    }

                    default:
                        return Interval.Any;
                }
            }

            if (isMathNet && !method.IsStatic)
            {
                switch (name)
                {
                    case "PointwiseMaximum" when method.Parameters.Length == 1 && !(method.Parameters[0].Type is INamedTypeSymbol { IsGenericType: true }):
                    {
                        var bound = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        return new Interval(bound.Lo, double.PositiveInfinity);
                    }

                    case "PointwiseMinimum" when method.Parameters.Length == 1 && !(method.Parameters[0].Type is INamedTypeSymbol { IsGenericType: true }):
                    {
                        var bound = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        var inner = Bounds(invocation.Instance, ranges, symbols, depth + 1);
                        return new Interval(Math.Min(inner.Lo, bound.Hi), bound.Hi);
                    }

                    case "Add" when method.Parameters.Length == 1 && !(method.Parameters[0].Type is INamedTypeSymbol { IsGenericType: true }):
                    {
                        var inner = Bounds(invocation.Instance, ranges, symbols, depth + 1);
                        var bound = Bounds(DomainCalls.ArgumentValue(invocation, 0), ranges, symbols, depth + 1);
                        return inner.Lo >= 0 && bound.Lo >= 0 ? new Interval(Math.Max(inner.Lo, bound.Lo), double.PositiveInfinity) : Interval.Any;
                    }

                    case "PointwiseAbs":
                    case "PointwiseExp":
                        return new Interval(0, double.PositiveInfinity);
                    default:
                        return Interval.Any;
                }
            }

            return Interval.Any;
        }

        private static bool IsNullLiteral(IOperation? value)
            => value != null && Strip(value).ConstantValue.HasValue && Strip(value).ConstantValue.Value is null;

        /// <summary>True when both operands read the same local, parameter or field.</summary>
        public static bool SameReference(IOperation? a, IOperation? b)
        {
            if (a is null || b is null)
            {
                return false;
            }

            a = Strip(a);
            b = Strip(b);
            var sa = ReferencedSymbol(a);
            return sa != null && SymbolEqualityComparer.Default.Equals(sa, ReferencedSymbol(b));
        }

        public static ISymbol? ReferencedSymbol(IOperation operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Instance is null || field.Instance is IInstanceReferenceOperation:
                    return field.Field;
                default:
                    return null;
            }
        }
    }
}

using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// Branch refinement: the state on the edge where <c>condition</c> is <c>truth</c>. Comparisons with
    /// NaN are false, so <c>x &gt; 0</c> excludes NaN on its true edge only. A refinement that leaves a
    /// value with nothing possible makes the edge infeasible (null).
    /// </summary>
    internal sealed partial class RangeEngine
    {
        private enum Relation
        {
            Less,
            LessOrEqual,
            Greater,
            GreaterOrEqual,
            Equal,
            NotEqual,
        }

        private ValueRange[]? Refine(ValueRange[] state, IOperation condition, bool truth)
        {
            if (depth > MaxDepth)
            {
                return state;
            }

            depth++;
            try
            {
                return RefineCore(state, condition, truth);
            }
            finally
            {
                depth--;
            }
        }

        private ValueRange[]? RefineCore(ValueRange[] state, IOperation condition, bool truth)
        {
            if (condition.ConstantValue.HasValue && condition.ConstantValue.Value is bool constant)
            {
                return constant == truth ? state : null;
            }

            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not:
                    return Refine(state, not.Operand, !truth);

                case IBinaryOperation { OperatorMethod: null } binary
                    when binary.OperatorKind == BinaryOperatorKind.ConditionalAnd || binary.OperatorKind == BinaryOperatorKind.ConditionalOr:
                    {
                        var isAnd = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd;
                        if (isAnd == truth)
                        {
                            // a && b true, or a || b false: both hold.
                            var first = Refine(state, binary.LeftOperand, truth);
                            return first is null ? null : Refine(first, binary.RightOperand, truth);
                        }

                        // a && b false: !a, or a && !b. a || b true: a, or !a && b.
                        var left = Refine((ValueRange[])state.Clone(), binary.LeftOperand, truth);
                        var other = Refine((ValueRange[])state.Clone(), binary.LeftOperand, !truth);
                        var right = other is null ? null : Refine(other, binary.RightOperand, truth);
                        return JoinNullable(left, right);
                    }

                case IBinaryOperation { OperatorMethod: null } comparison:
                    {
                        var relation = RelationOf(comparison.OperatorKind);
                        if (relation is null)
                        {
                            return state;
                        }

                        return RefineComparison(state, comparison.LeftOperand, relation.Value, comparison.RightOperand, truth);
                    }

                case IInvocationOperation invocation when invocation.Arguments.Length == 1:
                    {
                        var check = KnownCalls.ClassificationCheck(invocation.TargetMethod, symbols);
                        if (check is null)
                        {
                            return state;
                        }

                        var argument = invocation.Arguments[0].Value;
                        return RefineTarget(state, argument, range => Classify(range, check, truth));
                    }

                case IIsPatternOperation isPattern:
                    return RefineTarget(state, isPattern.Value, range => MatchPattern(range, isPattern.Pattern, truth));

                case IFlowCaptureReferenceOperation:
                    return state;
            }

            return state;
        }

        private static ValueRange[]? JoinNullable(ValueRange[]? a, ValueRange[]? b)
        {
            if (a is null)
            {
                return b;
            }

            return b is null ? a : JoinInto(a, b);
        }

        private ValueRange[]? RefineComparison(ValueRange[] state, IOperation leftOperand, Relation relation, IOperation rightOperand, bool truth)
        {
            var left = evaluated.TryGetValue(leftOperand, out var l) ? l : ValueRange.Unknown(NumericKind.Double);
            var right = evaluated.TryGetValue(rightOperand, out var r) ? r : ValueRange.Unknown(NumericKind.Double);

            // x != x and x == x: the NaN test.
            if ((relation == Relation.Equal || relation == Relation.NotEqual) && SameValue(leftOperand, rightOperand))
            {
                var isNaN = (relation == Relation.NotEqual) == truth;
                return RefineTarget(state, leftOperand, range => isNaN ? (range.MayBeNaN ? ValueRange.NaNOnly(range.Kind) : ValueRange.Bottom(range.Kind)) : range.WithoutNaN());
            }

            var next = RefineTarget(state, leftOperand, range => Constrain(range, relation, right, truth, IntegralSlot(leftOperand)));
            if (next is null)
            {
                return null;
            }

            return RefineTarget(next, rightOperand, range => Constrain(range, Flip(relation), left, truth, IntegralSlot(rightOperand)));
        }

        /// <summary>Applies <paramref name="refine"/> to the slot <paramref name="operand"/> denotes (through widening conversions and <c>Math.Abs</c>).</summary>
        private ValueRange[]? RefineTarget(ValueRange[] state, IOperation operand, Func<ValueRange, ValueRange> refine)
        {
            var target = operand;
            while (target is IConversionOperation { OperatorMethod: null } conversion && IsExactWidening(conversion))
            {
                target = conversion.Operand;
            }

            // Math.Abs(x) compared: |x| >= c > 0 keeps x away from 0; |x| <= c bounds x.
            if (target is IInvocationOperation { Arguments.Length: 1 } abs && abs.TargetMethod.Name == "Abs"
                && KnownCalls.FamilyOf(abs.TargetMethod, symbols) == KnownCalls.Family.ScalarMath)
            {
                var absRange = evaluated.TryGetValue(operand, out var a) ? a : ValueRange.Unknown(NumericKind.Double);
                var refinedAbs = refine(absRange);
                if (refinedAbs.IsBottom)
                {
                    return null;
                }

                var inner = abs.Arguments[0].Value;
                return RefineTarget(state, inner, x =>
                {
                    var result = refinedAbs.IsEmptyInterval ? x : x.Intersect(-refinedAbs.Hi, refinedAbs.Hi);
                    if (!refinedAbs.IsEmptyInterval && refinedAbs.Lo > 0)
                    {
                        result = result.WithoutZero();
                    }

                    return refinedAbs.MayBeNaN ? result : result.WithoutNaN();
                });
            }

            var slot = TargetSlot(target);
            if (slot < 0)
            {
                return state;
            }

            var refined = refine(state[slot]).WithKind(slots[slot].Kind);
            if (refined.IsBottom)
            {
                return null;
            }

            state[slot] = refined;
            if (captureAliases.TryGetValue(slot, out var aliased))
            {
                var refinedAlias = refine(state[aliased]).WithKind(slots[aliased].Kind);
                if (refinedAlias.IsBottom)
                {
                    return null;
                }

                state[aliased] = refinedAlias;
            }

            return state;
        }

        private bool IntegralSlot(IOperation operand)
        {
            var target = operand;
            while (target is IConversionOperation { OperatorMethod: null } conversion && IsExactWidening(conversion))
            {
                target = conversion.Operand;
            }

            var slot = TargetSlot(target);
            return slot >= 0 && slots[slot].Integral;
        }

        private bool IsExactWidening(IConversionOperation conversion)
        {
            var from = Info(conversion.Operand?.Type);
            var to = Info(conversion.Type);
            if (!IsNumeric(conversion.Operand?.Type) || !IsNumeric(conversion.Type) || to.Integral)
            {
                return false;
            }

            if (from.Integral)
            {
                // Integers up to 2^24 (float) / 2^53 (double) convert exactly.
                var limit = to.Kind == NumericKind.Double ? 9007199254740992.0 : to.Kind == NumericKind.Single ? 16777216.0 : 2048.0;
                return from.Min >= -limit && from.Max <= limit;
            }

            return from.Kind == to.Kind || to.Kind == NumericKind.Double || (to.Kind == NumericKind.Single && from.Kind == NumericKind.Half);
        }

        /// <summary>The values of <paramref name="x"/> for which <c>x relation y</c> is <paramref name="truth"/>.</summary>
        private static ValueRange Constrain(ValueRange x, Relation relation, ValueRange y, bool truth, bool integral)
        {
            if (!truth)
            {
                // !(x < y) is x >= y, or either is NaN: no bound on x at all when y may be NaN.
                if (relation == Relation.NotEqual)
                {
                    return Constrain(x, Relation.Equal, y, true, integral);
                }

                if (relation == Relation.Equal)
                {
                    return Constrain(x, Relation.NotEqual, y, true, integral);
                }

                if (y.MayBeNaN)
                {
                    return x;
                }

                var bounded = Bound(x, Negate(relation), y, integral);
                return x.MayBeNaN ? bounded.WithNaN() : bounded.WithoutNaN();
            }

            if (relation == Relation.NotEqual)
            {
                // NaN != anything is true: x keeps its NaN; a NaN y bounds nothing.
                if (y.MayBeNaN || !y.IsConstant)
                {
                    return x;
                }

                var c = y.Lo;
                if (c == 0)
                {
                    return x.WithoutZero();
                }

                var lo = x.Lo == c ? Above(c, x.Kind, integral) : x.Lo;
                var hi = x.Hi == c ? Below(c, x.Kind, integral) : x.Hi;
                return x.ExcludesZero ? ValueRange.OfExcludingZero(lo, hi, x.MayBeNaN, x.Kind) : ValueRange.Of(lo, hi, x.MayBeNaN, x.Kind);
            }

            return Bound(x, relation, y, integral).WithoutNaN();
        }

        private static ValueRange Bound(ValueRange x, Relation relation, ValueRange y, bool integral)
        {
            if (y.IsEmptyInterval)
            {
                return ValueRange.Bottom(x.Kind);
            }

            switch (relation)
            {
                case Relation.Less:
                    return x.Intersect(double.NegativeInfinity, Below(y.Hi, x.Kind, integral));
                case Relation.LessOrEqual:
                    return x.Intersect(double.NegativeInfinity, AtMost(y.Hi, x.Kind, integral));
                case Relation.Greater:
                    return x.Intersect(Above(y.Lo, x.Kind, integral), double.PositiveInfinity);
                case Relation.GreaterOrEqual:
                    return x.Intersect(AtLeast(y.Lo, x.Kind, integral), double.PositiveInfinity);
                case Relation.Equal:
                    return x.Intersect(AtLeast(y.Lo, x.Kind, integral), AtMost(y.Hi, x.Kind, integral));
                default:
                    return x;
            }
        }

        /// <summary>The smallest value of the type greater than <paramref name="v"/>.</summary>
        private static double Above(double v, NumericKind kind, bool integral)
        {
            if (double.IsPositiveInfinity(v))
            {
                return double.PositiveInfinity; // nothing is above +inf: the caller's interval empties only if it was {+inf}
            }

            if (integral)
            {
                return Math.Floor(v) + 1;
            }

            var r = FloatingPoint.RoundUp(v, kind);
            return r > v ? r : FloatingPoint.NextUp(r, kind);
        }

        private static double Below(double v, NumericKind kind, bool integral) => -Above(-v, kind, integral);

        private static double AtLeast(double v, NumericKind kind, bool integral)
            => integral ? Math.Ceiling(v) : FloatingPoint.RoundUp(v, kind);

        private static double AtMost(double v, NumericKind kind, bool integral)
            => integral ? Math.Floor(v) : FloatingPoint.RoundDown(v, kind);

        private static Relation? RelationOf(BinaryOperatorKind kind)
        {
            switch (kind)
            {
                case BinaryOperatorKind.LessThan:
                    return Relation.Less;
                case BinaryOperatorKind.LessThanOrEqual:
                    return Relation.LessOrEqual;
                case BinaryOperatorKind.GreaterThan:
                    return Relation.Greater;
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return Relation.GreaterOrEqual;
                case BinaryOperatorKind.Equals:
                    return Relation.Equal;
                case BinaryOperatorKind.NotEquals:
                    return Relation.NotEqual;
                default:
                    return null;
            }
        }

        private static Relation Flip(Relation relation)
        {
            switch (relation)
            {
                case Relation.Less:
                    return Relation.Greater;
                case Relation.LessOrEqual:
                    return Relation.GreaterOrEqual;
                case Relation.Greater:
                    return Relation.Less;
                case Relation.GreaterOrEqual:
                    return Relation.LessOrEqual;
                default:
                    return relation;
            }
        }

        private static Relation Negate(Relation relation)
        {
            switch (relation)
            {
                case Relation.Less:
                    return Relation.GreaterOrEqual;
                case Relation.LessOrEqual:
                    return Relation.Greater;
                case Relation.Greater:
                    return Relation.LessOrEqual;
                case Relation.GreaterOrEqual:
                    return Relation.Less;
                case Relation.Equal:
                    return Relation.NotEqual;
                default:
                    return Relation.Equal;
            }
        }

        private static ValueRange Classify(ValueRange x, string check, bool truth)
        {
            var max = FloatingPoint.MaxValue(x.Kind);
            var finite = x.Intersect(-max, max).WithoutNaN();
            var infinities = ValueRange.Bottom(x.Kind);
            if (x.MayBeNegativeInfinity)
            {
                infinities = infinities.Join(RangeMath.Point(double.NegativeInfinity, x.Kind));
            }

            if (x.MayBePositiveInfinity)
            {
                infinities = infinities.Join(RangeMath.Point(double.PositiveInfinity, x.Kind));
            }

            switch (check)
            {
                case "IsNaN":
                    return truth ? (x.MayBeNaN ? ValueRange.NaNOnly(x.Kind) : ValueRange.Bottom(x.Kind)) : x.WithoutNaN();
                case "IsFinite":
                    return truth ? finite : (x.MayBeNaN ? infinities.WithNaN() : infinities);
                case "IsInfinity":
                    return truth ? infinities : (x.MayBeNaN ? finite.WithNaN() : finite);
                case "IsPositiveInfinity":
                    return truth
                        ? (x.MayBePositiveInfinity ? RangeMath.Point(double.PositiveInfinity, x.Kind) : ValueRange.Bottom(x.Kind))
                        : x.Intersect(double.NegativeInfinity, max);
                case "IsNegativeInfinity":
                    return truth
                        ? (x.MayBeNegativeInfinity ? RangeMath.Point(double.NegativeInfinity, x.Kind) : ValueRange.Bottom(x.Kind))
                        : x.Intersect(-max, double.PositiveInfinity);
                case "IsNormal":
                    return truth ? finite.WithoutZero() : x;
                case "IsPositive":
                    // IsPositive(x) is true for +0 and positive numbers (and NaN with a clear sign bit).
                    return truth ? x.Intersect(0, double.PositiveInfinity) : x.Intersect(double.NegativeInfinity, 0);
                case "IsNegative":
                    return truth ? x.Intersect(double.NegativeInfinity, 0) : x.Intersect(0, double.PositiveInfinity);
                default:
                    return x;
            }
        }

        private ValueRange MatchPattern(ValueRange x, IPatternOperation pattern, bool truth)
        {
            switch (pattern)
            {
                case INegatedPatternOperation negated:
                    return MatchPattern(x, negated.Pattern, !truth);
                case IBinaryPatternOperation binary:
                    {
                        var isAnd = binary.OperatorKind == BinaryOperatorKind.And;
                        if (isAnd == truth)
                        {
                            return MatchPattern(MatchPattern(x, binary.LeftPattern, truth), binary.RightPattern, truth);
                        }

                        var left = MatchPattern(x, binary.LeftPattern, truth);
                        var right = MatchPattern(MatchPattern(x, binary.LeftPattern, !truth), binary.RightPattern, truth);
                        return left.Join(right);
                    }

                case IRelationalPatternOperation relational:
                    {
                        var relation = RelationOf(relational.OperatorKind);
                        if (relation is null || !relational.Value.ConstantValue.HasValue || !MethodRanges.TryGetNumber(relational.Value.ConstantValue.Value, out var c))
                        {
                            return x;
                        }

                        return Constrain(x, relation.Value, ValueRange.Constant(c, x.Kind), truth, false);
                    }

                case IConstantPatternOperation constant:
                    {
                        if (!constant.Value.ConstantValue.HasValue || !MethodRanges.TryGetNumber(constant.Value.ConstantValue.Value, out var c))
                        {
                            return x;
                        }

                        if (double.IsNaN(c))
                        {
                            // Patterns match NaN.
                            return truth ? (x.MayBeNaN ? ValueRange.NaNOnly(x.Kind) : ValueRange.Bottom(x.Kind)) : x.WithoutNaN();
                        }

                        return Constrain(x, Relation.Equal, ValueRange.Constant(c, x.Kind), truth, false);
                    }

                default:
                    return x;
            }
        }
    }
}

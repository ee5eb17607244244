using System;
using System.Globalization;

namespace NanAnalyzers.Ranges
{
    /// <summary>The IEEE type a value is computed in: the ends of its range are values of that type.</summary>
    internal enum NumericKind
    {
        Double,
        Single,
        Half,
    }

    /// <summary>
    /// What a floating-point (or integer) value can be at a program point: a closed interval
    /// <c>[Lo, Hi]</c> (ends may be infinite), whether it may be NaN, and optionally a hole at zero
    /// (<c>x != 0</c> on a range that straddles 0). An empty interval without NaN means "not reachable";
    /// an empty interval with NaN means "only NaN". Immutable.
    /// </summary>
    internal readonly struct ValueRange : IEquatable<ValueRange>
    {
        private ValueRange(double lo, double hi, bool mayBeNaN, NumericKind kind, bool excludesZero)
        {
            if (double.IsNaN(lo) || double.IsNaN(hi) || lo > hi)
            {
                lo = double.PositiveInfinity;
                hi = double.NegativeInfinity;
                excludesZero = false;
            }
            else if (excludesZero && (lo > 0 || hi < 0))
            {
                excludesZero = false;
            }
            else if (excludesZero && lo == 0 && hi == 0)
            {
                lo = double.PositiveInfinity;
                hi = double.NegativeInfinity;
                excludesZero = false;
            }
            else if (excludesZero && lo == 0)
            {
                lo = FloatingPoint.NextUp(0, kind);
                excludesZero = false;
            }
            else if (excludesZero && hi == 0)
            {
                hi = FloatingPoint.NextDown(0, kind);
                excludesZero = false;
            }

            // -0 and +0 are one point of the interval.
            Lo = lo == 0 ? 0.0 : lo;
            Hi = hi == 0 ? 0.0 : hi;
            MayBeNaN = mayBeNaN;
            Kind = kind;
            ExcludesZero = excludesZero;
        }

        /// <summary>The lowest value (closed end), possibly -inf.</summary>
        public double Lo { get; }

        /// <summary>The highest value (closed end), possibly +inf.</summary>
        public double Hi { get; }

        /// <summary>True when the value may be NaN.</summary>
        public bool MayBeNaN { get; }

        /// <summary>The type the value is computed in.</summary>
        public NumericKind Kind { get; }

        /// <summary>True when 0 lies strictly inside [Lo, Hi] but is known not to be the value (after <c>x != 0</c>).</summary>
        public bool ExcludesZero { get; }

        /// <summary>True when no number is possible (the interval is empty); the value may still be NaN.</summary>
        public bool IsEmptyInterval => Lo > Hi;

        /// <summary>True when nothing at all is possible: an unreachable program point.</summary>
        public bool IsBottom => IsEmptyInterval && !MayBeNaN;

        /// <summary>True for <c>[-inf, +inf] or NaN</c>: nothing is known.</summary>
        public bool IsUnknown => MayBeNaN && double.IsNegativeInfinity(Lo) && double.IsPositiveInfinity(Hi) && !ExcludesZero;

        /// <summary>True when the value is one number (and not NaN).</summary>
        public bool IsConstant => !MayBeNaN && Lo == Hi;

        /// <summary>True when the value is known to be finite and not NaN.</summary>
        public bool IsFinite => !MayBeNaN && !MayBeInfinite;

        /// <summary>True when the value may be 0 (either sign).</summary>
        public bool MayBeZero => Lo <= 0 && Hi >= 0 && !ExcludesZero;

        /// <summary>True when the value may be &lt;= 0.</summary>
        public bool MayBeNonPositive => Lo <= 0;

        /// <summary>True when the value may be &lt; 0.</summary>
        public bool MayBeNegative => Lo < 0;

        /// <summary>True when the value may be &gt; 0.</summary>
        public bool MayBePositive => Hi > 0;

        /// <summary>True when the value may be +inf or -inf.</summary>
        public bool MayBeInfinite => double.IsInfinity(Lo) || double.IsInfinity(Hi);

        /// <summary>True when the value may be +inf.</summary>
        public bool MayBePositiveInfinity => double.IsPositiveInfinity(Hi);

        /// <summary>True when the value may be -inf.</summary>
        public bool MayBeNegativeInfinity => double.IsNegativeInfinity(Lo);

        /// <summary>The unknown value of <paramref name="kind"/>: <c>[-inf, +inf] or NaN</c>.</summary>
        public static ValueRange Unknown(NumericKind kind) => new ValueRange(double.NegativeInfinity, double.PositiveInfinity, true, kind, false);

        /// <summary>Any number of <paramref name="kind"/>, NaN excluded.</summary>
        public static ValueRange AnyNumber(NumericKind kind) => new ValueRange(double.NegativeInfinity, double.PositiveInfinity, false, kind, false);

        /// <summary>Only NaN.</summary>
        public static ValueRange NaNOnly(NumericKind kind) => new ValueRange(double.PositiveInfinity, double.NegativeInfinity, true, kind, false);

        /// <summary>Nothing: an unreachable value.</summary>
        public static ValueRange Bottom(NumericKind kind) => new ValueRange(double.PositiveInfinity, double.NegativeInfinity, false, kind, false);

        /// <summary>Exactly <paramref name="value"/> (NaN gives <see cref="NaNOnly"/>).</summary>
        public static ValueRange Constant(double value, NumericKind kind)
        {
            if (double.IsNaN(value))
            {
                return NaNOnly(kind);
            }

            var v = FloatingPoint.Round(value, kind);
            return new ValueRange(v, v, false, kind, false);
        }

        /// <summary>The closed interval [<paramref name="lo"/>, <paramref name="hi"/>] (empty when lo &gt; hi).</summary>
        public static ValueRange Of(double lo, double hi, bool mayBeNaN, NumericKind kind)
            => new ValueRange(lo, hi, mayBeNaN, kind, false);

        /// <summary>The closed interval with a hole at zero.</summary>
        public static ValueRange OfExcludingZero(double lo, double hi, bool mayBeNaN, NumericKind kind)
            => new ValueRange(lo, hi, mayBeNaN, kind, true);

        /// <summary>True when the value may be greater than <paramref name="limit"/>.</summary>
        public bool MayExceed(double limit) => Hi > limit;

        /// <summary>True when the value may be less than <paramref name="limit"/>.</summary>
        public bool MayBeBelow(double limit) => Lo < limit;

        /// <summary>True when the value may lie outside the closed [<paramref name="lo"/>, <paramref name="hi"/>], NaN included.</summary>
        public bool MayBeOutside(double lo, double hi) => MayBeNaN || (!IsEmptyInterval && (Lo < lo || Hi > hi));

        /// <summary>This range without NaN.</summary>
        public ValueRange WithoutNaN() => new ValueRange(Lo, Hi, false, Kind, ExcludesZero);

        /// <summary>This range, NaN possible.</summary>
        public ValueRange WithNaN() => new ValueRange(Lo, Hi, true, Kind, ExcludesZero);

        /// <summary>This range without 0.</summary>
        public ValueRange WithoutZero() => new ValueRange(Lo, Hi, MayBeNaN, Kind, true);

        /// <summary>The same numbers in another kind (no rounding).</summary>
        public ValueRange WithKind(NumericKind kind) => new ValueRange(Lo, Hi, MayBeNaN, kind, ExcludesZero);

        /// <summary>The intersection with [<paramref name="lo"/>, <paramref name="hi"/>] (NaN unchanged).</summary>
        public ValueRange Intersect(double lo, double hi)
            => new ValueRange(Math.Max(Lo, lo), Math.Min(Hi, hi), MayBeNaN, Kind, ExcludesZero);

        /// <summary>The intersection of two ranges.</summary>
        public ValueRange Intersect(ValueRange other)
            => new ValueRange(Math.Max(Lo, other.Lo), Math.Min(Hi, other.Hi), MayBeNaN && other.MayBeNaN, Kind, ExcludesZero || other.ExcludesZero);

        /// <summary>The hull of two ranges (the join at a merge).</summary>
        public ValueRange Join(ValueRange other)
        {
            if (IsEmptyInterval)
            {
                return new ValueRange(other.Lo, other.Hi, MayBeNaN || other.MayBeNaN, Kind, other.ExcludesZero);
            }

            if (other.IsEmptyInterval)
            {
                return new ValueRange(Lo, Hi, MayBeNaN || other.MayBeNaN, Kind, ExcludesZero);
            }

            var excludesZero = (ExcludesZero || !MayBeZero) && (other.ExcludesZero || !other.MayBeZero);
            return new ValueRange(Math.Min(Lo, other.Lo), Math.Max(Hi, other.Hi), MayBeNaN || other.MayBeNaN, Kind, excludesZero);
        }

        public bool Equals(ValueRange other)
            => Lo.Equals(other.Lo) && Hi.Equals(other.Hi) && MayBeNaN == other.MayBeNaN && Kind == other.Kind && ExcludesZero == other.ExcludesZero;

        public override bool Equals(object? obj) => obj is ValueRange other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = Lo.GetHashCode();
                hash = (hash * 397) ^ Hi.GetHashCode();
                hash = (hash * 397) ^ (MayBeNaN ? 1 : 0);
                hash = (hash * 397) ^ (ExcludesZero ? 2 : 0);
                return (hash * 397) ^ (int)Kind;
            }
        }

        public static bool operator ==(ValueRange left, ValueRange right) => left.Equals(right);

        public static bool operator !=(ValueRange left, ValueRange right) => !left.Equals(right);

        /// <summary>"[0, 1]", "[-inf, +inf] or NaN", "0", "[1e-12, +inf]", "[0, 1)", "NaN", "nothing".</summary>
        public override string ToString()
        {
            if (IsEmptyInterval)
            {
                return MayBeNaN ? "NaN" : "nothing";
            }

            string text;
            if (Lo == Hi)
            {
                text = Format(Lo);
            }
            else
            {
                // An end one ulp short of a short number is shown open: [0, 1 - ulp] is "[0, 1)".
                var hiText = "]";
                var hi = Hi;
                var up = FloatingPoint.NextUp(Hi, Kind);
                if (!double.IsInfinity(Hi) && !double.IsInfinity(up) && IsShort(up) && !IsShort(Hi))
                {
                    hi = up;
                    hiText = ")";
                }

                var loText = "[";
                var lo = Lo;
                var down = FloatingPoint.NextDown(Lo, Kind);
                if (!double.IsInfinity(Lo) && !double.IsInfinity(down) && IsShort(down) && !IsShort(Lo))
                {
                    lo = down;
                    loText = "(";
                }

                text = loText + Format(lo) + ", " + Format(hi) + hiText;
            }

            if (ExcludesZero)
            {
                text += " except 0";
            }

            return MayBeNaN ? text + " or NaN" : text;
        }

        private static bool IsShort(double value)
            => value.ToString("R", CultureInfo.InvariantCulture).Length <= 6;

        internal static string Format(double value)
        {
            if (double.IsPositiveInfinity(value))
            {
                return "+inf";
            }

            if (double.IsNegativeInfinity(value))
            {
                return "-inf";
            }

            if (Math.Floor(value) == value && Math.Abs(value) < 1e16)
            {
                return value.ToString("F0", CultureInfo.InvariantCulture);
            }

            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (text.Length > 8)
            {
                text = value.ToString("G4", CultureInfo.InvariantCulture);
            }

            return text.Replace("E+", "e").Replace("E-", "e-").Replace("E", "e");
        }
    }
}

using System;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// Transfer functions on <see cref="ValueRange"/>. Arithmetic rounds each end to nearest in the result's
    /// kind, exactly as the runtime does (round-to-nearest is monotonic, so the ends stay sound); library
    /// functions that are not correctly rounded (exp, log, tanh ...) are widened one ulp outward, except at
    /// their exact points (exp(0) = 1, log(1) = 0).
    /// </summary>
    internal static class RangeMath
    {
        public static ValueRange Add(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            var nan = a.MayBeNaN || b.MayBeNaN
                || (a.MayBePositiveInfinity && b.MayBeNegativeInfinity)
                || (a.MayBeNegativeInfinity && b.MayBePositiveInfinity);
            return Corners(a, b, kind, nan, (x, y) => x + y);
        }

        public static ValueRange Subtract(ValueRange a, ValueRange b, NumericKind kind) => Add(a, Negate(b), kind);

        public static ValueRange Multiply(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            var nan = a.MayBeNaN || b.MayBeNaN
                || (a.MayBeZero && b.MayBeInfinite)
                || (a.MayBeInfinite && b.MayBeZero);
            return Corners(a, b, kind, nan, (x, y) => x * y);
        }

        public static ValueRange Divide(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            var nan = a.MayBeNaN || b.MayBeNaN;
            var result = ValueRange.Bottom(kind);
            var epsilon = FloatingPoint.Epsilon(kind);
            if (b.Lo < 0)
            {
                var piece = ValueRange.Of(b.Lo, Math.Min(b.Hi, -epsilon), false, kind);
                nan |= a.MayBeInfinite && piece.MayBeInfinite;
                result = result.Join(Corners(a, piece, kind, false, (x, y) => x / y));
            }

            if (b.Hi > 0)
            {
                var piece = ValueRange.Of(Math.Max(b.Lo, epsilon), b.Hi, false, kind);
                nan |= a.MayBeInfinite && piece.MayBeInfinite;
                result = result.Join(Corners(a, piece, kind, false, (x, y) => x / y));
            }

            if (b.MayBeZero)
            {
                // The sign of a zero is not tracked: a zero in a non-negative range is taken as +0
                // (counts, sums of squares, exp underflow, Math.Max(x, 0)), in a non-positive one as -0.
                var plusZero = b.Hi > 0 || b.Lo == 0;
                var minusZero = b.Lo < 0;
                if (a.MayBePositive)
                {
                    result = result.Join(plusZero ? Point(double.PositiveInfinity, kind) : ValueRange.Bottom(kind));
                    result = result.Join(minusZero ? Point(double.NegativeInfinity, kind) : ValueRange.Bottom(kind));
                }

                if (a.MayBeNegative)
                {
                    result = result.Join(plusZero ? Point(double.NegativeInfinity, kind) : ValueRange.Bottom(kind));
                    result = result.Join(minusZero ? Point(double.PositiveInfinity, kind) : ValueRange.Bottom(kind));
                }

                nan |= a.MayBeZero;
            }

            return nan ? result.WithNaN() : result;
        }

        /// <summary>C# integer division (truncates toward zero; division by zero throws, so it is excluded).</summary>
        public static ValueRange IntegerDivide(ValueRange a, ValueRange b, double typeMin, double typeMax)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return ValueRange.Of(typeMin, typeMax, false, NumericKind.Double);
            }

            var result = ValueRange.Bottom(NumericKind.Double);
            if (b.Lo <= -1)
            {
                var piece = ValueRange.Of(b.Lo, Math.Min(b.Hi, -1), false, NumericKind.Double);
                result = result.Join(Corners(a, piece, NumericKind.Double, false, (x, y) => Truncate(x / y)));
            }

            if (b.Hi >= 1)
            {
                var piece = ValueRange.Of(Math.Max(b.Lo, 1), b.Hi, false, NumericKind.Double);
                result = result.Join(Corners(a, piece, NumericKind.Double, false, (x, y) => Truncate(x / y)));
            }

            if (result.IsEmptyInterval || result.Lo < typeMin || result.Hi > typeMax)
            {
                return ValueRange.Of(typeMin, typeMax, false, NumericKind.Double);
            }

            return result;
        }

        /// <summary>C# integer remainder: |a % b| &lt; |b|, with the sign of a.</summary>
        public static ValueRange IntegerRemainder(ValueRange a, ValueRange b, double typeMin, double typeMax)
        {
            var magnitude = Math.Max(Math.Abs(b.Lo), Math.Abs(b.Hi)) - 1;
            if (double.IsNaN(magnitude) || magnitude < 0)
            {
                magnitude = 0;
            }

            var lo = a.Lo >= 0 ? 0 : -magnitude;
            var hi = a.Hi <= 0 ? 0 : magnitude;
            return ValueRange.Of(Math.Max(lo, Math.Max(typeMin, a.Lo < 0 ? a.Lo : 0)), Math.Min(hi, Math.Min(typeMax, a.Hi > 0 ? a.Hi : 0)), false, NumericKind.Double);
        }

        /// <summary>Floating-point remainder: |a % b| &lt; |b| and &lt;= |a|, the sign of a; NaN for inf % b or a % 0.</summary>
        public static ValueRange Remainder(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            var bound = Math.Min(Math.Max(Math.Abs(b.Lo), Math.Abs(b.Hi)), Math.Max(Math.Abs(a.Lo), Math.Abs(a.Hi)));
            var nan = a.MayBeNaN || b.MayBeNaN || a.MayBeInfinite || b.MayBeZero;
            var lo = a.Lo >= 0 ? 0 : -bound;
            var hi = a.Hi <= 0 ? 0 : bound;
            return ValueRange.Of(lo, hi, nan, kind);
        }

        public static ValueRange Negate(ValueRange a)
        {
            if (a.IsEmptyInterval)
            {
                return a;
            }

            return a.ExcludesZero
                ? ValueRange.OfExcludingZero(-a.Hi, -a.Lo, a.MayBeNaN, a.Kind)
                : ValueRange.Of(-a.Hi, -a.Lo, a.MayBeNaN, a.Kind);
        }

        /// <summary>A numeric conversion to a floating-point kind: each end rounds to nearest (monotonic).</summary>
        public static ValueRange Convert(ValueRange a, NumericKind kind)
        {
            if (a.IsEmptyInterval)
            {
                return a.WithKind(kind);
            }

            var lo = FloatingPoint.Round(a.Lo, kind);
            var hi = FloatingPoint.Round(a.Hi, kind);
            var widening = kind == a.Kind || kind == NumericKind.Double || (kind == NumericKind.Single && a.Kind == NumericKind.Half);
            return widening && a.ExcludesZero
                ? ValueRange.OfExcludingZero(lo, hi, a.MayBeNaN, kind)
                : ValueRange.Of(lo, hi, a.MayBeNaN, kind);
        }

        /// <summary>A conversion to an integer type with the given bounds (NaN and out-of-range give the whole type).</summary>
        public static ValueRange ConvertToInteger(ValueRange a, double typeMin, double typeMax)
        {
            if (a.IsEmptyInterval && !a.MayBeNaN)
            {
                return ValueRange.Bottom(NumericKind.Double);
            }

            if (a.MayBeNaN || a.IsEmptyInterval || Truncate(a.Lo) < typeMin || Truncate(a.Hi) > typeMax)
            {
                return ValueRange.Of(typeMin, typeMax, false, NumericKind.Double);
            }

            return ValueRange.Of(Truncate(a.Lo), Truncate(a.Hi), false, NumericKind.Double);
        }

        /// <summary>An integer result: the whole type when it may overflow (it wraps).</summary>
        public static ValueRange ToIntegerType(ValueRange a, double typeMin, double typeMax)
        {
            if (a.IsEmptyInterval || a.MayBeNaN || a.Lo < typeMin || a.Hi > typeMax)
            {
                return ValueRange.Of(typeMin, typeMax, false, NumericKind.Double);
            }

            return ValueRange.Of(a.Lo, a.Hi, false, NumericKind.Double);
        }

        public static ValueRange Abs(ValueRange a)
        {
            if (a.IsEmptyInterval)
            {
                return a;
            }

            double lo;
            if (a.Lo >= 0)
            {
                lo = a.Lo;
            }
            else if (a.Hi <= 0)
            {
                lo = -a.Hi;
            }
            else
            {
                lo = a.ExcludesZero ? FloatingPoint.Epsilon(a.Kind) : 0;
            }

            var hi = Math.Max(Math.Abs(a.Lo), Math.Abs(a.Hi));
            return ValueRange.Of(lo, hi, a.MayBeNaN, a.Kind);
        }

        /// <summary><c>Math.Max</c>: NaN if either argument is NaN (.NET Core 3.0 and later).</summary>
        public static ValueRange Max(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            return ValueRange.Of(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi), a.MayBeNaN || b.MayBeNaN, kind);
        }

        /// <summary><c>Math.Min</c>: NaN if either argument is NaN.</summary>
        public static ValueRange Min(ValueRange a, ValueRange b, NumericKind kind)
        {
            if (a.IsEmptyInterval || b.IsEmptyInterval)
            {
                return Degenerate(a, b, kind);
            }

            return ValueRange.Of(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi), a.MayBeNaN || b.MayBeNaN, kind);
        }

        /// <summary><c>Math.Clamp(x, min, max)</c>: NaN stays NaN.</summary>
        public static ValueRange Clamp(ValueRange x, ValueRange min, ValueRange max, NumericKind kind)
        {
            if (x.IsEmptyInterval || min.IsEmptyInterval || max.IsEmptyInterval)
            {
                return x.IsEmptyInterval ? x.WithKind(kind) : ValueRange.Unknown(kind);
            }

            var lo = Math.Min(Math.Max(x.Lo, min.Lo), max.Lo);
            var hi = Math.Min(Math.Max(x.Hi, min.Hi), max.Hi);
            return ValueRange.Of(Math.Min(lo, hi), Math.Max(lo, hi), x.MayBeNaN, kind);
        }

        /// <summary><c>x * x</c> of one value: never negative.</summary>
        public static ValueRange Square(ValueRange a, NumericKind kind)
        {
            if (a.IsEmptyInterval)
            {
                return a.WithKind(kind);
            }

            var m = Abs(a);
            var lo = FloatingPoint.Round(m.Lo * m.Lo, kind);
            var hi = FloatingPoint.Round(m.Hi * m.Hi, kind);
            return ValueRange.Of(lo, hi, a.MayBeNaN, kind);
        }

        /// <summary><c>Math.Sqrt</c>: correctly rounded; NaN below 0.</summary>
        public static ValueRange Sqrt(ValueRange a, NumericKind kind)
        {
            if (a.IsEmptyInterval)
            {
                return a.WithKind(kind);
            }

            var nan = a.MayBeNaN || a.Lo < 0;
            if (a.Hi < 0)
            {
                return ValueRange.NaNOnly(kind);
            }

            var lo = FloatingPoint.Round(Math.Sqrt(Math.Max(a.Lo, 0)), kind);
            var hi = FloatingPoint.Round(Math.Sqrt(a.Hi), kind);
            return ValueRange.Of(lo, hi, nan, kind);
        }

        /// <summary><c>Math.Exp</c>: [0, +inf]; overflows above ln(MaxValue) and underflows to exactly 0.</summary>
        public static ValueRange Exp(ValueRange a, NumericKind kind)
            => Monotone(a, kind, Math.Exp, double.NegativeInfinity, double.PositiveInfinity, 0, double.PositiveInfinity, (x, y) => x == 0 || double.IsInfinity(x) || y == 0);

        /// <summary><c>Math.Log</c>, <c>Log2</c>, <c>Log10</c>: NaN below 0, -inf at 0.</summary>
        public static ValueRange Log(ValueRange a, NumericKind kind, double logBase)
        {
            Func<double, double> f;
            if (logBase == 2)
            {
                f = x => Math.Log(x) / Math.Log(2);
            }
            else if (logBase == 10)
            {
                f = Math.Log10;
            }
            else
            {
                f = Math.Log;
            }

            return Monotone(a, kind, f, 0, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, (x, y) => x == 1 || x == 0 || double.IsInfinity(x));
        }

        public static ValueRange Tanh(ValueRange a, NumericKind kind)
            => Monotone(a, kind, Math.Tanh, double.NegativeInfinity, double.PositiveInfinity, -1, 1, (x, y) => x == 0 || Math.Abs(y) == 1);

        public static ValueRange Atan(ValueRange a, NumericKind kind)
            => Monotone(a, kind, Math.Atan, double.NegativeInfinity, double.PositiveInfinity, -Math.PI / 2 - 1e-15, Math.PI / 2 + 1e-15, (x, y) => x == 0);

        public static ValueRange Cbrt(ValueRange a, NumericKind kind)
            => Monotone(a, kind, x => x < 0 ? -Math.Pow(-x, 1.0 / 3) : Math.Pow(x, 1.0 / 3), double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, (x, y) => x == 0 || double.IsInfinity(x));

        /// <summary><c>Math.Asin</c>: NaN outside [-1, 1].</summary>
        public static ValueRange Asin(ValueRange a, NumericKind kind)
            => Monotone(a, kind, Math.Asin, -1, 1, -Math.PI / 2 - 1e-15, Math.PI / 2 + 1e-15, (x, y) => x == 0);

        /// <summary><c>Math.Acos</c>: decreasing, NaN outside [-1, 1].</summary>
        public static ValueRange Acos(ValueRange a, NumericKind kind)
            => Negate(Monotone(a, kind, x => -Math.Acos(x), -1, 1, -Math.PI - 1e-15, 0, (x, y) => x == 1)).WithKind(kind);

        /// <summary><c>Math.Atanh</c>: NaN outside [-1, 1], infinite at the ends.</summary>
        public static ValueRange Atanh(ValueRange a, NumericKind kind)
            => Monotone(a, kind, x => x == 1 ? double.PositiveInfinity : x == -1 ? double.NegativeInfinity : 0.5 * Math.Log((1 + x) / (1 - x)), -1, 1, double.NegativeInfinity, double.PositiveInfinity, (x, y) => x == 0 || double.IsInfinity(y));

        /// <summary><c>Math.Sin</c>/<c>Cos</c>: [-1, 1], NaN for infinite arguments.</summary>
        public static ValueRange SinCos(ValueRange a, NumericKind kind)
            => a.IsEmptyInterval ? a.WithKind(kind) : ValueRange.Of(-1, 1, a.MayBeNaN || a.MayBeInfinite, kind);

        /// <summary>Floor, Ceiling, Round, Truncate: monotone and exact.</summary>
        public static ValueRange Rounding(ValueRange a, NumericKind kind, Func<double, double> f)
            => a.IsEmptyInterval ? a.WithKind(kind) : ValueRange.Of(f(a.Lo), f(a.Hi), a.MayBeNaN, kind);

        /// <summary><c>Math.Pow(x, y)</c>.</summary>
        public static ValueRange Pow(ValueRange x, ValueRange y, NumericKind kind)
        {
            if (x.IsEmptyInterval || y.IsEmptyInterval)
            {
                return Degenerate(x, y, kind);
            }

            if (y.IsConstant)
            {
                var e = y.Lo;
                if (e == 0)
                {
                    return ValueRange.Constant(1, kind); // Pow(NaN, 0) is 1
                }

                if (e == 1)
                {
                    return x.WithKind(kind);
                }

                if (e == 2)
                {
                    return Square(x, kind);
                }

                if (e == 0.5)
                {
                    // Pow(-0, 0.5) is +0 and Pow(-inf, 0.5) is +inf, otherwise Sqrt.
                    var root = Sqrt(x, kind);
                    return x.MayBeNegativeInfinity ? root.Join(Point(double.PositiveInfinity, kind)) : root;
                }

                if (x.Lo >= 0)
                {
                    return PowNonNegativeBase(x, e, kind);
                }

                if (Math.Floor(e) == e && !double.IsInfinity(e))
                {
                    var even = Math.Abs(e % 2) == 0;
                    var magnitude = PowNonNegativeBase(Abs(x), e, kind);
                    if (even)
                    {
                        return magnitude;
                    }

                    // An odd power keeps the sign.
                    var negative = x.Lo < 0 ? Negate(PowNonNegativeBase(Abs(ValueRange.Of(x.Lo, Math.Min(x.Hi, 0), false, kind)), e, kind)) : ValueRange.Bottom(kind);
                    var positive = x.Hi >= 0 ? PowNonNegativeBase(ValueRange.Of(Math.Max(x.Lo, 0), x.Hi, false, kind), e, kind) : ValueRange.Bottom(kind);
                    var joined = negative.Join(positive);
                    return x.MayBeNaN ? joined.WithNaN() : joined;
                }

                // A negative base with a non-integer exponent is NaN.
                var nonNegative = x.Hi >= 0 ? PowNonNegativeBase(ValueRange.Of(Math.Max(x.Lo, 0), x.Hi, x.MayBeNaN, kind), e, kind) : ValueRange.NaNOnly(kind);
                return nonNegative.WithNaN();
            }

            if (x.Lo >= 0)
            {
                // x^y = exp(y ln x) is bilinear in (y, ln x): its extremes are at the corners.
                var lo = double.PositiveInfinity;
                var hi = double.NegativeInfinity;
                foreach (var b in new[] { x.Lo, x.Hi })
                {
                    foreach (var e in new[] { y.Lo, y.Hi })
                    {
                        var v = Math.Pow(b, e);
                        if (double.IsNaN(v))
                        {
                            return ValueRange.Of(0, double.PositiveInfinity, true, kind);
                        }

                        lo = Math.Min(lo, v);
                        hi = Math.Max(hi, v);
                    }
                }

                lo = FloatingPoint.Round(Math.Max(0, FloatingPoint.NextDown(lo, NumericKind.Double)), kind);
                hi = FloatingPoint.Round(FloatingPoint.NextUp(hi, NumericKind.Double), kind);
                return ValueRange.Of(lo, hi, x.MayBeNaN || y.MayBeNaN, kind);
            }

            return ValueRange.Unknown(kind);
        }

        private static ValueRange PowNonNegativeBase(ValueRange x, double e, NumericKind kind)
        {
            if (x.IsEmptyInterval)
            {
                return x.WithKind(kind);
            }

            var lo = Math.Max(x.Lo, 0);
            var a = Math.Pow(lo, e);
            var b = Math.Pow(x.Hi, e);
            var min = Math.Min(a, b);
            var max = Math.Max(a, b);
            if (!(min == 0 || min == 1 || double.IsInfinity(min)))
            {
                min = Math.Max(0, FloatingPoint.NextDown(min, NumericKind.Double));
            }

            if (!(max == 0 || max == 1 || double.IsInfinity(max)))
            {
                max = FloatingPoint.NextUp(max, NumericKind.Double);
            }

            min = FloatingPoint.Round(min, kind);
            max = FloatingPoint.Round(max, kind);
            return ValueRange.Of(min, max, x.MayBeNaN, kind);
        }

        /// <summary>
        /// A monotonically increasing function over its domain [<paramref name="domainLo"/>, <paramref name="domainHi"/>]
        /// (NaN outside), with values in [<paramref name="codomainLo"/>, <paramref name="codomainHi"/>].
        /// </summary>
        public static ValueRange Monotone(
            ValueRange a,
            NumericKind kind,
            Func<double, double> f,
            double domainLo,
            double domainHi,
            double codomainLo,
            double codomainHi,
            Func<double, double, bool> isExact)
        {
            if (a.IsEmptyInterval)
            {
                return a.WithKind(kind);
            }

            var nan = a.MayBeNaN || a.Lo < domainLo || a.Hi > domainHi;
            var lo = Math.Max(a.Lo, domainLo);
            var hi = Math.Min(a.Hi, domainHi);
            if (lo > hi)
            {
                return ValueRange.NaNOnly(kind);
            }

            // The library may be one double ulp off; the result then rounds to the value's kind.
            var fLo = f(lo);
            var fHi = f(hi);
            if (!isExact(lo, fLo))
            {
                fLo = FloatingPoint.NextDown(fLo, NumericKind.Double);
            }

            if (!isExact(hi, fHi))
            {
                fHi = FloatingPoint.NextUp(fHi, NumericKind.Double);
            }

            fLo = FloatingPoint.Round(fLo, kind);
            fHi = FloatingPoint.Round(fHi, kind);

            fLo = Math.Max(fLo, codomainLo);
            fHi = Math.Min(fHi, codomainHi);
            return ValueRange.Of(fLo, fHi, nan, kind);
        }

        /// <summary>Exactly one (possibly infinite) number.</summary>
        public static ValueRange Point(double value, NumericKind kind) => ValueRange.Of(value, value, false, kind);

        public static double Truncate(double value) => value < 0 ? Math.Ceiling(value) : Math.Floor(value);

        private static ValueRange Degenerate(ValueRange a, ValueRange b, NumericKind kind)
            => (a.MayBeNaN || b.MayBeNaN) && !(a.IsBottom || b.IsBottom) ? ValueRange.NaNOnly(kind) : ValueRange.Bottom(kind);

        private static ValueRange Corners(ValueRange a, ValueRange b, NumericKind kind, bool nan, Func<double, double, double> op)
        {
            var lo = double.PositiveInfinity;
            var hi = double.NegativeInfinity;
            var any = false;
            Accumulate(op(a.Lo, b.Lo));
            Accumulate(op(a.Lo, b.Hi));
            Accumulate(op(a.Hi, b.Lo));
            Accumulate(op(a.Hi, b.Hi));
            if (!any)
            {
                return ValueRange.NaNOnly(kind);
            }

            return ValueRange.Of(lo, hi, nan, kind);

            void Accumulate(double value)
            {
                if (double.IsNaN(value))
                {
                    return;
                }

                value = FloatingPoint.Round(value, kind);
                any = true;
                lo = Math.Min(lo, value);
                hi = Math.Max(hi, value);
            }
        }
    }
}

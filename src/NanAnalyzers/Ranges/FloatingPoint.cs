using System;
using System.Runtime.InteropServices;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// Rounding and neighbours in the three IEEE binary formats, computed in <c>double</c>
    /// (netstandard2.0 has neither <c>Math.BitIncrement</c> nor <c>System.Half</c>).
    /// Round-to-nearest is monotonic, so an interval whose ends are rounded like the runtime rounds
    /// holds every runtime result; a float or Half operation computed in double and then rounded gives
    /// the correctly rounded result (double has more than 2p + 2 bits).
    /// </summary>
    internal static class FloatingPoint
    {
        public const double HalfMaxValue = 65504.0;

        /// <summary>Round <paramref name="value"/> to the nearest value of <paramref name="kind"/>.</summary>
        public static double Round(double value, NumericKind kind)
        {
            switch (kind)
            {
                case NumericKind.Single:
                    return (float)value;
                case NumericKind.Half:
                    return RoundToHalf(value);
                default:
                    return value;
            }
        }

        /// <summary>The largest finite value of <paramref name="kind"/>.</summary>
        public static double MaxValue(NumericKind kind)
        {
            switch (kind)
            {
                case NumericKind.Single:
                    return float.MaxValue;
                case NumericKind.Half:
                    return HalfMaxValue;
                default:
                    return double.MaxValue;
            }
        }

        /// <summary>The smallest positive value of <paramref name="kind"/>.</summary>
        public static double Epsilon(NumericKind kind)
        {
            switch (kind)
            {
                case NumericKind.Single:
                    return float.Epsilon;
                case NumericKind.Half:
                    return 5.9604644775390625E-08; // 2^-24
                default:
                    return double.Epsilon;
            }
        }

        /// <summary>The smallest value of <paramref name="kind"/> greater than <paramref name="value"/>.</summary>
        public static double NextUp(double value, NumericKind kind)
        {
            if (double.IsNaN(value) || double.IsPositiveInfinity(value))
            {
                return value;
            }

            switch (kind)
            {
                case NumericKind.Single:
                    {
                        var f = (float)value;
                        if (f > value)
                        {
                            return f;
                        }

                        return NextUpSingle(f);
                    }

                case NumericKind.Half:
                    {
                        var h = RoundToHalf(value);
                        if (h > value)
                        {
                            return h;
                        }

                        return NextUpHalf(h);
                    }

                default:
                    return NextUpDouble(value);
            }
        }

        /// <summary>The largest value of <paramref name="kind"/> less than <paramref name="value"/>.</summary>
        public static double NextDown(double value, NumericKind kind) => -NextUp(-value, kind);

        /// <summary>The smallest value of <paramref name="kind"/> that is &gt;= <paramref name="value"/>.</summary>
        public static double RoundUp(double value, NumericKind kind)
        {
            var r = Round(value, kind);
            return r >= value ? r : NextUp(r, kind);
        }

        /// <summary>The largest value of <paramref name="kind"/> that is &lt;= <paramref name="value"/>.</summary>
        public static double RoundDown(double value, NumericKind kind)
        {
            var r = Round(value, kind);
            return r <= value ? r : NextDown(r, kind);
        }

        private static double NextUpDouble(double value)
        {
            if (value == 0)
            {
                return double.Epsilon;
            }

            var bits = BitConverter.DoubleToInt64Bits(value);
            bits += value > 0 ? 1 : -1;
            return BitConverter.Int64BitsToDouble(bits);
        }

        private static double NextUpSingle(float value)
        {
            if (float.IsPositiveInfinity(value))
            {
                return value;
            }

            if (value == 0)
            {
                return float.Epsilon;
            }

            var union = new SingleBits { Single = value };
            union.Bits += value > 0 ? 1 : -1;
            return union.Single;
        }

        private static double NextUpHalf(double value)
        {
            if (double.IsNegativeInfinity(value))
            {
                return -HalfMaxValue;
            }

            if (value >= HalfMaxValue)
            {
                return double.PositiveInfinity;
            }

            if (value >= 0)
            {
                return value + HalfQuantum(value);
            }

            var magnitude = -value;
            var quantum = HalfQuantum(magnitude);
            var exponent = BinaryExponent(magnitude);
            if (exponent > -14 && magnitude == Math.Pow(2, exponent))
            {
                quantum /= 2;
            }

            var up = value + quantum;
            return up == 0 ? 0.0 : up;
        }

        private static double RoundToHalf(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
            {
                return value;
            }

            var magnitude = Math.Abs(value);
            if (magnitude >= 65520.0)
            {
                return value > 0 ? double.PositiveInfinity : double.NegativeInfinity;
            }

            var quantum = HalfQuantum(magnitude);
            var rounded = Math.Round(magnitude / quantum, MidpointRounding.ToEven) * quantum;
            return value > 0 ? rounded : -rounded;
        }

        /// <summary>The spacing of Half values at <paramref name="magnitude"/> (&gt;= 0).</summary>
        private static double HalfQuantum(double magnitude)
        {
            var exponent = magnitude == 0 ? -14 : Math.Max(BinaryExponent(magnitude), -14);
            return Math.Pow(2, exponent - 10);
        }

        /// <summary>floor(log2(<paramref name="magnitude"/>)) for a positive finite double.</summary>
        private static int BinaryExponent(double magnitude)
        {
            var bits = BitConverter.DoubleToInt64Bits(magnitude);
            var biased = (int)((bits >> 52) & 0x7FF);
            if (biased == 0)
            {
                return -1023; // subnormal double: far below every Half
            }

            return biased - 1023;
        }

        [StructLayout(LayoutKind.Explicit)]
        private struct SingleBits
        {
            [FieldOffset(0)]
            public float Single;

            [FieldOffset(0)]
            public int Bits;
        }
    }
}

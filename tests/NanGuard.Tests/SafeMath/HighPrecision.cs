using System;
using System.Numerics;

namespace NanGuard.Tests.SafeMathTests
{
    /// <summary>
    /// An independent reference for log1p and expm1: exact binary fixed point with 1300 fraction bits
    /// (BigInteger), atanh series for log and a Taylor series for expm1. Every double converts exactly
    /// (down to 2^-1074 needs 1126 bits), and the series are summed until the terms vanish, so the
    /// reference is good to far below 2^-100 relative for arguments of magnitude at least 1e-300.
    /// </summary>
    internal static class HighPrecision
    {
        public const int P = 1300;
        private static readonly BigInteger One = BigInteger.One << P;
        private static readonly BigInteger Ln2 = 2 * Atanh(Div(One, 3 * One));

        public static BigInteger FromDouble(double x)
        {
            if (x == 0)
            {
                return BigInteger.Zero;
            }

            long bits = BitConverter.DoubleToInt64Bits(x);
            int exponent = (int)((bits >> 52) & 0x7FF);
            long mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent == 0)
            {
                exponent = 1;
            }
            else
            {
                mantissa |= 1L << 52;
            }

            int shift = exponent - 1075 + P;
            if (shift < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(x), "Not exactly representable with P fraction bits.");
            }

            BigInteger v = new BigInteger(mantissa) << shift;
            return bits < 0 ? -v : v;
        }

        /// <summary>Approximately (to about 60 bits) the double nearest to a fixed-point value.</summary>
        public static double ToDouble(BigInteger v)
        {
            if (v.IsZero)
            {
                return 0;
            }

            int sign = v.Sign;
            BigInteger a = BigInteger.Abs(v);
            int shift = (int)a.GetBitLength() - 64;
            BigInteger top = shift > 0 ? a >> shift : a << -shift;
            return sign * Math.ScaleB((double)top, shift - P);
        }

        public static BigInteger Log1P(double x)
        {
            if (!(x > -1))
            {
                throw new ArgumentOutOfRangeException(nameof(x));
            }

            return Log(One + FromDouble(x));
        }

        public static BigInteger ExpM1(double x)
        {
            BigInteger v = FromDouble(x);
            if (Math.Abs(x) <= 0.5)
            {
                return ExpM1Series(v);
            }

            // x = k ln2 + r, |r| <= ~0.35; expm1(x) = 2^k (1 + expm1(r)) - 1.
            int k = (int)Math.Round(x / Math.Log(2));
            BigInteger r = v - (k * Ln2);
            BigInteger e = ExpM1Series(r) + One;
            e = k >= 0 ? e << k : e >> -k;
            return e - One;
        }

        /// <summary>The error of <paramref name="result"/> in units of the last place at the reference (the smaller ulp at a power of 2).</summary>
        public static double UlpError(double result, BigInteger reference)
        {
            double r = Math.Abs(ToDouble(reference));
            double ulp = Math.Min(Math.BitIncrement(r) - r, r - Math.BitDecrement(r));
            if (r == 0)
            {
                ulp = double.Epsilon;
            }

            return Math.Abs(ToDouble(FromDouble(result) - reference)) / ulp;
        }

        /// <summary>The error of a float result in float ulps.</summary>
        public static double UlpErrorSingle(float result, BigInteger reference)
        {
            float r = Math.Abs((float)ToDouble(reference));
            float ulp = Math.Min(MathF.BitIncrement(r) - r, r - MathF.BitDecrement(r));
            if (r == 0)
            {
                ulp = float.Epsilon;
            }

            return Math.Abs(ToDouble(FromDouble(result) - reference)) / ulp;
        }

        private static BigInteger Mul(BigInteger a, BigInteger b)
        {
            // Truncate toward zero (an arithmetic shift of a negative value floors, and -1 would never vanish).
            BigInteger p = a * b;
            return p.Sign < 0 ? -(-p >> P) : p >> P;
        }

        private static BigInteger Div(BigInteger a, BigInteger b) => (a << P) / b;

        private static BigInteger Atanh(BigInteger s)
        {
            BigInteger s2 = Mul(s, s);
            BigInteger term = s;
            BigInteger sum = BigInteger.Zero;
            for (int k = 0; !term.IsZero; k++)
            {
                sum += term / ((2 * k) + 1);
                term = Mul(term, s2);
            }

            return sum;
        }

        private static BigInteger Log(BigInteger u)
        {
            // u = 2^k m with m in [0.75, 1.5), log u = k ln2 + 2 atanh((m - 1) / (m + 1)).
            int k = (int)u.GetBitLength() - 1 - P;
            BigInteger m = k >= 0 ? u >> k : u << -k;
            if (m * 2 > 3 * One)
            {
                m >>= 1;
                k++;
            }

            return (k * Ln2) + (2 * Atanh(Div(m - One, m + One)));
        }

        private static BigInteger ExpM1Series(BigInteger r)
        {
            BigInteger term = r;
            BigInteger sum = BigInteger.Zero;
            for (int n = 2; !term.IsZero; n++)
            {
                sum += term;
                term = Mul(term, r) / n;
            }

            return sum;
        }
    }
}

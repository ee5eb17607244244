using System;

namespace NanGuard.Internal
{
    /// <summary>
    /// Accurate cores of <c>expm1</c> and <c>log1p</c> in double-double arithmetic. Inputs are
    /// already checked (no NaN) and clamped by the callers in <see cref="SafeMath"/>.
    /// </summary>
    internal static class MathAccurate
    {
        /// <summary>2^-54: below this |x|, expm1(x) and log1p(x) round to x.</summary>
        internal const double Tiny = 5.5511151231257827e-17;

        /// <summary>The largest argument whose exp is finite in double (checked by a test).</summary>
        internal const double MaxExpArgument = 709.782712893384;

        // ln 2 split so that k * Ln2Hi is exact for |k| < 2^20 (the high part has 20 trailing zero bits).
        private static readonly double Ln2Hi = BitConverter.Int64BitsToDouble(0x3FE62E42FEE00000);
        private static readonly double Ln2Lo = BitConverter.Int64BitsToDouble(0x3DEA39EF35793C76);
        private const double InvLn2 = 1.4426950408889634;
        private const double HalfLn2 = 0.34657359027997264;
        private const double TwoPow60 = 1.152921504606846976e18;
        private const double OneSixthHi = 0.16666666666666666;
        private const double OneSixthLo = 9.25185853854297e-18;

        /// <summary>expm1(x), x not NaN and at most <see cref="MaxExpArgument"/>; about 0.5 ulp.</summary>
        internal static double ExpM1(double x)
        {
            if (x < -38.0)
            {
                // e^x < 2^-54: the result rounds to -1 (e^-inf - 1 is exactly -1).
                return Math.Exp(x) - 1.0;
            }

            if (Math.Abs(x) < Tiny)
            {
                return x;
            }

            ExpM1DoubleDouble(x, out double hi, out double lo);
            double result = hi + lo;
            return double.IsPositiveInfinity(result) ? double.MaxValue : result;
        }

        /// <summary>log1p(x), x not NaN and at least -1; about 0.5 ulp.</summary>
        internal static double Log1P(double x)
        {
            if (double.IsPositiveInfinity(x))
            {
                return x;
            }

            if (x <= -0.5)
            {
                // 1 + x is exact here (Sterbenz), so the platform log of it is as good as it gets.
                return Math.Log(1.0 + x);
            }

            if (Math.Abs(x) < Tiny)
            {
                return x;
            }

            if (x > TwoPow60)
            {
                // log1p(x) = log(x) + log1p(1/x), and 1/x is far below an ulp of log(x).
                return Math.Log(x);
            }

            // A first estimate within a few ulps (the rounding error of 1 + x corrected to first
            // order), then one Newton step on expm1(y) = x with expm1 in double-double.
            double u = 1.0 + x;
            double y0 = Math.Log(u) - (((u - 1.0) - x) / u);
            ExpM1DoubleDouble(y0, out double eh, out double el);
            double residual = (eh - x) + el;
            return y0 - (residual / (1.0 + eh));
        }

        /// <summary>expm1(x) as an unevaluated sum hi + lo, for x in [-38, <see cref="MaxExpArgument"/>].</summary>
        internal static void ExpM1DoubleDouble(double x, out double hi, out double lo)
        {
            int k;
            double rh, rl;
            if (Math.Abs(x) <= HalfLn2)
            {
                k = 0;
                rh = x;
                rl = 0.0;
            }
            else
            {
                // x = k ln2 + r with |r| <= ln2 / 2 (Cody-Waite; x - k * Ln2Hi is exact).
                k = (int)Math.Round(x * InvLn2);
                double t = x - (k * Ln2Hi);
                double p = k * Ln2Lo;
                TwoSum(t, -p, out rh, out rl);
            }

            ExpM1Reduced(rh, out double sh, out double sl);

            // expm1(rh + rl) = expm1(rh) + rl * e^rh to first order (|rl| is below an ulp of rh).
            sl += rl * (1.0 + sh);

            if (k == 0)
            {
                FastTwoSum(sh, sl, out hi, out lo);
                return;
            }

            if (k > 1000)
            {
                // The -1 is far below an ulp; scale in two steps so that 2^k never overflows.
                TwoSum(1.0, sh, out double ah, out double al);
                double m = ah + (al + sl);
                hi = m * PowerOfTwo(k - 1) * 2.0;
                lo = 0.0;
                return;
            }

            // 2^k e^r - 1 = 2^k expm1(r) + (2^k - 1).
            double scale = PowerOfTwo(k);
            TwoSum(scale, -1.0, out double bh, out double bl);
            TwoSum(sh * scale, bh, out double h, out double e);
            e += (sl * scale) + bl;
            FastTwoSum(h, e, out hi, out lo);
        }

        /// <summary>expm1(r) for |r| &lt;= ln2 / 2 as hi + lo, relative error below 2^-60.</summary>
        private static void ExpM1Reduced(double r, out double hi, out double lo)
        {
            // expm1(r) = r + r^2 (1/2 + r (1/6 + r P(r))), P(r) = 1/4! + r/5! + ... + r^13/17! in double:
            // the error of P is scaled by r^4/24 relative to the result, the rest is double-double.
            double p = 2.8114572543455206e-15;  // 1/17!
            p = (p * r) + 4.779477332387385e-14;  // 1/16!
            p = (p * r) + 7.647163731819816e-13;  // 1/15!
            p = (p * r) + 1.1470745597729725e-11;  // 1/14!
            p = (p * r) + 1.6059043836821613e-10;  // 1/13!
            p = (p * r) + 2.08767569878681e-09;  // 1/12!
            p = (p * r) + 2.505210838544172e-08;  // 1/11!
            p = (p * r) + 2.755731922398589e-07;  // 1/10!
            p = (p * r) + 2.7557319223985893e-06;  // 1/9!
            p = (p * r) + 2.48015873015873e-05;  // 1/8!
            p = (p * r) + 0.0001984126984126984;  // 1/7!
            p = (p * r) + 0.001388888888888889;  // 1/6!
            p = (p * r) + 0.008333333333333333;  // 1/5!
            p = (p * r) + 0.041666666666666664;  // 1/4!

            // C = 1/6 + r P in double-double (1/6 = OneSixthHi + OneSixthLo).
            TwoProduct(r, p, out double th, out double tl);
            TwoSum(OneSixthHi, th, out double ch, out double cl);
            cl += tl + OneSixthLo;

            // Q = 1/2 + r C in double-double.
            TwoProduct(r, ch, out double hh, out double hl);
            hl += r * cl;
            TwoSum(0.5, hh, out double qh, out double ql);
            ql += hl;
            TwoProduct(r, r, out double r2h, out double r2l);
            TwoProduct(r2h, qh, out double mh, out double ml);
            ml += (r2h * ql) + (r2l * qh);
            TwoSum(r, mh, out double s, out double e);
            e += ml;
            FastTwoSum(s, e, out hi, out lo);
        }

        /// <summary>2^k for k in [-1022, 1023].</summary>
        private static double PowerOfTwo(int k) => BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);

        internal static void TwoSum(double a, double b, out double s, out double e)
        {
            s = a + b;
            double bb = s - a;
            e = (a - (s - bb)) + (b - bb);
        }

        internal static void FastTwoSum(double a, double b, out double s, out double e)
        {
            s = a + b;
            e = b - (s - a);
        }

        internal static void TwoProduct(double a, double b, out double p, out double e)
        {
#if NET8_0_OR_GREATER
            p = a * b;
            e = Math.FusedMultiplyAdd(a, b, -p);
#else
            TwoProductDekker(a, b, out p, out e);
#endif
        }

        /// <summary>Dekker's exact product without FMA (netstandard2.0); |a|, |b| below 2^995.</summary>
        internal static void TwoProductDekker(double a, double b, out double p, out double e)
        {
            p = a * b;
            Split(a, out double ah, out double al);
            Split(b, out double bh, out double bl);
            e = (((ah * bh) - p) + (ah * bl) + (al * bh)) + (al * bl);
        }

        private static void Split(double a, out double hi, out double lo)
        {
            double c = 134217729.0 * a; // 2^27 + 1
            hi = c - (c - a);
            lo = a - hi;
        }
    }
}

using System;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class SafeMath
    {
        /// <summary>Natural logarithm of <c>max(x, epsilon)</c> (computed in double, rounded once to float).</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> (including 0, negatives and -inf) are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-7f, so the result is at least ln(1e-7) = -16.12.</param>
        /// <returns><c>ln(max(x, epsilon))</c>; +inf for +inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Log(float x, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            return (float)Math.Log(x < epsilon ? epsilon : x);
        }

        /// <summary>Base-2 logarithm of <c>max(x, epsilon)</c>.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-7f (result at least -23.25).</param>
        /// <returns><c>log2(max(x, epsilon))</c>; +inf for +inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Log2(float x, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            double v = x < epsilon ? epsilon : x;
#if NET8_0_OR_GREATER
            return (float)Math.Log2(v);
#else
            return (float)(Math.Log(v) / Ln2);
#endif
        }

        /// <summary>Base-10 logarithm of <c>max(x, epsilon)</c>.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-7f (result at least -7).</param>
        /// <returns><c>log10(max(x, epsilon))</c>; +inf for +inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Log10(float x, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            return (float)Math.Log10(x < epsilon ? epsilon : x);
        }

        /// <summary>Square root of <c>max(x, epsilon)</c>; by default negatives are clamped to 0.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 0 (pass a positive value when the root is a divisor). 0 is allowed here.</param>
        /// <returns><c>sqrt(max(x, epsilon))</c>; +inf for +inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
        public static float Sqrt(float x, float epsilon = 0f)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.NonNegativeEpsilon(epsilon, nameof(epsilon));
            return (float)Math.Sqrt(x < epsilon ? epsilon : x);
        }

        /// <summary>
        /// <c>a / b</c> with a divisor kept away from 0: when <c>|b| &lt; epsilon</c>, b is replaced by
        /// <c>epsilon</c> carrying b's sign, where 0 and -0 count as positive.
        /// </summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor. <c>b</c> in <c>[0, epsilon)</c> (and -0) becomes <c>+epsilon</c>; <c>b</c> in <c>(-epsilon, 0)</c> becomes <c>-epsilon</c>.</param>
        /// <param name="epsilon">The smallest divisor magnitude; default 1e-7f.</param>
        /// <returns><c>a / b'</c> in float. Not NaN; it can overflow to ±inf when <c>|a| / epsilon</c> exceeds <see cref="float.MaxValue"/>.</returns>
        /// <exception cref="ArgumentException"><paramref name="a"/> or <paramref name="b"/> is NaN, or both are infinite.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Divide(float a, float b, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(a, nameof(a));
            MathChecks.NotNaN(b, nameof(b));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            if (float.IsInfinity(a) && float.IsInfinity(b))
            {
                throw new ArgumentException("Both the dividend and the divisor are infinite; their quotient is undefined.", nameof(b));
            }

            if (Math.Abs(b) < epsilon)
            {
                b = b < 0 ? -epsilon : epsilon;
            }

            return a / b;
        }

        /// <summary>
        /// <c>e^x</c> clamped to at most <see cref="float.MaxValue"/> (float <c>MathF.Exp(89f)</c> is +inf; this is <see cref="float.MaxValue"/>).
        /// </summary>
        /// <param name="x">The exponent. -inf gives 0; +inf and anything above about 88.72 give <see cref="float.MaxValue"/>.</param>
        /// <returns><c>min(e^x, float.MaxValue)</c>, computed in double and rounded once.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        public static float Exp(float x)
        {
            MathChecks.NotNaN(x, nameof(x));
            double result = Math.Exp(x > 89f ? 89.0 : x);
            return result > float.MaxValue ? float.MaxValue : (float)result;
        }

        /// <summary>Arc cosine of <c>x</c> clamped to [-1, 1].</summary>
        /// <param name="x">The cosine; values outside [-1, 1], including ±inf, are clamped to the nearest end.</param>
        /// <returns>An angle in [0, π].</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        public static float Acos(float x)
        {
            MathChecks.NotNaN(x, nameof(x));
            return (float)Math.Acos(x > 1f ? 1.0 : x < -1f ? -1.0 : x);
        }

        /// <summary>Arc sine of <c>x</c> clamped to [-1, 1].</summary>
        /// <param name="x">The sine; values outside [-1, 1], including ±inf, are clamped to the nearest end.</param>
        /// <returns>An angle in [-π/2, π/2].</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        public static float Asin(float x)
        {
            MathChecks.NotNaN(x, nameof(x));
            return (float)Math.Asin(x > 1f ? 1.0 : x < -1f ? -1.0 : x);
        }

        /// <summary>Inverse hyperbolic tangent of <c>x</c> clamped to <c>[-1 + epsilon, 1 - epsilon]</c> (in float), so the result is finite.</summary>
        /// <param name="x">The argument; values outside the interval (including ±1 and ±inf) are clamped to the nearest end.</param>
        /// <param name="epsilon">The distance kept from ±1; default 1e-7f (1 - 1e-7f rounds to 0.99999988f, so |result| is at most 8.32). Must be in (0, 1).</param>
        /// <returns><c>atanh(clamp(x, -(1 - epsilon), 1 - epsilon))</c>.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not in (0, 1).</exception>
        public static float Atanh(float x, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            if (epsilon >= 1f)
            {
                throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The epsilon of Atanh must be less than 1.");
            }

            float limit = 1f - epsilon;
            float v = x > limit ? limit : x < -limit ? -limit : x;
            return (float)Atanh((double)v, 1e-300);
        }

        /// <summary>
        /// <c>x^y</c> with the base clamped so the result is never NaN, by the rules of
        /// <see cref="Pow(double, double, double)"/>; computed in double and rounded once.
        /// </summary>
        /// <param name="x">The base.</param>
        /// <param name="y">The exponent.</param>
        /// <param name="epsilon">The smallest base magnitude used with a negative exponent; default 1e-7f.</param>
        /// <returns>The clamped power. Not NaN; it can overflow to ±inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> or <paramref name="y"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Pow(float x, float y, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.NotNaN(y, nameof(y));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            return (float)PowCore(x, y, epsilon);
        }

        /// <summary>
        /// <c>ln(1 + x)</c> for float, computed with the accurate double algorithm and rounded once (at most
        /// about 0.5 ulp of float), with the argument raised to at least <c>-1 + epsilon</c>.
        /// </summary>
        /// <param name="x">The argument; values below <c>-1 + epsilon</c> (including -1 and -inf) are raised to it.</param>
        /// <param name="epsilon">The distance kept from -1; default 1e-7f (result at least about -15.9).</param>
        /// <returns><c>ln(1 + max(x, -1 + epsilon))</c>; +inf for +inf.</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static float Log1P(float x, float epsilon = DefaultEpsilonSingle)
        {
            MathChecks.NotNaN(x, nameof(x));
            MathChecks.Epsilon(epsilon, nameof(epsilon));
            float lower = -1f + epsilon;
            return (float)MathAccurate.Log1P(x < lower ? lower : x);
        }

        /// <summary>
        /// <c>e^x - 1</c> for float, computed with the accurate double algorithm and rounded once (at most
        /// about 0.5 ulp of float), clamped to at most <see cref="float.MaxValue"/>.
        /// </summary>
        /// <param name="x">The exponent; -inf gives -1, values above about 88.72 (and +inf) give <see cref="float.MaxValue"/>.</param>
        /// <returns><c>e^x - 1</c> in [-1, <see cref="float.MaxValue"/>].</returns>
        /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
        public static float ExpM1(float x)
        {
            MathChecks.NotNaN(x, nameof(x));
            double result = MathAccurate.ExpM1(x > 89f ? 89.0 : x);
            return result > float.MaxValue ? float.MaxValue : (float)result;
        }
    }
}

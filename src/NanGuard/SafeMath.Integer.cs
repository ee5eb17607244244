using System;

namespace NanGuard
{
    // Integer arguments: without these, SafeMath.Log(count) with an int count would bind to the
    // float overload (int converts better to float than to double) and lose precision.
    public static partial class SafeMath
    {
        /// <summary>Natural logarithm of an integer argument in double (a count that may be 0): <c>ln(max(x, epsilon))</c>.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> (0 and negatives) are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-12.</param>
        /// <returns>The logarithm in double, as <see cref="Log(double, double)"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static double Log(long x, double epsilon = DefaultEpsilon) => Log((double)x, epsilon);

        /// <summary>Base-2 logarithm of an integer argument in double: <c>log2(max(x, epsilon))</c>.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-12.</param>
        /// <returns>The logarithm in double, as <see cref="Log2(double, double)"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static double Log2(long x, double epsilon = DefaultEpsilon) => Log2((double)x, epsilon);

        /// <summary>Base-10 logarithm of an integer argument in double: <c>log10(max(x, epsilon))</c>.</summary>
        /// <param name="x">The argument; values below <paramref name="epsilon"/> are raised to it.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-12.</param>
        /// <returns>The logarithm in double, as <see cref="Log10(double, double)"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static double Log10(long x, double epsilon = DefaultEpsilon) => Log10((double)x, epsilon);

        /// <summary>Square root of an integer argument in double: <c>sqrt(max(x, epsilon))</c>.</summary>
        /// <param name="x">The argument; negatives are raised to <paramref name="epsilon"/>.</param>
        /// <param name="epsilon">The smallest argument used; default 0.</param>
        /// <returns>The root in double, as <see cref="Sqrt(double, double)"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
        public static double Sqrt(long x, double epsilon = 0.0) => Sqrt((double)x, epsilon);

        /// <summary>The ratio of two integers in double, with the divisor kept away from 0 as in <see cref="Divide(double, double, double)"/> (a divisor of 0 becomes +epsilon).</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor; 0 becomes +<paramref name="epsilon"/>.</param>
        /// <param name="epsilon">The smallest divisor magnitude; default 1e-12.</param>
        /// <returns><c>(double)a / b'</c>; finite.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static double Divide(long a, long b, double epsilon = DefaultEpsilon) => Divide((double)a, (double)b, epsilon);

        /// <summary>An integer power in double, as <see cref="Pow(double, double, double)"/> (a base of 0 with a negative exponent becomes +epsilon).</summary>
        /// <param name="x">The base.</param>
        /// <param name="y">The exponent.</param>
        /// <param name="epsilon">The smallest base magnitude used with a negative exponent; default 1e-12.</param>
        /// <returns>The power in double; it can overflow to ±inf.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static double Pow(long x, long y, double epsilon = DefaultEpsilon) => Pow((double)x, (double)y, epsilon);
    }
}

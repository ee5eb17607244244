using System;
using System.Globalization;

namespace NanGuard.Internal
{
    /// <summary>Argument checks shared by <see cref="SafeMath"/> and <see cref="StableMath"/>.</summary>
    internal static class MathChecks
    {
        internal static void NotNaN(double value, string paramName)
        {
            if (double.IsNaN(value))
            {
                ThrowNaN(paramName);
            }
        }

        internal static void NotNaN(float value, string paramName)
        {
            if (float.IsNaN(value))
            {
                ThrowNaN(paramName);
            }
        }

        internal static void ThrowNaN(string paramName) =>
            throw new ArgumentException("The value is NaN.", paramName);

        internal static void ThrowNaNAt(string paramName, int index) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0}[{1}] is NaN.", paramName, index), paramName);

        internal static void ThrowAt(string paramName, int index, string what) =>
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "{0}[{1}] {2}", paramName, index, what), paramName);

        /// <summary>An epsilon must be finite and strictly positive.</summary>
        internal static void Epsilon(double epsilon, string paramName)
        {
            if (!(epsilon > 0) || double.IsInfinity(epsilon))
            {
                throw new ArgumentOutOfRangeException(paramName, epsilon, "The epsilon must be finite and greater than 0.");
            }
        }

        /// <summary>An epsilon that may be 0 (Sqrt): finite and not negative.</summary>
        internal static void NonNegativeEpsilon(double epsilon, string paramName)
        {
            if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            {
                throw new ArgumentOutOfRangeException(paramName, epsilon, "The epsilon must be finite and not negative.");
            }
        }

        internal static void SameLength(int expected, int actual, string paramName)
        {
            if (expected != actual)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "{0} has length {1}; expected {2}.", paramName, actual, expected),
                    paramName);
            }
        }

        internal static void NotEmpty(int length, string paramName)
        {
            if (length == 0)
            {
                throw new ArgumentException("The input must not be empty.", paramName);
            }
        }

        /// <summary>x and destination may be the same memory, but must not partly overlap.</summary>
        internal static void NoPartialOverlap<T>(ReadOnlySpan<T> x, Span<T> destination, string paramName)
        {
            if (x.Overlaps(destination, out int offset) && offset != 0)
            {
                throw new ArgumentException("The destination overlaps the input at a different offset.", paramName);
            }
        }

        internal static int IndexOfNaN(ReadOnlySpan<double> x)
        {
#if NET8_0_OR_GREATER
            if (!System.Numerics.Tensors.TensorPrimitives.IsNaNAny(x))
            {
                return -1;
            }
#endif
            for (int i = 0; i < x.Length; i++)
            {
                if (double.IsNaN(x[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        internal static int IndexOfNaN(ReadOnlySpan<float> x)
        {
#if NET8_0_OR_GREATER
            if (!System.Numerics.Tensors.TensorPrimitives.IsNaNAny(x))
            {
                return -1;
            }
#endif
            for (int i = 0; i < x.Length; i++)
            {
                if (float.IsNaN(x[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        internal static void NoNaN(ReadOnlySpan<double> x, string paramName)
        {
            int i = IndexOfNaN(x);
            if (i >= 0)
            {
                ThrowNaNAt(paramName, i);
            }
        }

        internal static void NoNaN(ReadOnlySpan<float> x, string paramName)
        {
            int i = IndexOfNaN(x);
            if (i >= 0)
            {
                ThrowNaNAt(paramName, i);
            }
        }
    }
}

using System;
using NanGuard.Internal;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif

namespace NanGuard
{
    // Span versions in TensorPrimitives' shape. On .NET 8+ they are vectorized with TensorPrimitives
    // (Max/Min with the bound, then Log/Sqrt/Exp), so results may differ from the scalar overloads in
    // the last bit; on netstandard2.0 they loop over the scalar math. The whole input is checked for
    // NaN before anything is written.
    public static partial class SafeMath
    {
        /// <summary>Element-wise <see cref="Log(double, double)"/>: <c>destination[i] = ln(max(x[i], epsilon))</c>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives the logarithms; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-12.</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (the message names the index; nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static void Log(ReadOnlySpan<double> x, Span<double> destination, double epsilon = DefaultEpsilon)
        {
            CheckSpans(x, destination);
            MathChecks.Epsilon(epsilon, nameof(epsilon));
#if NET8_0_OR_GREATER
            TensorPrimitives.Max(x, epsilon, destination);
            TensorPrimitives.Log<double>(destination, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                double v = x[i];
                destination[i] = Math.Log(v < epsilon ? epsilon : v);
            }
#endif
        }

        /// <summary>Element-wise <see cref="Log(float, float)"/>: <c>destination[i] = ln(max(x[i], epsilon))</c>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives the logarithms; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <param name="epsilon">The smallest argument used; default 1e-7f.</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not finite and positive.</exception>
        public static void Log(ReadOnlySpan<float> x, Span<float> destination, float epsilon = DefaultEpsilonSingle)
        {
            CheckSpans(x, destination);
            MathChecks.Epsilon(epsilon, nameof(epsilon));
#if NET8_0_OR_GREATER
            TensorPrimitives.Max(x, epsilon, destination);
            TensorPrimitives.Log(destination, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                float v = x[i];
                destination[i] = (float)Math.Log(v < epsilon ? epsilon : v);
            }
#endif
        }

        /// <summary>Element-wise <see cref="Sqrt(double, double)"/>: <c>destination[i] = sqrt(max(x[i], epsilon))</c>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives the roots; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <param name="epsilon">The smallest argument used; default 0 (0 is allowed).</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
        public static void Sqrt(ReadOnlySpan<double> x, Span<double> destination, double epsilon = 0.0)
        {
            CheckSpans(x, destination);
            MathChecks.NonNegativeEpsilon(epsilon, nameof(epsilon));
#if NET8_0_OR_GREATER
            TensorPrimitives.Max(x, epsilon, destination);
            TensorPrimitives.Sqrt<double>(destination, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                double v = x[i];
                destination[i] = Math.Sqrt(v < epsilon ? epsilon : v);
            }
#endif
        }

        /// <summary>Element-wise <see cref="Sqrt(float, float)"/>: <c>destination[i] = sqrt(max(x[i], epsilon))</c>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives the roots; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <param name="epsilon">The smallest argument used; default 0 (0 is allowed).</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
        public static void Sqrt(ReadOnlySpan<float> x, Span<float> destination, float epsilon = 0f)
        {
            CheckSpans(x, destination);
            MathChecks.NonNegativeEpsilon(epsilon, nameof(epsilon));
#if NET8_0_OR_GREATER
            TensorPrimitives.Max(x, epsilon, destination);
            TensorPrimitives.Sqrt<float>(destination, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                float v = x[i];
                destination[i] = (float)Math.Sqrt(v < epsilon ? epsilon : v);
            }
#endif
        }

        /// <summary>Element-wise <see cref="Exp(double)"/>: <c>destination[i] = min(e^x[i], double.MaxValue)</c>, never +inf.</summary>
        /// <param name="x">The exponents.</param>
        /// <param name="destination">Receives the powers; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Exp(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckSpans(x, destination);
#if NET8_0_OR_GREATER
            TensorPrimitives.Exp<double>(x, destination);
            TensorPrimitives.Min(destination, double.MaxValue, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Exp(x[i]);
                destination[i] = v > double.MaxValue ? double.MaxValue : v;
            }
#endif
        }

        /// <summary>Element-wise <see cref="Exp(float)"/>: <c>destination[i] = min(e^x[i], float.MaxValue)</c>, never +inf.</summary>
        /// <param name="x">The exponents.</param>
        /// <param name="destination">Receives the powers; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException"><paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Exp(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckSpans(x, destination);
#if NET8_0_OR_GREATER
            TensorPrimitives.Exp(x, destination);
            TensorPrimitives.Min(destination, float.MaxValue, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Exp(x[i]);
                destination[i] = v > float.MaxValue ? float.MaxValue : (float)v;
            }
#endif
        }

        private static void CheckSpans(ReadOnlySpan<double> x, Span<double> destination)
        {
            MathChecks.SameLength(x.Length, destination.Length, nameof(destination));
            MathChecks.NoPartialOverlap(x, destination, nameof(destination));
            MathChecks.NoNaN(x, nameof(x));
        }

        private static void CheckSpans(ReadOnlySpan<float> x, Span<float> destination)
        {
            MathChecks.SameLength(x.Length, destination.Length, nameof(destination));
            MathChecks.NoPartialOverlap(x, destination, nameof(destination));
            MathChecks.NoNaN(x, nameof(x));
        }
    }
}

using System;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class InputValidation
    {
        /// <summary>
        /// Replaces, in place, NaN by <paramref name="nan"/>, +inf by <paramref name="positiveInfinity"/>
        /// (default <see cref="double.MaxValue"/>) and -inf by <paramref name="negativeInfinity"/>
        /// (default <see cref="double.MinValue"/>), as PyTorch's <c>nan_to_num</c> and NumPy's
        /// <c>nan_to_num</c> do. Finite values are left untouched.
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static double[] NanToNum(double[] values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            GuardKernels.NanToNum(values, nan, positiveInfinity ?? double.MaxValue, negativeInfinity ?? double.MinValue);
            return values;
        }

        /// <summary>
        /// Replaces, in place, NaN by <paramref name="nan"/>, +inf by <paramref name="positiveInfinity"/>
        /// (default <see cref="float.MaxValue"/>) and -inf by <paramref name="negativeInfinity"/>
        /// (default <see cref="float.MinValue"/>), PyTorch's <c>nan_to_num</c> semantics.
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="float.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="float.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static float[] NanToNum(float[] values, float nan = 0, float? positiveInfinity = null, float? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            GuardKernels.NanToNum(values, nan, positiveInfinity ?? float.MaxValue, negativeInfinity ?? float.MinValue);
            return values;
        }

        /// <summary>
        /// Replaces, in place, NaN by <paramref name="nan"/>, +inf by <paramref name="positiveInfinity"/>
        /// (default <see cref="double.MaxValue"/>) and -inf by <paramref name="negativeInfinity"/>
        /// (default <see cref="double.MinValue"/>), PyTorch's <c>nan_to_num</c> semantics.
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        public static void NanToNum(Span<double> values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            GuardKernels.NanToNum(values, nan, positiveInfinity ?? double.MaxValue, negativeInfinity ?? double.MinValue);
        }

        /// <summary>
        /// Replaces, in place, NaN by <paramref name="nan"/>, +inf by <paramref name="positiveInfinity"/>
        /// (default <see cref="float.MaxValue"/>) and -inf by <paramref name="negativeInfinity"/>
        /// (default <see cref="float.MinValue"/>), PyTorch's <c>nan_to_num</c> semantics.
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="float.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="float.MinValue"/>.</param>
        public static void NanToNum(Span<float> values, float nan = 0, float? positiveInfinity = null, float? negativeInfinity = null)
        {
            GuardKernels.NanToNum(values, nan, positiveInfinity ?? float.MaxValue, negativeInfinity ?? float.MinValue);
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of a 2-D array (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static double[,] NanToNum(double[,] values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            double pos = positiveInfinity ?? double.MaxValue;
            double neg = negativeInfinity ?? double.MinValue;
            if (GuardBuffers.TryGetSpan(values, out Span<double> span))
            {
                GuardKernels.NanToNum(span, nan, pos, neg);
                return values;
            }

            for (int r = 0; r < values.GetLength(0); r++)
            {
                for (int c = 0; c < values.GetLength(1); c++)
                {
                    double x = values[r, c];
                    if (double.IsNaN(x))
                    {
                        values[r, c] = nan;
                    }
                    else if (double.IsPositiveInfinity(x))
                    {
                        values[r, c] = pos;
                    }
                    else if (double.IsNegativeInfinity(x))
                    {
                        values[r, c] = neg;
                    }
                }
            }

            return values;
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of a 2-D array (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="float.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="float.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static float[,] NanToNum(float[,] values, float nan = 0, float? positiveInfinity = null, float? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            float pos = positiveInfinity ?? float.MaxValue;
            float neg = negativeInfinity ?? float.MinValue;
            if (GuardBuffers.TryGetSpan(values, out Span<float> span))
            {
                GuardKernels.NanToNum(span, nan, pos, neg);
                return values;
            }

            for (int r = 0; r < values.GetLength(0); r++)
            {
                for (int c = 0; c < values.GetLength(1); c++)
                {
                    float x = values[r, c];
                    if (float.IsNaN(x))
                    {
                        values[r, c] = nan;
                    }
                    else if (float.IsPositiveInfinity(x))
                    {
                        values[r, c] = pos;
                    }
                    else if (float.IsNegativeInfinity(x))
                    {
                        values[r, c] = neg;
                    }
                }
            }

            return values;
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of every row of a jagged array (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static double[][] NanToNum(double[][] values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            for (int r = 0; r < values.Length; r++)
            {
                Row(values, r, nameof(values));
            }

            for (int r = 0; r < values.Length; r++)
            {
                GuardKernels.NanToNum(values[r], nan, positiveInfinity ?? double.MaxValue, negativeInfinity ?? double.MinValue);
            }

            return values;
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of every row of a jagged array (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="float.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="float.MinValue"/>.</param>
        /// <returns>The same array, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static float[][] NanToNum(float[][] values, float nan = 0, float? positiveInfinity = null, float? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            for (int r = 0; r < values.Length; r++)
            {
                Row(values, r, nameof(values));
            }

            for (int r = 0; r < values.Length; r++)
            {
                GuardKernels.NanToNum(values[r], nan, positiveInfinity ?? float.MaxValue, negativeInfinity ?? float.MinValue);
            }

            return values;
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of a MathNet vector (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        /// <returns>The same vector, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static Vector<double> NanToNum(Vector<double> values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            double pos = positiveInfinity ?? double.MaxValue;
            double neg = negativeInfinity ?? double.MinValue;
            if (GuardBuffers.TryGetDense(values, out Span<double> span))
            {
                GuardKernels.NanToNum(span, nan, pos, neg);
            }
            else
            {
                values.MapInplace(x => Replace(x, nan, pos, neg), Zeros.AllowSkip);
            }

            return values;
        }

        /// <summary>
        /// Replaces, in place, the NaN and infinite elements of a MathNet matrix (PyTorch's <c>nan_to_num</c> semantics).
        /// </summary>
        /// <param name="values">The values to repair in place.</param>
        /// <param name="nan">The replacement for NaN.</param>
        /// <param name="positiveInfinity">The replacement for +inf; <see langword="null"/> means <see cref="double.MaxValue"/>.</param>
        /// <param name="negativeInfinity">The replacement for -inf; <see langword="null"/> means <see cref="double.MinValue"/>.</param>
        /// <returns>The same matrix, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static Matrix<double> NanToNum(Matrix<double> values, double nan = 0, double? positiveInfinity = null, double? negativeInfinity = null)
        {
            ThrowIfNull(values, nameof(values));
            double pos = positiveInfinity ?? double.MaxValue;
            double neg = negativeInfinity ?? double.MinValue;
            if (GuardBuffers.TryGetDense(values, out Span<double> span))
            {
                GuardKernels.NanToNum(span, nan, pos, neg);
            }
            else
            {
                values.MapInplace(x => Replace(x, nan, pos, neg), Zeros.AllowSkip);
            }

            return values;
        }

        private static double Replace(double x, double nan, double pos, double neg)
        {
            return double.IsNaN(x) ? nan : double.IsPositiveInfinity(x) ? pos : double.IsNegativeInfinity(x) ? neg : x;
        }
    }
}

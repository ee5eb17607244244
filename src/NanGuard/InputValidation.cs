using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    /// <summary>
    /// Checks and repairs of numeric input before it reaches training: finiteness tests
    /// (<see cref="IsAllFinite(ReadOnlySpan{double})"/>), rejection with the position of the first bad
    /// element (<see cref="EnsureFinite(double[], string?)"/>), counting
    /// (<see cref="CountNonFinite(ReadOnlySpan{double})"/>), PyTorch-style repair
    /// (<see cref="NanToNum(double[], double, double?, double?)"/>) and parsing that refuses NaN and
    /// infinities (<see cref="ParseFinite(string, IFormatProvider?)"/>).
    /// </summary>
    /// <remarks>
    /// On net8.0 the scans are vectorized (<c>System.Numerics.Vector&lt;T&gt;</c>, float spans with <c>Vector512</c> where accelerated): one vectorized pass
    /// decides, and only when it finds a bad block does a scalar pass locate the element. On
    /// netstandard2.0 the same results come from scalar loops.
    /// </remarks>
    public static partial class InputValidation
    {
        // ------------------------------------------------------------------ IsAllFinite

        /// <summary>Whether every element is finite (neither NaN nor an infinity). An empty span is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        public static bool IsAllFinite(ReadOnlySpan<double> values) => GuardKernels.IndexOfNonFinite(values) < 0;

        /// <summary>Whether every element is finite (neither NaN nor an infinity). An empty span is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        public static bool IsAllFinite(ReadOnlySpan<float> values) => GuardKernels.IndexOfNonFinite(values) < 0;

        /// <summary>Whether every element is finite (neither NaN nor an infinity).</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(double[] values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardKernels.IndexOfNonFinite(values) < 0;
        }

        /// <summary>Whether every element is finite (neither NaN nor an infinity).</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(float[] values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardKernels.IndexOfNonFinite(values) < 0;
        }

        /// <summary>Whether every element of a 2-D array is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(double[,] values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        /// <summary>Whether every element of a 2-D array is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(float[,] values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        /// <summary>Whether every element of a jagged array is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(double[][] values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        /// <summary>Whether every element of a jagged array is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(float[][] values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        /// <summary>Whether every element of a list is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(IReadOnlyList<double> values) => IndexOfNonFinite(values, nameof(values)) < 0;

        /// <summary>Whether every element of a MathNet vector is finite (dense storage is scanned vectorized).</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(Vector<double> values) => IndexOfNonFinite(values, nameof(values), out _) < 0;

        /// <summary>Whether every element of a MathNet matrix is finite (dense storage is scanned vectorized).</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(Matrix<double> values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        // ------------------------------------------------------------------ CountNonFinite

        /// <summary>The number of NaN and infinite elements.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        public static int CountNonFinite(ReadOnlySpan<double> values) => GuardKernels.CountNonFinite(values);

        /// <summary>The number of NaN and infinite elements.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        public static int CountNonFinite(ReadOnlySpan<float> values) => GuardKernels.CountNonFinite(values);

        /// <summary>The number of NaN and infinite elements.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(double[] values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardKernels.CountNonFinite(values);
        }

        /// <summary>The number of NaN and infinite elements.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(float[] values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardKernels.CountNonFinite(values);
        }

        /// <summary>The number of NaN and infinite elements of a 2-D array.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(double[,] values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetSpan(values, out Span<double> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            foreach (double x in values)
            {
                if (!GuardKernels.IsFinite(x))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a 2-D array.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(float[,] values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetSpan(values, out Span<float> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            foreach (float x in values)
            {
                if (!GuardKernels.IsFinite(x))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a jagged array.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static int CountNonFinite(double[][] values)
        {
            ThrowIfNull(values, nameof(values));
            int count = 0;
            for (int r = 0; r < values.Length; r++)
            {
                count += GuardKernels.CountNonFinite(Row(values, r, nameof(values)));
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a jagged array.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        public static int CountNonFinite(float[][] values)
        {
            ThrowIfNull(values, nameof(values));
            int count = 0;
            for (int r = 0; r < values.Length; r++)
            {
                count += GuardKernels.CountNonFinite(Row(values, r, nameof(values)));
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a list.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(IReadOnlyList<double> values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetSpan(values, out ReadOnlySpan<double> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            for (int i = 0; i < values.Count; i++)
            {
                if (!GuardKernels.IsFinite(values[i]))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a MathNet vector.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(Vector<double> values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardBuffers.TryGetDense(values, out Span<double> span)
                ? GuardKernels.CountNonFinite(span)
                : GuardKernels.CountNonFinite(GuardBuffers.StoredValues(values));
        }

        /// <summary>The number of NaN and infinite elements of a MathNet matrix.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(Matrix<double> values)
        {
            ThrowIfNull(values, nameof(values));
            return GuardBuffers.TryGetDense(values, out Span<double> span)
                ? GuardKernels.CountNonFinite(span)
                : GuardKernels.CountNonFinite(GuardBuffers.StoredValues(values));
        }

        // ------------------------------------------------------------------ shared locating helpers

        internal static void ThrowIfNull(object? value, string? paramName)
        {
            if (value is null)
            {
                throw new ArgumentNullException(paramName ?? "values");
            }
        }

        internal static double[] Row(double[][] values, int r, string? paramName)
        {
            return values[r] ?? throw new ArgumentException(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "Row {0} of the jagged array is null.", r), paramName ?? "values");
        }

        internal static float[] Row(float[][] values, int r, string? paramName)
        {
            return values[r] ?? throw new ArgumentException(
                string.Format(System.Globalization.CultureInfo.InvariantCulture, "Row {0} of the jagged array is null.", r), paramName ?? "values");
        }

        internal static int IndexOfNonFinite(IReadOnlyList<double> values, string? paramName)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetSpan(values, out ReadOnlySpan<double> span))
            {
                return GuardKernels.IndexOfNonFinite(span);
            }

            for (int i = 0; i < values.Count; i++)
            {
                if (!GuardKernels.IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        internal static int IndexOfNonFinite(Vector<double> values, string? paramName, out double value)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetDense(values, out Span<double> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                value = i >= 0 ? span[i] : 0;
                return i;
            }

            foreach (var item in values.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
            {
                if (!GuardKernels.IsFinite(item.Item2))
                {
                    value = item.Item2;
                    return item.Item1;
                }
            }

            value = 0;
            return -1;
        }

        internal static int IndexOfNonFinite(Vector<float> values, string? paramName, out float value)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetDense(values, out Span<float> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                value = i >= 0 ? span[i] : 0;
                return i;
            }

            foreach (var item in values.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
            {
                if (!GuardKernels.IsFinite(item.Item2))
                {
                    value = item.Item2;
                    return item.Item1;
                }
            }

            value = 0;
            return -1;
        }

        internal static bool TryFindNonFinite(double[,] values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            int columns = values.GetLength(1);
            if (GuardBuffers.TryGetSpan(values, out Span<double> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                if (i >= 0)
                {
                    row = i / columns;
                    column = i % columns;
                    value = span[i];
                    return true;
                }
            }
            else
            {
                for (int r = 0; r < values.GetLength(0); r++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        if (!GuardKernels.IsFinite(values[r, c]))
                        {
                            row = r;
                            column = c;
                            value = values[r, c];
                            return true;
                        }
                    }
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }

        internal static bool TryFindNonFinite(float[,] values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            int columns = values.GetLength(1);
            if (GuardBuffers.TryGetSpan(values, out Span<float> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                if (i >= 0)
                {
                    row = i / columns;
                    column = i % columns;
                    value = span[i];
                    return true;
                }
            }
            else
            {
                for (int r = 0; r < values.GetLength(0); r++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        if (!GuardKernels.IsFinite(values[r, c]))
                        {
                            row = r;
                            column = c;
                            value = values[r, c];
                            return true;
                        }
                    }
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }

        internal static bool TryFindNonFinite(double[][] values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            for (int r = 0; r < values.Length; r++)
            {
                double[] line = Row(values, r, paramName);
                int c = GuardKernels.IndexOfNonFinite(line);
                if (c >= 0)
                {
                    row = r;
                    column = c;
                    value = line[c];
                    return true;
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }

        internal static bool TryFindNonFinite(float[][] values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            for (int r = 0; r < values.Length; r++)
            {
                float[] line = Row(values, r, paramName);
                int c = GuardKernels.IndexOfNonFinite(line);
                if (c >= 0)
                {
                    row = r;
                    column = c;
                    value = line[c];
                    return true;
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }

        /// <summary>The first non-finite element in storage order (column-major for dense matrices).</summary>
        internal static bool TryFindNonFinite(Matrix<double> values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetDense(values, out Span<double> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                if (i >= 0)
                {
                    row = i % values.RowCount;
                    column = i / values.RowCount;
                    value = span[i];
                    return true;
                }
            }
            else
            {
                foreach (var item in values.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
                {
                    if (!GuardKernels.IsFinite(item.Item3))
                    {
                        row = item.Item1;
                        column = item.Item2;
                        value = item.Item3;
                        return true;
                    }
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }

        /// <summary>The first non-finite element in storage order (column-major for dense matrices).</summary>
        internal static bool TryFindNonFinite(Matrix<float> values, string? paramName, out int row, out int column, out double value)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetDense(values, out Span<float> span))
            {
                int i = GuardKernels.IndexOfNonFinite(span);
                if (i >= 0)
                {
                    row = i % values.RowCount;
                    column = i / values.RowCount;
                    value = span[i];
                    return true;
                }
            }
            else
            {
                foreach (var item in values.EnumerateIndexed(MathNet.Numerics.LinearAlgebra.Zeros.AllowSkip))
                {
                    if (!GuardKernels.IsFinite(item.Item3))
                    {
                        row = item.Item1;
                        column = item.Item2;
                        value = item.Item3;
                        return true;
                    }
                }
            }

            row = column = -1;
            value = 0;
            return false;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class InputValidation
    {
        // ------------------------------------------------------------------ float lists and sequences

        /// <summary>Whether every element of a list is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(IReadOnlyList<float> values) => IndexOfNonFinite(values, nameof(values)) < 0;

        /// <summary>Whether every element of a sequence is finite. The sequence is enumerated once, up to the first non-finite element.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(IEnumerable<double> values) => IndexOfNonFinite(values, nameof(values), out _) < 0;

        /// <summary>Whether every element of a sequence is finite. The sequence is enumerated once, up to the first non-finite element.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(IEnumerable<float> values) => IndexOfNonFinite(values, nameof(values), out _) < 0;

        /// <summary>Whether every element of a MathNet vector is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(Vector<float> values) => IndexOfNonFinite(values, nameof(values), out _) < 0;

        /// <summary>Whether every element of a MathNet matrix is finite.</summary>
        /// <param name="values">The values to test.</param>
        /// <returns><see langword="true"/> when no element is NaN or infinite.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static bool IsAllFinite(Matrix<float> values) => !TryFindNonFinite(values, nameof(values), out _, out _, out _);

        /// <summary>
        /// Throws when any element of a list is NaN or infinite, naming the parameter, the index of the
        /// first such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(IReadOnlyList<float> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = IndexOfNonFinite(values, paramName);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, values[i]);
            }
        }

        /// <summary>
        /// Throws when any element of a sequence is NaN or infinite, naming the parameter, the index of the
        /// first such element and its value. The sequence is enumerated once (a lazy query is evaluated
        /// here and again where it is used: materialize it first with <c>ToArray()</c> when that matters).
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(IEnumerable<double> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            long i = IndexOfNonFinite(values, paramName, out double value);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, value);
            }
        }

        /// <summary>
        /// Throws when any element of a sequence is NaN or infinite, naming the parameter, the index of the
        /// first such element and its value. The sequence is enumerated once.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(IEnumerable<float> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            long i = IndexOfNonFinite(values, paramName, out double value);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, value);
            }
        }

        /// <summary>
        /// Throws when any element of a MathNet vector is NaN or infinite, naming the parameter, the
        /// index of the first such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(Vector<float> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = IndexOfNonFinite(values, paramName, out float value);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, value);
            }
        }

        /// <summary>
        /// Throws when any element of a MathNet matrix is NaN or infinite, naming the parameter, the row
        /// and column of the first such element (in storage order) and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(Matrix<float> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
            }
        }

        /// <summary>The number of NaN and infinite elements of a list.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(IReadOnlyList<float> values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetSpan(values, out ReadOnlySpan<float> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            for (int i = 0; i < values.Count; i++)
            {
                count += GuardKernels.IsFinite(values[i]) ? 0 : 1;
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a sequence (enumerated once).</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(IEnumerable<double> values)
        {
            ThrowIfNull(values, nameof(values));
            if (values is IReadOnlyList<double> list)
            {
                return CountNonFinite(list);
            }

            int count = 0;
            foreach (double x in values)
            {
                count += GuardKernels.IsFinite(x) ? 0 : 1;
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a sequence (enumerated once).</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(IEnumerable<float> values)
        {
            ThrowIfNull(values, nameof(values));
            if (values is IReadOnlyList<float> list)
            {
                return CountNonFinite(list);
            }

            int count = 0;
            foreach (float x in values)
            {
                count += GuardKernels.IsFinite(x) ? 0 : 1;
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a MathNet vector.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(Vector<float> values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetDense(values, out Span<float> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            foreach (var item in values.EnumerateIndexed(Zeros.AllowSkip))
            {
                count += GuardKernels.IsFinite(item.Item2) ? 0 : 1;
            }

            return count;
        }

        /// <summary>The number of NaN and infinite elements of a MathNet matrix.</summary>
        /// <param name="values">The values to count in.</param>
        /// <returns>How many elements are NaN, +inf or -inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        public static int CountNonFinite(Matrix<float> values)
        {
            ThrowIfNull(values, nameof(values));
            if (GuardBuffers.TryGetDense(values, out Span<float> span))
            {
                return GuardKernels.CountNonFinite(span);
            }

            int count = 0;
            foreach (var item in values.EnumerateIndexed(Zeros.AllowSkip))
            {
                count += GuardKernels.IsFinite(item.Item3) ? 0 : 1;
            }

            return count;
        }

        // ------------------------------------------------------------------ helpers

        internal static int IndexOfNonFinite(IReadOnlyList<float> values, string? paramName)
        {
            ThrowIfNull(values, paramName);
            if (GuardBuffers.TryGetSpan(values, out ReadOnlySpan<float> span))
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

        internal static long IndexOfNonFinite(IEnumerable<double> values, string? paramName, out double value)
        {
            ThrowIfNull(values, paramName);
            if (values is IReadOnlyList<double> list)
            {
                int i = IndexOfNonFinite(list, paramName);
                value = i >= 0 ? list[i] : 0;
                return i;
            }

            long index = 0;
            foreach (double x in values)
            {
                if (!GuardKernels.IsFinite(x))
                {
                    value = x;
                    return index;
                }

                index++;
            }

            value = 0;
            return -1;
        }

        internal static long IndexOfNonFinite(IEnumerable<float> values, string? paramName, out double value)
        {
            ThrowIfNull(values, paramName);
            if (values is IReadOnlyList<float> list)
            {
                int i = IndexOfNonFinite(list, paramName);
                value = i >= 0 ? list[i] : 0;
                return i;
            }

            long index = 0;
            foreach (float x in values)
            {
                if (!GuardKernels.IsFinite(x))
                {
                    value = x;
                    return index;
                }

                index++;
            }

            value = 0;
            return -1;
        }
    }
}

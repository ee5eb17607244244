using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class InputValidation
    {
        /// <summary>
        /// Throws when any element is NaN or infinite, naming the parameter, the index of the first
        /// such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(double[] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            ThrowIfNull(values, paramName);
            EnsureFinite(new ReadOnlySpan<double>(values), paramName);
        }

        /// <summary>
        /// Throws when any element is NaN or infinite, naming the parameter, the index of the first
        /// such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(float[] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            ThrowIfNull(values, paramName);
            EnsureFinite(new ReadOnlySpan<float>(values), paramName);
        }

        /// <summary>
        /// Throws when any element is NaN or infinite, naming the parameter, the index of the first
        /// such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(ReadOnlySpan<double> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = GuardKernels.IndexOfNonFinite(values);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, values[i]);
            }
        }

        /// <summary>
        /// Throws when any element is NaN or infinite, naming the parameter, the index of the first
        /// such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(ReadOnlySpan<float> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = GuardKernels.IndexOfNonFinite(values);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, values[i]);
            }
        }

        /// <summary>
        /// Throws when any element of a 2-D array is NaN or infinite, naming the parameter, the row and
        /// column of the first such element (in row-major order) and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(double[,] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
            }
        }

        /// <summary>
        /// Throws when any element of a 2-D array is NaN or infinite, naming the parameter, the row and
        /// column of the first such element (in row-major order) and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(float[,] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
            }
        }

        /// <summary>
        /// Throws when any element of a jagged array is NaN or infinite, naming the parameter, the row
        /// and column of the first such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(double[][] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
            }
        }

        /// <summary>
        /// Throws when any element of a jagged array is NaN or infinite, naming the parameter, the row
        /// and column of the first such element and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(float[][] values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
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
        public static void EnsureFinite(Vector<double> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = IndexOfNonFinite(values, paramName, out double value);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, value);
            }
        }

        /// <summary>
        /// Throws when any element of a MathNet matrix is NaN or infinite, naming the parameter, the row
        /// and column of the first such element (in storage order, column-major for dense matrices) and its value.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(Matrix<double> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            if (TryFindNonFinite(values, paramName, out int row, out int column, out double value))
            {
                throw new NonFiniteValueException(paramName, row, column, value);
            }
        }

        /// <summary>
        /// Throws when any element of a list is NaN or infinite, naming the parameter, the index of the
        /// first such element and its value. Arrays and (on net8.0) <see cref="List{T}"/> are scanned vectorized.
        /// </summary>
        /// <param name="values">The values to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="values"/> argument.</param>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="NonFiniteValueException">An element is NaN or infinite.</exception>
        public static void EnsureFinite(IReadOnlyList<double> values, [CallerArgumentExpression("values")] string? paramName = null)
        {
            int i = IndexOfNonFinite(values, paramName);
            if (i >= 0)
            {
                throw new NonFiniteValueException(paramName, i, values[i]);
            }
        }

        /// <summary>Throws when a single value is NaN or infinite, naming the parameter and the value.</summary>
        /// <param name="value">The value to check.</param>
        /// <param name="paramName">The name reported in the exception; by default the source text of the <paramref name="value"/> argument.</param>
        /// <returns><paramref name="value"/>, so that the check can wrap an expression.</returns>
        /// <exception cref="NonFiniteValueException"><paramref name="value"/> is NaN or infinite.</exception>
        public static double EnsureFinite(double value, [CallerArgumentExpression("value")] string? paramName = null)
        {
            if (!GuardKernels.IsFinite(value))
            {
                throw new NonFiniteValueException(
                    "The value is " + NonFiniteValueException.Format(value) + "; only finite values are allowed.",
                    paramName, value, null, null, null, null);
            }

            return value;
        }
    }
}

using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#endif

namespace NanGuard.Internal
{
    /// <summary>Views of arrays, lists and MathNet storage as spans, where the layout allows it.</summary>
    internal static class GuardBuffers
    {
        /// <summary>The elements of a 2-D array in row-major order (net8.0); false on netstandard2.0.</summary>
        internal static bool TryGetSpan(double[,] array, out Span<double> span)
        {
#if NET8_0_OR_GREATER
            if (GuardKernels.ForceScalar)
            {
                span = default;
                return false;
            }

            span = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
            return true;
#else
            span = default;
            return false;
#endif
        }

        /// <summary>The elements of a 2-D array in row-major order (net8.0); false on netstandard2.0.</summary>
        internal static bool TryGetSpan(float[,] array, out Span<float> span)
        {
#if NET8_0_OR_GREATER
            if (GuardKernels.ForceScalar)
            {
                span = default;
                return false;
            }

            span = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, float>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);
            return true;
#else
            span = default;
            return false;
#endif
        }

        /// <summary>A span over a list's elements when it is an array or (net8.0) a List.</summary>
        internal static bool TryGetSpan(IReadOnlyList<double> list, out ReadOnlySpan<double> span)
        {
            if (list is double[] array)
            {
                span = array;
                return true;
            }
#if NET8_0_OR_GREATER
            if (list is List<double> l && !GuardKernels.ForceScalar)
            {
                span = CollectionsMarshal.AsSpan(l);
                return true;
            }
#endif
            span = default;
            return false;
        }

        /// <summary>A span over a list's elements when it is an array or (net8.0) a List.</summary>
        internal static bool TryGetSpan(IReadOnlyList<float> list, out ReadOnlySpan<float> span)
        {
            if (list is float[] array)
            {
                span = array;
                return true;
            }
#if NET8_0_OR_GREATER
            if (list is List<float> l && !GuardKernels.ForceScalar)
            {
                span = CollectionsMarshal.AsSpan(l);
                return true;
            }
#endif
            span = default;
            return false;
        }

        /// <summary>The dense storage of a MathNet vector.</summary>
        internal static bool TryGetDense(Vector<double> vector, out Span<double> span)
        {
            if (vector.Storage is DenseVectorStorage<double> dense)
            {
                span = dense.Data.AsSpan(0, vector.Count);
                return true;
            }

            span = default;
            return false;
        }

        /// <summary>The dense storage of a MathNet vector.</summary>
        internal static bool TryGetDense(Vector<float> vector, out Span<float> span)
        {
            if (vector.Storage is DenseVectorStorage<float> dense)
            {
                span = dense.Data.AsSpan(0, vector.Count);
                return true;
            }

            span = default;
            return false;
        }

        /// <summary>The dense column-major storage of a MathNet matrix (element (r, c) at c * rows + r).</summary>
        internal static bool TryGetDense(Matrix<double> matrix, out Span<double> span)
        {
            if (matrix.Storage is DenseColumnMajorMatrixStorage<double> dense)
            {
                span = dense.Data.AsSpan(0, matrix.RowCount * matrix.ColumnCount);
                return true;
            }

            span = default;
            return false;
        }

        /// <summary>The dense column-major storage of a MathNet matrix.</summary>
        internal static bool TryGetDense(Matrix<float> matrix, out Span<float> span)
        {
            if (matrix.Storage is DenseColumnMajorMatrixStorage<float> dense)
            {
                span = dense.Data.AsSpan(0, matrix.RowCount * matrix.ColumnCount);
                return true;
            }

            span = default;
            return false;
        }

        /// <summary>The explicitly stored values of a MathNet vector (all of them for dense, the non-zeros otherwise).</summary>
        internal static double[] StoredValues(Vector<double> vector)
        {
            var values = new List<double>();
            foreach (var item in vector.EnumerateIndexed(Zeros.AllowSkip))
            {
                values.Add(item.Item2);
            }

            return values.ToArray();
        }

        /// <summary>The explicitly stored values of a MathNet matrix.</summary>
        internal static double[] StoredValues(Matrix<double> matrix)
        {
            var values = new List<double>();
            foreach (var item in matrix.EnumerateIndexed(Zeros.AllowSkip))
            {
                values.Add(item.Item3);
            }

            return values.ToArray();
        }
    }
}

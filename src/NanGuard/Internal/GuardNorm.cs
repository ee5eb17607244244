using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NanGuard.Internal
{
    /// <summary>One gradient buffer seen as a span of doubles or floats over an array.</summary>
    internal readonly struct GuardSegment
    {
        internal GuardSegment(double[] data, int length, object source)
        {
            Doubles = data;
            Floats = null;
            Length = length;
            Source = source;
        }

        internal GuardSegment(float[] data, int length, object source)
        {
            Doubles = null;
            Floats = data;
            Length = length;
            Source = source;
        }

        internal double[]? Doubles { get; }

        internal float[]? Floats { get; }

        internal int Length { get; }

        /// <summary>The user's object (array, MathNet vector or matrix), used to report positions.</summary>
        internal object Source { get; }

        internal Span<double> DoubleSpan => Doubles.AsSpan(0, Length);

        internal Span<float> FloatSpan => Floats.AsSpan(0, Length);

        /// <summary>
        /// The values of a MathNet vector as stored (every element of a dense vector, the stored
        /// non-zeros of a sparse one): enough for norms and for scaling in place.
        /// </summary>
        internal static GuardSegment Of(Vector<double> vector)
        {
            switch (vector.Storage)
            {
                case DenseVectorStorage<double> dense:
                    return new GuardSegment(dense.Data, vector.Count, vector);
                case SparseVectorStorage<double> sparse:
                    return new GuardSegment(sparse.Values, sparse.ValueCount, vector);
                default:
                    throw new NotSupportedException("The storage " + vector.Storage.GetType().Name + " of this vector is not supported.");
            }
        }

        /// <summary>The values of a MathNet matrix as stored (dense, sparse CSR or diagonal storage).</summary>
        internal static GuardSegment Of(Matrix<double> matrix)
        {
            switch (matrix.Storage)
            {
                case DenseColumnMajorMatrixStorage<double> dense:
                    return new GuardSegment(dense.Data, matrix.RowCount * matrix.ColumnCount, matrix);
                case SparseCompressedRowMatrixStorage<double> sparse:
                    return new GuardSegment(sparse.Values, sparse.ValueCount, matrix);
                case DiagonalMatrixStorage<double> diagonal:
                    return new GuardSegment(diagonal.Data, diagonal.Data.Length, matrix);
                default:
                    throw new NotSupportedException("The storage " + matrix.Storage.GetType().Name + " of this matrix is not supported.");
            }
        }
    }

    /// <summary>
    /// The total p-norm over many buffers taken together, PyTorch's <c>clip_grad_norm_</c> way, but
    /// without overflow: floats accumulate in double; doubles are summed plainly and, only when that
    /// overflows or underflows, summed again scaled by the largest magnitude (as BLAS nrm2 does).
    /// </summary>
    internal static class GuardNorm
    {
        // Below this a plain sum of squares may have lost tiny elements to underflow.
        private const double TinySum = 1e-280;

        internal struct Result
        {
            internal double Total;

            /// <summary>When the total overflowed but every element is finite: the largest magnitude.</summary>
            internal double Max;

            /// <summary>When the total overflowed but every element is finite: the p-th root of the scaled sum.</summary>
            internal double Root;

            /// <summary>The first non-finite element, when the total is non-finite because of one.</summary>
            internal int BadSegment;

            internal int BadIndex;
        }

        internal static Result Compute(IReadOnlyList<GuardSegment> segments, double p)
        {
            var result = new Result { BadSegment = -1, BadIndex = -1 };
            bool scanned = false;
            if (p == 2.0 || p == 1.0)
            {
                double sum = 0;
                for (int b = 0; b < segments.Count; b++)
                {
                    GuardSegment s = segments[b];
                    sum += s.Floats != null
                        ? (p == 2.0 ? GuardKernels.SumOfSquares(s.FloatSpan) : GuardKernels.SumAbs(s.FloatSpan))
                        : (p == 2.0 ? GuardKernels.SumOfSquares(s.DoubleSpan) : GuardKernels.SumAbs(s.DoubleSpan));
                }

                if (GuardKernels.IsFinite(sum) && (p == 1.0 || sum >= TinySum))
                {
                    result.Total = p == 2.0 ? Math.Sqrt(sum) : sum;
                    return result;
                }

                if (!GuardKernels.IsFinite(sum) && FindNonFinite(segments, ref result))
                {
                    return result;
                }

                scanned = true; // a finite sum, or a scan that found nothing: every element is finite
            }

            if (!scanned && FindNonFinite(segments, ref result))
            {
                return result;
            }

            double max = 0;
            for (int b = 0; b < segments.Count; b++)
            {
                GuardSegment s = segments[b];
                max = Math.Max(max, s.Floats != null ? GuardKernels.MaxAbs(s.FloatSpan) : GuardKernels.MaxAbs(s.DoubleSpan));
            }

            if (double.IsPositiveInfinity(p) || max == 0)
            {
                result.Total = max;
                return result;
            }

            double scaled = 0;
            for (int b = 0; b < segments.Count; b++)
            {
                GuardSegment s = segments[b];
                scaled += s.Floats != null ? GuardKernels.SumScaledPower(s.FloatSpan, max, p) : GuardKernels.SumScaledPower(s.DoubleSpan, max, p);
            }

            double root = p == 2.0 ? Math.Sqrt(scaled) : p == 1.0 ? scaled : Math.Pow(scaled, 1.0 / p);
            result.Total = max * root;
            result.Max = max;
            result.Root = root;
            return result;
        }

        internal static Result Compute(ReadOnlySpan<double> values, double p)
        {
            var result = new Result { BadSegment = -1, BadIndex = -1 };
            bool scanned = false;
            if (p == 2.0 || p == 1.0)
            {
                double sum = p == 2.0 ? GuardKernels.SumOfSquares(values) : GuardKernels.SumAbs(values);
                if (GuardKernels.IsFinite(sum) && (p == 1.0 || sum >= TinySum))
                {
                    result.Total = p == 2.0 ? Math.Sqrt(sum) : sum;
                    return result;
                }

                if (!GuardKernels.IsFinite(sum) && FindNonFinite(values, ref result))
                {
                    return result;
                }

                scanned = true; // a finite sum, or a scan that found nothing: every element is finite
            }

            if (!scanned && FindNonFinite(values, ref result))
            {
                return result;
            }

            double max = GuardKernels.MaxAbs(values);
            if (double.IsPositiveInfinity(p) || max == 0)
            {
                result.Total = max;
                return result;
            }

            double scaled = GuardKernels.SumScaledPower(values, max, p);
            double root = p == 2.0 ? Math.Sqrt(scaled) : p == 1.0 ? scaled : Math.Pow(scaled, 1.0 / p);
            result.Total = max * root;
            result.Max = max;
            result.Root = root;
            return result;
        }

        internal static Result Compute(ReadOnlySpan<float> values, double p)
        {
            var result = new Result { BadSegment = -1, BadIndex = -1 };
            if (p == 2.0 || p == 1.0)
            {
                // In double, squares and sums of finite floats neither overflow nor underflow.
                double sum = p == 2.0 ? GuardKernels.SumOfSquares(values) : GuardKernels.SumAbs(values);
                if (GuardKernels.IsFinite(sum))
                {
                    result.Total = p == 2.0 ? Math.Sqrt(sum) : sum;
                    return result;
                }
            }

            int bad = GuardKernels.IndexOfNonFinite(values);
            if (bad >= 0)
            {
                result.BadSegment = 0;
                result.BadIndex = bad;
                result.Total = GuardKernels.ContainsNaN(values.Slice(bad)) ? double.NaN : double.PositiveInfinity;
                return result;
            }

            double max = GuardKernels.MaxAbs(values);
            if (double.IsPositiveInfinity(p) || max == 0)
            {
                result.Total = max;
                return result;
            }

            double scaled = GuardKernels.SumScaledPower(values, max, p);
            double root = p == 2.0 ? Math.Sqrt(scaled) : p == 1.0 ? scaled : Math.Pow(scaled, 1.0 / p);
            result.Total = max * root;
            result.Max = max;
            result.Root = root;
            return result;
        }

        /// <summary>The clip coefficient maxNorm / (total + 1e-6), or 1 when no clipping is needed; NaN never.</summary>
        internal static double Coefficient(in Result r, double maxNorm)
        {
            double coef;
            if (GuardKernels.IsFinite(r.Total))
            {
                coef = maxNorm / (r.Total + 1e-6);
            }
            else
            {
                // Every element finite but the norm beyond double range: divide in two steps.
                coef = maxNorm / r.Max / r.Root;
            }

            return coef < 1.0 ? coef : 1.0;
        }

        private static bool FindNonFinite(IReadOnlyList<GuardSegment> segments, ref Result result)
        {
            for (int b = 0; b < segments.Count; b++)
            {
                GuardSegment s = segments[b];
                int i = s.Floats != null ? GuardKernels.IndexOfNonFinite(s.FloatSpan) : GuardKernels.IndexOfNonFinite(s.DoubleSpan);
                if (i >= 0)
                {
                    result.BadSegment = b;
                    result.BadIndex = i;
                    bool nan = false;
                    for (int k = b; k < segments.Count && !nan; k++)
                    {
                        GuardSegment t = segments[k];
                        nan = t.Floats != null ? GuardKernels.ContainsNaN(t.FloatSpan) : GuardKernels.ContainsNaN(t.DoubleSpan);
                    }

                    result.Total = nan ? double.NaN : double.PositiveInfinity;
                    return true;
                }
            }

            return false;
        }

        private static bool FindNonFinite(ReadOnlySpan<double> values, ref Result result)
        {
            int i = GuardKernels.IndexOfNonFinite(values);
            if (i < 0)
            {
                return false;
            }

            result.BadSegment = 0;
            result.BadIndex = i;
            result.Total = GuardKernels.ContainsNaN(values.Slice(i)) ? double.NaN : double.PositiveInfinity;
            return true;
        }
    }
}

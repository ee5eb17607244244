using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
#endif

namespace NanGuard.Internal
{
    /// <summary>
    /// The span kernels behind InputValidation and GradientClipping: finiteness scans, counts,
    /// replacement, and the pieces of an overflow-free norm. Vectorized with <c>Vector&lt;T&gt;</c>
    /// on net8.0; plain scalar loops on netstandard2.0 (the <c>Scalar*</c> methods, also used for tails).
    /// </summary>
    internal static class GuardKernels
    {
        // Vectors summed before one test: NaN is sticky under addition, so a block needs one compare.
        private const int BlockVectors = 8;

        /// <summary>
        /// Tests set this to run the netstandard2.0 code paths (scalar loops, no span views of 2-D arrays
        /// or lists) on net8.0, on their own thread only.
        /// </summary>
        [ThreadStatic]
        internal static bool ForceScalar;

#if NET8_0_OR_GREATER
        private static bool UseVectors => Vector.IsHardwareAccelerated && !ForceScalar;
#endif

        internal static bool IsFinite(double x)
        {
#if NET8_0_OR_GREATER
            return double.IsFinite(x);
#else
            return !double.IsNaN(x) && !double.IsInfinity(x);
#endif
        }

        internal static bool IsFinite(float x)
        {
#if NET8_0_OR_GREATER
            return float.IsFinite(x);
#else
            return !float.IsNaN(x) && !float.IsInfinity(x);
#endif
        }

        // ---------------------------------------------------------------- first non-finite index

        /// <summary>The index of the first NaN or infinity, or -1.</summary>
        internal static int IndexOfNonFinite(ReadOnlySpan<double> values)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                for (int v = 0; v < vectors.Length; v += BlockVectors)
                {
                    int end = Math.Min(v + BlockVectors, vectors.Length);
                    Vector<double> acc = Vector<double>.Zero;
                    for (int k = v; k < end; k++)
                    {
                        Vector<double> x = vectors[k];
                        acc += x - x; // +0 for finite lanes, NaN for NaN and +-inf
                    }

                    if (!Vector.EqualsAll(acc, Vector<double>.Zero))
                    {
                        int found = ScalarIndexOfNonFinite(values.Slice(v * Vector<double>.Count, (end - v) * Vector<double>.Count));
                        return v * Vector<double>.Count + found;
                    }
                }

                i = vectors.Length * Vector<double>.Count;
            }
#endif
            if (i == values.Length)
            {
                return -1;
            }

            int tail = ScalarIndexOfNonFinite(values.Slice(i));
            return tail < 0 ? -1 : i + tail;
        }

        /// <summary>The index of the first NaN or infinity, or -1.</summary>
        internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
        {
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                return FloatKernels.IndexOfNonFinite(values);
            }
#endif
            return ScalarIndexOfNonFinite(values);
        }

        internal static int ScalarIndexOfNonFinite(ReadOnlySpan<double> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        internal static int ScalarIndexOfNonFinite(ReadOnlySpan<float> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        internal static bool ContainsNaN(ReadOnlySpan<double> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsNaN(values[i]))
                {
                    return true;
                }
            }

            return false;
        }

        internal static bool ContainsNaN(ReadOnlySpan<float> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsNaN(values[i]))
                {
                    return true;
                }
            }

            return false;
        }

        // ---------------------------------------------------------------- counting

        /// <summary>The number of NaN and infinite elements.</summary>
        internal static int CountNonFinite(ReadOnlySpan<double> values)
        {
            int count = 0;
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<long> finiteLanes = Vector<long>.Zero;
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<double> x = vectors[k];
                    finiteLanes -= Vector.Equals(x - x, Vector<double>.Zero); // a true lane is -1
                }

                i = vectors.Length * Vector<double>.Count;
                count = i - (int)Vector.Sum(finiteLanes);
            }
#endif
            return count + ScalarCountNonFinite(values.Slice(i));
        }

        /// <summary>The number of NaN and infinite elements.</summary>
        internal static int CountNonFinite(ReadOnlySpan<float> values)
        {
            int count = 0;
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                Vector<int> finiteLanes = Vector<int>.Zero;
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<float> x = vectors[k];
                    finiteLanes -= Vector.Equals(x - x, Vector<float>.Zero);
                }

                i = vectors.Length * Vector<float>.Count;
                long finite = 0;
                for (int lane = 0; lane < Vector<int>.Count; lane++)
                {
                    finite += (uint)finiteLanes[lane];
                }

                count = (int)(i - finite);
            }
#endif
            return count + ScalarCountNonFinite(values.Slice(i));
        }

        internal static int ScalarCountNonFinite(ReadOnlySpan<double> values)
        {
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (!IsFinite(values[i]))
                {
                    count++;
                }
            }

            return count;
        }

        internal static int ScalarCountNonFinite(ReadOnlySpan<float> values)
        {
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (!IsFinite(values[i]))
                {
                    count++;
                }
            }

            return count;
        }

        // ---------------------------------------------------------------- replacement

        /// <summary>Replaces NaN, +inf and -inf in place.</summary>
        internal static void NanToNum(Span<double> values, double nan, double positiveInfinity, double negativeInfinity)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                Span<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<double> nanV = new Vector<double>(nan);
                Vector<double> posV = new Vector<double>(positiveInfinity);
                Vector<double> negV = new Vector<double>(negativeInfinity);
                Vector<double> posInf = new Vector<double>(double.PositiveInfinity);
                Vector<double> negInf = new Vector<double>(double.NegativeInfinity);
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<double> x = vectors[k];
                    if (Vector.EqualsAll(x - x, Vector<double>.Zero))
                    {
                        continue;
                    }

                    Vector<long> isNaN = ~Vector.Equals(x, x);
                    Vector<long> isPos = Vector.Equals(x, posInf);
                    Vector<long> isNeg = Vector.Equals(x, negInf);
                    x = Vector.ConditionalSelect(isNaN, nanV, x);
                    x = Vector.ConditionalSelect(isPos, posV, x);
                    x = Vector.ConditionalSelect(isNeg, negV, x);
                    vectors[k] = x;
                }

                i = vectors.Length * Vector<double>.Count;
            }
#endif
            ScalarNanToNum(values.Slice(i), nan, positiveInfinity, negativeInfinity);
        }

        /// <summary>Replaces NaN, +inf and -inf in place.</summary>
        internal static void NanToNum(Span<float> values, float nan, float positiveInfinity, float negativeInfinity)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                Vector<float> nanV = new Vector<float>(nan);
                Vector<float> posV = new Vector<float>(positiveInfinity);
                Vector<float> negV = new Vector<float>(negativeInfinity);
                Vector<float> posInf = new Vector<float>(float.PositiveInfinity);
                Vector<float> negInf = new Vector<float>(float.NegativeInfinity);
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<float> x = vectors[k];
                    if (Vector.EqualsAll(x - x, Vector<float>.Zero))
                    {
                        continue;
                    }

                    Vector<int> isNaN = ~Vector.Equals(x, x);
                    Vector<int> isPos = Vector.Equals(x, posInf);
                    Vector<int> isNeg = Vector.Equals(x, negInf);
                    x = Vector.ConditionalSelect(isNaN, nanV, x);
                    x = Vector.ConditionalSelect(isPos, posV, x);
                    x = Vector.ConditionalSelect(isNeg, negV, x);
                    vectors[k] = x;
                }

                i = vectors.Length * Vector<float>.Count;
            }
#endif
            ScalarNanToNum(values.Slice(i), nan, positiveInfinity, negativeInfinity);
        }

        internal static void ScalarNanToNum(Span<double> values, double nan, double positiveInfinity, double negativeInfinity)
        {
            for (int i = 0; i < values.Length; i++)
            {
                double x = values[i];
                if (double.IsNaN(x))
                {
                    values[i] = nan;
                }
                else if (double.IsPositiveInfinity(x))
                {
                    values[i] = positiveInfinity;
                }
                else if (double.IsNegativeInfinity(x))
                {
                    values[i] = negativeInfinity;
                }
            }
        }

        internal static void ScalarNanToNum(Span<float> values, float nan, float positiveInfinity, float negativeInfinity)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float x = values[i];
                if (float.IsNaN(x))
                {
                    values[i] = nan;
                }
                else if (float.IsPositiveInfinity(x))
                {
                    values[i] = positiveInfinity;
                }
                else if (float.IsNegativeInfinity(x))
                {
                    values[i] = negativeInfinity;
                }
            }
        }

        // ---------------------------------------------------------------- norm pieces

        /// <summary>Sum of squares in double, unscaled (may overflow or underflow for extreme doubles).</summary>
        internal static double SumOfSquares(ReadOnlySpan<double> values)
        {
            double sum = 0;
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<double> acc = Vector<double>.Zero;
                for (int k = 0; k < vectors.Length; k++)
                {
                    acc += vectors[k] * vectors[k];
                }

                sum = Vector.Sum(acc);
                i = vectors.Length * Vector<double>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                sum += values[i] * values[i];
            }

            return sum;
        }

        /// <summary>Sum of squares of floats accumulated in double: cannot overflow for finite floats.</summary>
        internal static double SumOfSquares(ReadOnlySpan<float> values)
        {
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                return FloatKernels.SumOfSquares(values);
            }
#endif
            double sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double x = values[i];
                sum += x * x;
            }

            return sum;
        }

        /// <summary>Sum of floats accumulated in double.</summary>
        internal static double SumAsDouble(ReadOnlySpan<float> values)
        {
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                return FloatKernels.Sum(values);
            }
#endif
            double sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        /// <summary>Sum of absolute values in double.</summary>
        internal static double SumAbs(ReadOnlySpan<double> values)
        {
            double sum = 0;
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<double> acc = Vector<double>.Zero;
                for (int k = 0; k < vectors.Length; k++)
                {
                    acc += Vector.Abs(vectors[k]);
                }

                sum = Vector.Sum(acc);
                i = vectors.Length * Vector<double>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                sum += Math.Abs(values[i]);
            }

            return sum;
        }

        /// <summary>Sum of absolute values of floats in double.</summary>
        internal static double SumAbs(ReadOnlySpan<float> values)
        {
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                return FloatKernels.SumAbs(values);
            }
#endif
            double sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                sum += Math.Abs((double)values[i]);
            }

            return sum;
        }

        /// <summary>The largest absolute value; call only on finite input (NaN handling is unspecified).</summary>
        internal static double MaxAbs(ReadOnlySpan<double> values)
        {
            double max = 0;
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                ReadOnlySpan<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<double> acc = Vector<double>.Zero;
                for (int k = 0; k < vectors.Length; k++)
                {
                    acc = Vector.Max(acc, Vector.Abs(vectors[k]));
                }

                for (int lane = 0; lane < Vector<double>.Count; lane++)
                {
                    max = Math.Max(max, acc[lane]);
                }

                i = vectors.Length * Vector<double>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                double a = Math.Abs(values[i]);
                if (a > max)
                {
                    max = a;
                }
            }

            return max;
        }

        /// <summary>The largest absolute value; call only on finite input.</summary>
        internal static double MaxAbs(ReadOnlySpan<float> values)
        {
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                return FloatKernels.MaxAbs(values);
            }
#endif
            float max = 0;
            for (int i = 0; i < values.Length; i++)
            {
                float a = Math.Abs(values[i]);
                if (a > max)
                {
                    max = a;
                }
            }

            return max;
        }

        /// <summary>Sum of (|x| / scale)^p for finite x and a finite scale &gt; 0 (no overflow when scale is the max).</summary>
        internal static double SumScaledPower(ReadOnlySpan<double> values, double scale, double p)
        {
            double sum = 0;
            if (p == 2.0)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double r = values[i] / scale;
                    sum += r * r;
                }
            }
            else if (p == 1.0)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    sum += Math.Abs(values[i]) / scale;
                }
            }
            else
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double r = Math.Abs(values[i]) / scale;
                    if (r != 0)
                    {
                        sum += Math.Pow(r, p);
                    }
                }
            }

            return sum;
        }

        /// <summary>Sum of (|x| / scale)^p for finite floats, computed in double.</summary>
        internal static double SumScaledPower(ReadOnlySpan<float> values, double scale, double p)
        {
            double sum = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double r = Math.Abs((double)values[i]) / scale;
                if (r != 0)
                {
                    sum += p == 2.0 ? r * r : p == 1.0 ? r : Math.Pow(r, p);
                }
            }

            return sum;
        }

        // ---------------------------------------------------------------- in-place updates

        internal static void Scale(Span<double> values, double factor)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                Span<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                for (int k = 0; k < vectors.Length; k++)
                {
                    vectors[k] *= factor;
                }

                i = vectors.Length * Vector<double>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                values[i] *= factor;
            }
        }

        internal static void Scale(Span<float> values, float factor)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                for (int k = 0; k < vectors.Length; k++)
                {
                    vectors[k] *= factor;
                }

                i = vectors.Length * Vector<float>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                values[i] *= factor;
            }
        }

        /// <summary>Clamps into [low, high]; NaN stays NaN (it is not hidden).</summary>
        internal static void Clamp(Span<double> values, double low, double high)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<double>.Count)
            {
                Span<Vector<double>> vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
                Vector<double> lo = new Vector<double>(low);
                Vector<double> hi = new Vector<double>(high);
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<double> x = vectors[k];
                    x = Vector.ConditionalSelect(Vector.GreaterThan(x, hi), hi, x);
                    x = Vector.ConditionalSelect(Vector.LessThan(x, lo), lo, x);
                    vectors[k] = x;
                }

                i = vectors.Length * Vector<double>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                double x = values[i];
                if (x > high)
                {
                    values[i] = high;
                }
                else if (x < low)
                {
                    values[i] = low;
                }
            }
        }

        /// <summary>Clamps into [low, high]; NaN stays NaN.</summary>
        internal static void Clamp(Span<float> values, float low, float high)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (UseVectors && values.Length >= Vector<float>.Count)
            {
                Span<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
                Vector<float> lo = new Vector<float>(low);
                Vector<float> hi = new Vector<float>(high);
                for (int k = 0; k < vectors.Length; k++)
                {
                    Vector<float> x = vectors[k];
                    x = Vector.ConditionalSelect(Vector.GreaterThan(x, hi), hi, x);
                    x = Vector.ConditionalSelect(Vector.LessThan(x, lo), lo, x);
                    vectors[k] = x;
                }

                i = vectors.Length * Vector<float>.Count;
            }
#endif
            for (; i < values.Length; i++)
            {
                float x = values[i];
                if (x > high)
                {
                    values[i] = high;
                }
                else if (x < low)
                {
                    values[i] = low;
                }
            }
        }
    }
}

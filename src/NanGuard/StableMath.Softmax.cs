using System;
using System.Collections.Generic;
using NanGuard.Internal;
#if NET8_0_OR_GREATER
using System.Numerics.Tensors;
#endif

namespace NanGuard
{
    public static partial class StableMath
    {
        private const int ChunkLength = 256;

        // Float chunks of the fused passes: 16 KB, kept in L1 between the Subtract, Exp and Sum of a chunk.
        private const int FloatChunkLength = 4096;

        /// <summary>
        /// Softmax with the maximum subtracted: <c>destination[i] = e^(x[i] - max) / sum_j e^(x[j] - max)</c>.
        /// Unlike <c>TensorPrimitives.SoftMax</c>, <c>Softmax([1000, 1000, 999])</c> is
        /// [0.42, 0.42, 0.16], not NaN.
        /// </summary>
        /// <param name="x">The logits. -inf entries get probability 0. An empty span is allowed (nothing is written).</param>
        /// <param name="destination">Receives the probabilities; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">
        /// <paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>; an element of
        /// <paramref name="x"/> is NaN or +inf (the softmax is undefined), or every element is -inf.
        /// </exception>
        public static void Softmax(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckDestination(x, destination);
            if (x.Length == 0)
            {
                return;
            }

            double max = MaxForSoftmax(x, nameof(x), out _);
#if NET8_0_OR_GREATER
            TensorPrimitives.Subtract(x, max, destination);
            TensorPrimitives.Exp(destination, destination);
            double sum = TensorPrimitives.Sum<double>(destination);
            TensorPrimitives.Divide(destination, sum, destination);
#else
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double e = Math.Exp(x[i] - max);
                destination[i] = e;
                sum += e;
            }

            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] /= sum;
            }
#endif
        }

        /// <summary>
        /// Softmax of float logits with the maximum subtracted (on net8.0 with AVX-512, fused kernels that
        /// subtract, exponentiate and sum or scale in one pass; elsewhere TensorPrimitives' float kernels);
        /// see <see cref="Softmax(ReadOnlySpan{double}, Span{double})"/>.
        /// </summary>
        /// <param name="x">The logits. -inf entries get probability 0. An empty span is allowed.</param>
        /// <param name="destination">Receives the probabilities; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">
        /// <paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>; an element of
        /// <paramref name="x"/> is NaN or +inf, or every element is -inf.
        /// </exception>
        public static void Softmax(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckDestination(x, destination);
            if (x.Length == 0)
            {
                return;
            }

#if NET8_0_OR_GREATER
            if (ExpKernels.IsSupported)
            {
                SoftmaxFused(x, destination);
                return;
            }

            if (!x.Overlaps(destination) && x.Length > FloatChunkLength)
            {
                SoftmaxOnePass(x, destination);
                return;
            }
#endif
            float max = MaxForSoftmax(x, nameof(x), out _);
#if NET8_0_OR_GREATER
            // In place: the maximum first (x is checked before it is overwritten), then one pass writes e^(x - max) chunk by chunk and sums each chunk while it is in the cache (in
            // double); a second pass scales. The sum is at least 1 (the maximum's own term).
            double total = 0;
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                int length = Math.Min(FloatChunkLength, x.Length - start);
                Span<float> d = destination.Slice(start, length);
                TensorPrimitives.Subtract(x.Slice(start, length), max, d);
                TensorPrimitives.Exp(d, d);
                total += GuardKernels.SumAsDouble(d);
            }

            TensorPrimitives.Multiply(destination, (float)(1.0 / total), destination);
#else
            System.Numerics.Tensors.TensorPrimitives.Subtract(x, max, destination);
            System.Numerics.Tensors.TensorPrimitives.Exp(destination, destination);
            float sum = System.Numerics.Tensors.TensorPrimitives.Sum(destination);
            System.Numerics.Tensors.TensorPrimitives.Divide(destination, sum, destination);
#endif
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// Softmax with the fused kernels of <see cref="ExpKernels"/>. Up to one chunk: <see cref="ExpKernels.Max"/>
        /// (NaN comes out as NaN), then <c>e^(x - max)</c> written and summed in one pass, and one scaling
        /// pass while the data is in the cache. Longer spans, two passes over <paramref name="x"/> (the
        /// memory traffic of <c>TensorPrimitives.SoftMax</c>: x read twice, destination written once): per
        /// 4K chunk, the chunk's NaN-ignoring maximum raises the running maximum m (the double sum is
        /// rescaled by e^(m - m')) and <c>e^(x - m)</c> of the chunk, still in the cache, is summed, nothing
        /// written (a NaN makes the sum NaN); then <c>destination = e^(x - m) / sum</c> in one write,
        /// streamed past the caches for very long spans. Every element is checked before
        /// <paramref name="destination"/> is written, so in place the input survives an exception.
        /// </summary>
        private static void SoftmaxFused(ReadOnlySpan<float> x, Span<float> destination)
        {
            if (x.Length <= FloatChunkLength)
            {
                float max = ExpKernels.Max(x);
                if (!float.IsFinite(max))
                {
                    max = MaxForSoftmax(x, nameof(x), out _); // throws: NaN, +inf or every element -inf
                }

                double sum = ExpKernels.ExpAndSum(x, max, destination);
                TensorPrimitives.Multiply(destination, (float)(1.0 / sum), destination);
                return;
            }

            float m = float.NegativeInfinity;
            double total = 0;
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                int length = Math.Min(FloatChunkLength, x.Length - start);
                ReadOnlySpan<float> chunk = x.Slice(start, length);
                float cm = ExpKernels.MaxIgnoringNaN(chunk);
                if (float.IsPositiveInfinity(cm) || (float.IsNegativeInfinity(cm) && float.IsNaN(TensorPrimitives.Max(chunk))))
                {
                    // The first bad element (NaN or +inf) is in this chunk: every earlier chunk had a finite or
                    // -inf maximum, no NaN (its sum was a number) and no +inf.
                    MaxForSoftmax(x.Slice(0, start + length), nameof(x), out _);
                }

                if (cm > m)
                {
                    total = float.IsNegativeInfinity(m) ? 0 : total * Math.Exp((double)m - cm);
                    m = cm;
                }

                if (!float.IsNegativeInfinity(m))
                {
                    double sum = ExpKernels.Sum(chunk, m);
                    if (double.IsNaN(sum))
                    {
                        MaxForSoftmax(x.Slice(0, start + length), nameof(x), out _); // a NaN in this chunk
                    }

                    total += sum;
                }
            }

            if (float.IsNegativeInfinity(m))
            {
                throw new ArgumentException("Every element is -infinity; the softmax is undefined (0 / 0).", nameof(x));
            }

            ExpKernels.ExpScaled(x, m, (float)(1.0 / total), destination);
        }

        /// <summary>
        /// Softmax into a separate destination with one read of <paramref name="x"/>: per 4K chunk,
        /// <c>TensorPrimitives.Max</c> (which also finds NaN) raises the running maximum m, then
        /// e^(x - m) is written and summed (in double) while the chunk is in the cache; the double sum is
        /// rescaled by e^(m - m') whenever m rises to m'. The final pass multiplies each chunk by
        /// e^(m_chunk - m_final) / sum. On a bad element the exception comes after earlier chunks of
        /// <paramref name="destination"/> were written (x is never written).
        /// </summary>
        private static void SoftmaxOnePass(ReadOnlySpan<float> x, Span<float> destination)
        {
            int chunks = ((x.Length - 1) / FloatChunkLength) + 1;
            float[] chunkMax = System.Buffers.ArrayPool<float>.Shared.Rent(chunks);
            try
            {
                float m = float.NegativeInfinity;
                double total = 0;
                for (int c = 0, start = 0; c < chunks; c++, start += FloatChunkLength)
                {
                    int length = Math.Min(FloatChunkLength, x.Length - start);
                    ReadOnlySpan<float> chunk = x.Slice(start, length);
                    float cm = TensorPrimitives.Max(chunk);
                    if (float.IsNaN(cm) || float.IsPositiveInfinity(cm))
                    {
                        // The first bad element (NaN or +inf) is in this chunk or, for +inf, it is the first +inf.
                        MaxForSoftmax(x.Slice(0, start + length), nameof(x), out _);
                    }

                    if (cm > m)
                    {
                        total = float.IsNegativeInfinity(m) ? 0 : total * Math.Exp((double)m - cm);
                        m = cm;
                    }

                    chunkMax[c] = m;
                    Span<float> d = destination.Slice(start, length);
                    if (float.IsNegativeInfinity(m))
                    {
                        d.Clear(); // every element so far is -inf: probability 0 (or the all -inf error below)
                        continue;
                    }

                    TensorPrimitives.Subtract(chunk, m, d);
                    TensorPrimitives.Exp(d, d);
                    total += GuardKernels.SumAsDouble(d);
                }

                if (float.IsNegativeInfinity(m))
                {
                    throw new ArgumentException("Every element is -infinity; the softmax is undefined (0 / 0).", nameof(x));
                }

                for (int c = 0, start = 0; c < chunks; c++, start += FloatChunkLength)
                {
                    Span<float> d = destination.Slice(start, Math.Min(FloatChunkLength, x.Length - start));
                    float factor = (float)(Math.Exp((double)chunkMax[c] - m) / total);
                    if (float.IsNegativeInfinity(chunkMax[c]) || factor == 0)
                    {
                        d.Clear();
                    }
                    else
                    {
                        TensorPrimitives.Multiply(d, factor, d);
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<float>.Shared.Return(chunkMax);
            }
        }
#endif

        /// <summary>
        /// Log-softmax: <c>destination[i] = (x[i] - max) - log1p(sum_{j != argmax} e^(x[j] - max))</c>, the
        /// stable form of <c>log(softmax(x))</c> (finite wherever <c>x[i]</c> is finite, even where
        /// <c>softmax(x)[i]</c> underflows to 0).
        /// </summary>
        /// <param name="x">The logits. -inf entries give -inf. An empty span is allowed (nothing is written).</param>
        /// <param name="destination">Receives the log-probabilities; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">
        /// <paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>; an element of
        /// <paramref name="x"/> is NaN or +inf, or every element is -inf.
        /// </exception>
        public static void LogSoftmax(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckDestination(x, destination);
            if (x.Length == 0)
            {
                return;
            }

            double max = MaxForSoftmax(x, nameof(x), out int argMax);
            double log = MathAccurate.Log1P(SumExpShifted(x, max, argMax));
#if NET8_0_OR_GREATER
            TensorPrimitives.Subtract(x, max, destination);
            TensorPrimitives.Subtract(destination, log, destination);
#else
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = (x[i] - max) - log;
            }
#endif
        }

        /// <summary>Log-softmax of float logits (the log-normalizer is computed in double); see <see cref="LogSoftmax(ReadOnlySpan{double}, Span{double})"/>.</summary>
        /// <param name="x">The logits. -inf entries give -inf. An empty span is allowed.</param>
        /// <param name="destination">Receives the log-probabilities; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">
        /// <paramref name="destination"/> has another length or partly overlaps <paramref name="x"/>; an element of
        /// <paramref name="x"/> is NaN or +inf, or every element is -inf.
        /// </exception>
        public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckDestination(x, destination);
            if (x.Length == 0)
            {
                return;
            }

            float max = MaxForSoftmax(x, nameof(x), out int argMax);
            float log = (float)MathAccurate.Log1P(SumExpShifted(x, max, argMax));
            System.Numerics.Tensors.TensorPrimitives.Subtract(x, max, destination);
            System.Numerics.Tensors.TensorPrimitives.Subtract(destination, log, destination);
        }

        /// <summary>
        /// <c>log(sum_i e^(x[i]))</c> computed as <c>max + log1p(sum_{i != argmax} e^(x[i] - max))</c>:
        /// <c>LogSumExp([1000, 1000])</c> is 1000.69 (the naive form is +inf), and
        /// <c>LogSumExp([0, -50])</c> is 1.9e-22 (the naive form is 0).
        /// </summary>
        /// <param name="x">The values. Empty gives -inf (the log of an empty sum, as in PyTorch's <c>logsumexp</c>).</param>
        /// <returns>The log-sum-exp: -inf when <paramref name="x"/> is empty or all -inf, +inf when an element is +inf.</returns>
        /// <exception cref="ArgumentException">An element of <paramref name="x"/> is NaN.</exception>
        public static double LogSumExp(ReadOnlySpan<double> x)
        {
            if (x.Length == 0)
            {
                return double.NegativeInfinity;
            }

            double max = MaxOf(x, nameof(x), out int argMax);
            if (double.IsInfinity(max))
            {
                return max;
            }

            return max + MathAccurate.Log1P(SumExpShifted(x, max, argMax));
        }

        /// <summary>Log-sum-exp of floats (the sum is accumulated in double); see <see cref="LogSumExp(ReadOnlySpan{double})"/>.</summary>
        /// <param name="x">The values. Empty gives -inf.</param>
        /// <returns>The log-sum-exp: -inf when <paramref name="x"/> is empty or all -inf, +inf when an element is +inf.</returns>
        /// <exception cref="ArgumentException">An element of <paramref name="x"/> is NaN.</exception>
        public static float LogSumExp(ReadOnlySpan<float> x)
        {
            if (x.Length == 0)
            {
                return float.NegativeInfinity;
            }

#if NET8_0_OR_GREATER
            return ExpKernels.IsSupported ? LogSumExpFused(x, nameof(x)) : LogSumExpOnePass(x, nameof(x));
#else
            float max = MaxOf(x, nameof(x), out int argMax);
            if (float.IsInfinity(max))
            {
                return max;
            }

            return (float)(max + MathAccurate.Log1P(SumExpShifted(x, max, argMax)));
#endif
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// Float log-sum-exp with <see cref="ExpKernels.SumBelow"/>, one read of <paramref name="x"/>: per 4K
        /// chunk, the NaN-ignoring maximum raises the running maximum m, then one fused pass over the chunk,
        /// still in the cache, sums e^(x - m) in double over the elements below m and counts those equal to
        /// m (a NaN makes the sum NaN, and the first NaN is then looked for). s is the sum over every element
        /// but one equal to m (the ties count 1 each, less the one left out when the chunk raised m); when a
        /// chunk raises m to m', s becomes (s + 1) e^(m - m'). The result is <c>m + log1p(s)</c>.
        /// </summary>
        private static float LogSumExpFused(ReadOnlySpan<float> x, string paramName)
        {
            float m = float.NegativeInfinity;
            double s = 0;
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                ReadOnlySpan<float> chunk = x.Slice(start, Math.Min(FloatChunkLength, x.Length - start));
                float cm = ExpKernels.MaxIgnoringNaN(chunk);
                if (float.IsPositiveInfinity(cm))
                {
                    // The result is +inf unless a NaN follows (none came before: every earlier sum was a number).
                    ThrowAtFirstNaN(x.Slice(start), start, paramName);
                    return float.PositiveInfinity;
                }

                if (float.IsNegativeInfinity(cm))
                {
                    ThrowAtFirstNaN(chunk, start, paramName);
                    continue; // the chunk adds 0
                }

                int leftOut = 0;
                if (cm > m)
                {
                    s = float.IsNegativeInfinity(m) ? 0 : (s + 1.0) * Math.Exp((double)m - cm);
                    m = cm;
                    leftOut = 1;
                }

                double below = ExpKernels.SumBelow(chunk, m, out int ties);
                if (double.IsNaN(below))
                {
                    ThrowAtFirstNaN(chunk, start, paramName);
                }

                s += below;
                s += ties - leftOut;
            }

            if (float.IsNegativeInfinity(m))
            {
                return m;
            }

            // log(1 + s) in double is off by at most about 3e-16 (the rounding of 1 + s), far below an ulp of
            // any float result of magnitude 2^-20 or more; a smaller result takes the accurate log1p.
            double result = m + Math.Log(1.0 + s);
            return (float)(Math.Abs(result) >= 9.5367431640625E-07 ? result : m + MathAccurate.Log1P(s));
        }

        /// <summary>
        /// Throws for the first NaN of <paramref name="span"/>, if there is one, naming its index in the whole input:
        /// <paramref name="offset"/> is where <paramref name="span"/> starts in it.
        /// </summary>
        private static void ThrowAtFirstNaN(ReadOnlySpan<float> span, int offset, string paramName)
        {
            int i = MathChecks.IndexOfNaN(span);
            if (i >= 0)
            {
                MathChecks.ThrowNaNAt(paramName, offset + i);
            }
        }

        /// <summary>
        /// Float log-sum-exp in one read of <paramref name="x"/>: per 4K chunk, <c>TensorPrimitives.Max</c>
        /// (which also finds NaN), then e^(x - m) of the chunk while it is in the cache, with m the running
        /// maximum. s is the double sum over every element but the first one equal to m; when a chunk raises
        /// m to m', s becomes (s + 1) e^(m - m'), as in the <see cref="IEnumerable{T}"/> overload.
        /// </summary>
        private static float LogSumExpOnePass(ReadOnlySpan<float> x, string paramName)
        {
            Span<float> buffer = stackalloc float[Math.Min(FloatChunkLength, x.Length)];
            float m = float.NegativeInfinity;
            double s = 0;
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                ReadOnlySpan<float> chunk = x.Slice(start, Math.Min(FloatChunkLength, x.Length - start));
                float cm = TensorPrimitives.Max(chunk);
                if (float.IsNaN(cm))
                {
                    ThrowAtFirstNaN(chunk, start, paramName);
                }

                if (float.IsPositiveInfinity(m) || float.IsNegativeInfinity(cm))
                {
                    continue; // the result is already +inf (only NaN is still looked for), or the chunk adds 0
                }

                int skip = -1;
                if (cm > m)
                {
                    s = float.IsNegativeInfinity(m) ? 0 : (s + 1.0) * Math.Exp((double)m - cm);
                    m = cm;
                    if (float.IsPositiveInfinity(m))
                    {
                        continue;
                    }

                    skip = chunk.IndexOf(m);
                }

                Span<float> t = buffer.Slice(0, chunk.Length);
                TensorPrimitives.Subtract(chunk, m, t);
                TensorPrimitives.Exp(t, t);
                if (skip >= 0)
                {
                    t[skip] = 0;
                }

                s += GuardKernels.SumAsDouble(t);
            }

            return float.IsInfinity(m) ? m : (float)(m + MathAccurate.Log1P(s));
        }
#endif

        /// <summary>Log-sum-exp of an array; see <see cref="LogSumExp(ReadOnlySpan{double})"/>. (This overload keeps <c>LogSumExp(array)</c> unambiguous next to the <see cref="IEnumerable{T}"/> overload.)</summary>
        /// <param name="values">The values. Empty gives -inf.</param>
        /// <returns>The log-sum-exp.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">An element is NaN.</exception>
        public static double LogSumExp(double[] values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            return LogSumExpNamed(values, nameof(values));
        }

        /// <summary>Log-sum-exp of a float array; see <see cref="LogSumExp(ReadOnlySpan{float})"/>.</summary>
        /// <param name="values">The values. Empty gives -inf.</param>
        /// <returns>The log-sum-exp.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">An element is NaN.</exception>
        public static float LogSumExp(float[] values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            if (values.Length == 0)
            {
                return float.NegativeInfinity;
            }

#if NET8_0_OR_GREATER
            return ExpKernels.IsSupported ? LogSumExpFused(values, nameof(values)) : LogSumExpOnePass(values, nameof(values));
#else
            float max = MaxOf(values, nameof(values), out int argMax);
            return float.IsInfinity(max) ? max : (float)(max + MathAccurate.Log1P(SumExpShifted(values, max, argMax)));
#endif
        }

        /// <summary>
        /// Log-sum-exp of a sequence (a <see cref="List{T}"/>, a LINQ query, ...) in one pass with a running
        /// maximum, so the sequence is enumerated once; see <see cref="LogSumExp(ReadOnlySpan{double})"/>.
        /// </summary>
        /// <param name="values">The values. Empty gives -inf.</param>
        /// <returns>The log-sum-exp: -inf when empty or all -inf, +inf when an element is +inf.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">An element is NaN (the message names its index).</exception>
        public static double LogSumExp(IEnumerable<double> values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            if (values is double[] array)
            {
                return LogSumExpNamed(array, nameof(values));
            }

            // Running maximum m and s = sum over the elements other than the (first) maximum of e^(v - m).
            double m = double.NegativeInfinity;
            double s = 0;
            bool positiveInfinity = false;
            int index = 0;
            foreach (double v in values)
            {
                if (double.IsNaN(v))
                {
                    MathChecks.ThrowNaNAt(nameof(values), index);
                }

                index++;
                if (double.IsNegativeInfinity(v) || positiveInfinity)
                {
                    continue;
                }

                if (double.IsPositiveInfinity(v))
                {
                    positiveInfinity = true;
                }
                else if (v > m)
                {
                    s = (s + 1.0) * Math.Exp(m - v);
                    m = v;
                }
                else
                {
                    s += Math.Exp(v - m);
                }
            }

            if (positiveInfinity)
            {
                return double.PositiveInfinity;
            }

            return double.IsNegativeInfinity(m) ? m : m + MathAccurate.Log1P(s);
        }

        private static double LogSumExpNamed(ReadOnlySpan<double> x, string paramName)
        {
            if (x.Length == 0)
            {
                return double.NegativeInfinity;
            }

            double max = MaxOf(x, paramName, out int argMax);
            return double.IsInfinity(max) ? max : max + MathAccurate.Log1P(SumExpShifted(x, max, argMax));
        }

        private static void CheckDestination<T>(ReadOnlySpan<T> x, Span<T> destination)
        {
            MathChecks.SameLength(x.Length, destination.Length, nameof(destination));
            MathChecks.NoPartialOverlap(x, destination, nameof(destination));
        }

        /// <summary>The maximum and its first index; throws for NaN (naming the index). x is not empty.</summary>
        internal static double MaxOf(ReadOnlySpan<double> x, string paramName, out int argMax)
        {
#if NET8_0_OR_GREATER
            argMax = TensorPrimitives.IndexOfMax(x);
            double max = x[argMax];
            if (double.IsNaN(max))
            {
                // IndexOfMax returns the first NaN.
                MathChecks.ThrowNaNAt(paramName, argMax);
            }

            return max;
#else
            argMax = 0;
            double max = double.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                double v = x[i];
                if (double.IsNaN(v))
                {
                    MathChecks.ThrowNaNAt(paramName, i);
                }

                if (v > max)
                {
                    max = v;
                    argMax = i;
                }
            }

            return max;
#endif
        }

        internal static float MaxOf(ReadOnlySpan<float> x, string paramName, out int argMax)
        {
#if NET8_0_OR_GREATER
            // TensorPrimitives.Max per chunk (NaN if the chunk holds one) is faster than IndexOfMax over
            // the whole span; the index is then looked for in the one chunk where the maximum first appears.
            float max = float.NegativeInfinity;
            int maxStart = 0;
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                ReadOnlySpan<float> chunk = x.Slice(start, Math.Min(FloatChunkLength, x.Length - start));
                float m = TensorPrimitives.Max(chunk);
                if (float.IsNaN(m))
                {
                    ThrowAtFirstNaN(chunk, start, paramName);
                }

                if (m > max)
                {
                    max = m;
                    maxStart = start;
                }
            }

            argMax = maxStart;
            while (x[argMax] != max)
            {
                argMax++;
            }

            return max;
#else
            argMax = 0;
            float max = float.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                float v = x[i];
                if (float.IsNaN(v))
                {
                    MathChecks.ThrowNaNAt(paramName, i);
                }

                if (v > max)
                {
                    max = v;
                    argMax = i;
                }
            }

            return max;
#endif
        }

        /// <summary>The maximum for softmax-like functions: NaN, +inf and all -inf are rejected.</summary>
        internal static double MaxForSoftmax(ReadOnlySpan<double> x, string paramName, out int argMax)
        {
            double max = MaxOf(x, paramName, out argMax);
            if (double.IsPositiveInfinity(max))
            {
                MathChecks.ThrowAt(paramName, argMax, "is +infinity; the softmax is undefined (inf - inf).");
            }

            if (double.IsNegativeInfinity(max))
            {
                throw new ArgumentException("Every element is -infinity; the softmax is undefined (0 / 0).", paramName);
            }

            return max;
        }

        internal static float MaxForSoftmax(ReadOnlySpan<float> x, string paramName, out int argMax)
        {
            float max = MaxOf(x, paramName, out argMax);
            if (float.IsPositiveInfinity(max))
            {
                MathChecks.ThrowAt(paramName, argMax, "is +infinity; the softmax is undefined (inf - inf).");
            }

            if (float.IsNegativeInfinity(max))
            {
                throw new ArgumentException("Every element is -infinity; the softmax is undefined (0 / 0).", paramName);
            }

            return max;
        }

        /// <summary>sum over i != skip of e^(x[i] - max) (max finite): the terms are in [0, 1].</summary>
        internal static double SumExpShifted(ReadOnlySpan<double> x, double max, int skip)
        {
            double sum = 0;
#if NET8_0_OR_GREATER
            Span<double> buffer = stackalloc double[ChunkLength];
            for (int start = 0; start < x.Length; start += ChunkLength)
            {
                ReadOnlySpan<double> chunk = x.Slice(start, Math.Min(ChunkLength, x.Length - start));
                Span<double> t = buffer.Slice(0, chunk.Length);
                TensorPrimitives.Subtract(chunk, max, t);
                TensorPrimitives.Exp(t, t);
                if (skip >= start && skip < start + chunk.Length)
                {
                    t[skip - start] = 0;
                }

                sum += TensorPrimitives.Sum<double>(t);
            }
#else
            for (int i = 0; i < x.Length; i++)
            {
                if (i != skip)
                {
                    sum += Math.Exp(x[i] - max);
                }
            }
#endif
            return sum;
        }

        internal static double SumExpShifted(ReadOnlySpan<float> x, float max, int skip)
        {
            double sum = 0;
#if NET8_0_OR_GREATER
            // e^(x - max) in float, chunk by chunk in a stack buffer (no full-size temporary); each chunk's
            // terms, in [0, 1], are summed in double.
            Span<float> buffer = stackalloc float[Math.Min(FloatChunkLength, x.Length)];
            for (int start = 0; start < x.Length; start += FloatChunkLength)
            {
                ReadOnlySpan<float> chunk = x.Slice(start, Math.Min(FloatChunkLength, x.Length - start));
                Span<float> t = buffer.Slice(0, chunk.Length);
                TensorPrimitives.Subtract(chunk, max, t);
                TensorPrimitives.Exp(t, t);
                if (skip >= start && skip < start + chunk.Length)
                {
                    t[skip - start] = 0;
                }

                sum += GuardKernels.SumAsDouble(t);
            }
#else
            for (int i = 0; i < x.Length; i++)
            {
                if (i != skip)
                {
                    sum += Math.Exp((double)x[i] - max);
                }
            }
#endif
            return sum;
        }
    }
}

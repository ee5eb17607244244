#if NET8_0_OR_GREATER
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NanGuard.Internal
{
    /// <summary>
    /// Fused <c>e^(x - max)</c> kernels for the float softmax family (AVX-512 only; callers fall back to their
    /// TensorPrimitives composition when <see cref="IsSupported"/> is false). The subtraction, the exponential,
    /// the sum and the scaling of an element happen in one pass, with no temporary.
    /// <para>
    /// The exponential, in float: <c>d = x - max</c> (rounded as <c>TensorPrimitives.Subtract</c> rounds it),
    /// <c>d = k ln2 + r</c> with <c>k = round(d / ln2)</c> and <c>|r| &lt;= ln2 / 2</c> (ln2 in two parts, with
    /// fused multiply-adds), <c>e^r = 1 + r (1 + r g(r))</c> with g a degree-4 Chebyshev fit of
    /// <c>(e^r - 1 - r) / r^2</c>, then <c>vscalefps</c> multiplies by <c>2^k</c> (subnormal results and
    /// underflow to 0 included). Worst relative error 7.5e-8 (0.63 ulp), found by simulating the float
    /// arithmetic over 203,000 arguments in [-100, 0]; <c>TensorPrimitives.Exp</c> rounds a result with a
    /// relative error of up to about 7.5e-8 to float, so up to about 1.1 ulp. <c>d &lt; -200</c> (-inf
    /// included) is evaluated at -200, whose result is 0 in float as the true one is.
    /// </para>
    /// <para>
    /// The caller guarantees <c>x[i] &lt;= max</c>, no NaN and a finite <c>max</c>. Sums are in double, each
    /// float term widened. The last, partial vector is a full vector ending at the last element, its lanes
    /// already seen masked out of the sums; a kernel that writes computes it first (from <c>x</c> as it was)
    /// and stores it last, so <c>destination</c> may be <c>x</c> itself. Spans shorter than one vector take
    /// a scalar loop in double.
    /// </para>
    /// </summary>
    internal static class ExpKernels
    {
        private const float Log2E = 1.44269502f;
        private const float Ln2Hi = 0.693147182f;
        private const float Ln2Lo = -1.90465421e-09f;

        // 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer.
        private const float Shifter = 12582912f;
        private const float Lowest = -200f;

        private const float G4 = 0.00139276846f;
        private const float G3 = 0.00836438034f;
        private const float G2 = 0.041666545f;
        private const float G1 = 0.166665703f;
        private const float G0 = 0.5f;

        private const int Width = 16;

        // Spans of at least 2^21 floats (8 MB, past the per-core caches) are written with streaming stores.
        private const int StreamingLength = 1 << 21;

        // Prefetch distance in floats: two 4 KB pages.
        private const int PrefetchAhead = 2048;

        /// <summary>True where the kernels run (AVX-512 in hardware, and the tests have not forced the scalar paths).</summary>
        internal static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && !GuardKernels.ForceScalar;

        /// <summary>
        /// The largest element of a non-empty span, or NaN if there is one (as <c>TensorPrimitives.Max</c>,
        /// in one <c>vmaxps</c>, one compare and one and per vector).
        /// </summary>
        internal static float Max(ReadOnlySpan<float> x)
        {
            int n = x.Length;
            if (n < Width)
            {
                float max = float.NegativeInfinity;
                for (int j = 0; j < n; j++)
                {
                    if (float.IsNaN(x[j]))
                    {
                        return float.NaN;
                    }

                    max = Math.Max(max, x[j]);
                }

                return max;
            }

            ref float f = ref MemoryMarshal.GetReference(x);
            Vector512<float> m0 = Vector512.Create(float.NegativeInfinity), m1 = m0;
            Vector512<float> ordered = Vector512<float>.AllBitsSet;
            int i = 0;
            for (; i <= n - (2 * Width); i += 2 * Width)
            {
                Vector512<float> a = Vector512.LoadUnsafe(ref f, (nuint)i);
                Vector512<float> b = Vector512.LoadUnsafe(ref f, (nuint)(i + Width));
                m0 = Avx512F.Max(a, m0);
                m1 = Avx512F.Max(b, m1);
                ordered &= Vector512.Equals(a, a) & Vector512.Equals(b, b); // false in a NaN lane
            }

            if (i < n)
            {
                // Up to two more vectors, the last one ending at n (overlap is harmless here).
                Vector512<float> a = Vector512.LoadUnsafe(ref f, (nuint)Math.Min(i, n - Width));
                Vector512<float> b = Vector512.LoadUnsafe(ref f, (nuint)(n - Width));
                m0 = Avx512F.Max(a, m0);
                m1 = Avx512F.Max(b, m1);
                ordered &= Vector512.Equals(a, a) & Vector512.Equals(b, b);
            }

            if (ordered.AsInt32() != Vector512<int>.AllBitsSet)
            {
                return float.NaN;
            }

            return ReduceMax(Avx512F.Max(m0, m1));
        }

        /// <summary>
        /// The largest element of a non-empty span, NaN ignored (-inf when every element is NaN or -inf): one
        /// <c>vmaxps</c> per vector, four accumulators. The callers find NaN through the sums instead, whose
        /// terms keep it.
        /// </summary>
        internal static float MaxIgnoringNaN(ReadOnlySpan<float> x)
        {
            int n = x.Length;
            float max = float.NegativeInfinity;
            if (n < Width)
            {
                for (int j = 0; j < n; j++)
                {
                    max = x[j] > max ? x[j] : max;
                }

                return max;
            }

            ref float f = ref MemoryMarshal.GetReference(x);
            Vector512<float> m0 = Vector512.Create(float.NegativeInfinity), m1 = m0, m2 = m0, m3 = m0;
            int i = 0;
            for (; i <= n - (4 * Width); i += 4 * Width)
            {
                // The loaded vector first: vmaxps returns the second operand (the accumulator) for a NaN lane.
                m0 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)i), m0);
                m1 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)(i + Width)), m1);
                m2 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)(i + (2 * Width))), m2);
                m3 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)(i + (3 * Width))), m3);
            }

            for (; i <= n - Width; i += Width)
            {
                m0 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)i), m0);
            }

            if (i < n)
            {
                // The last vector ends at n and overlaps lanes already seen: harmless for a maximum.
                m1 = Avx512F.Max(Vector512.LoadUnsafe(ref f, (nuint)(n - Width)), m1);
            }

            return ReduceMax(Avx512F.Max(Avx512F.Max(m0, m1), Avx512F.Max(m2, m3)));
        }

        /// <summary>The largest lane of a vector without NaN.</summary>
        private static float ReduceMax(Vector512<float> m)
        {
            Vector256<float> h = Avx.Max(m.GetLower(), m.GetUpper());
            Vector128<float> q = Sse.Max(h.GetLower(), h.GetUpper());
            float max = q.GetElement(0);
            for (int lane = 1; lane < Vector128<float>.Count; lane++)
            {
                max = Math.Max(max, q.GetElement(lane));
            }

            return max;
        }

        /// <summary>The sum of <c>e^(x[i] - max)</c> in double.</summary>
        internal static double Sum(ReadOnlySpan<float> x, float max) => SumCore<No>(x, max, out _);

        /// <summary>
        /// The sum of <c>e^(x[i] - max)</c> over the elements below <paramref name="max"/> in double;
        /// <paramref name="ties"/> receives how many elements equal <paramref name="max"/> (their terms, 1 each,
        /// are left out so that a sum far below 1 keeps its digits).
        /// </summary>
        internal static double SumBelow(ReadOnlySpan<float> x, float max, out int ties) => SumCore<Yes>(x, max, out ties);

        /// <summary>
        /// <c>destination[i] = e^(x[i] - max)</c> and their sum in double. <paramref name="destination"/> has the
        /// length of <paramref name="x"/> and may be <paramref name="x"/> itself.
        /// </summary>
        internal static double ExpAndSum(ReadOnlySpan<float> x, float max, Span<float> destination) =>
            StoreCore<Yes>(x, max, 1f, destination);

        /// <summary>
        /// <c>destination[i] = e^(x[i] - max) * scale</c>. <paramref name="destination"/> has the length of
        /// <paramref name="x"/> and may be <paramref name="x"/> itself.
        /// </summary>
        internal static unsafe void ExpScaled(ReadOnlySpan<float> x, float max, float scale, Span<float> destination)
        {
            // Streaming needs float-aligned memory (always so for float arrays; not for a span cast from bytes).
            if (x.Length >= StreamingLength && ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(destination)) % sizeof(float)) == 0)
            {
                ExpScaledStreaming(x, max, scale, destination);
                return;
            }

            StoreCore<No>(x, max, scale, destination);
        }

        /// <summary>
        /// <see cref="ExpScaled"/> for spans far larger than the caches: non-temporal stores of whole aligned
        /// cache lines (no read for ownership of <paramref name="destination"/>, which is not read back soon)
        /// and a software prefetch of <paramref name="x"/> two 4 KB pages ahead (as in <see cref="FloatKernels"/>).
        /// The first and the last vector are computed before the loop (from x as it was) and stored after it.
        /// </summary>
        private static unsafe void ExpScaledStreaming(ReadOnlySpan<float> x, float max, float scale, Span<float> destination)
        {
            int n = x.Length;
            Vector512<float> m = Vector512.Create(max);
            Vector512<float> c = Vector512.Create(scale);
            fixed (float* px = x)
            fixed (float* pd = destination)
            {
                Vector512<float> first = Exp(Vector512.Load(px) - m) * c;
                Vector512<float> last = Exp(Vector512.Load(px + (n - Width)) - m) * c;

                // The first element whose destination starts a 64-byte line (floats are 4-byte aligned).
                int start = (int)(((64 - ((nuint)pd % 64)) % 64) / sizeof(float));
                int end = start + ((n - start) / Width * Width);
                for (int i = start; i < end; i += Width)
                {
                    if (Sse.IsSupported)
                    {
                        Sse.Prefetch0(px + i + PrefetchAhead);
                    }

                    Vector512.StoreAlignedNonTemporal(Exp(Vector512.Load(px + i) - m) * c, pd + i);
                }

                Sse.StoreFence();
                first.Store(pd);
                last.Store(pd + (n - Width));
            }
        }

        private static double SumCore<TTies>(ReadOnlySpan<float> x, float max, out int ties)
            where TTies : struct
        {
            int n = x.Length;
            if (n < Width)
            {
                return ScalarSum(x, max, typeof(TTies) == typeof(Yes), out ties);
            }

            ref float f = ref MemoryMarshal.GetReference(x);
            Vector512<float> m = Vector512.Create(max);
            int i = n - (n % Width);
            double sum = SumVectors<TTies>(ref f, i, m, out long count);
            Vector512<double> s0 = Vector512<double>.Zero, s1 = Vector512<double>.Zero;

            if (i < n)
            {
                // The last vector ends at n; its first lanes were summed above.
                Vector512<float> v = Vector512.LoadUnsafe(ref f, (nuint)(n - Width));
                Vector512<float> fresh = FreshLanes(n - i);
                if (typeof(TTies) == typeof(Yes))
                {
                    Vector512<float> tie = Vector512.Equals(v, m) & fresh;
                    count += BitOperations.PopCount(tie.ExtractMostSignificantBits());
                    fresh = Vector512.AndNot(fresh, tie);
                }

                // Lanes not fresh become -inf, whose term is 0.
                Vector512<float> e = Exp(Vector512.ConditionalSelect(fresh, v, Vector512.Create(float.NegativeInfinity)) - m);
                s0 += Avx512F.ConvertToVector512Double(e.GetLower());
                s1 += Avx512F.ConvertToVector512Double(e.GetUpper());
            }

            ties = (int)count;
            return sum + Vector512.Sum(s0 + s1);
        }

        /// <summary>The loop of SumCore over the whole vectors, in a method of its own with no calls (its accumulators stay in registers).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static double SumVectors<TTies>(ref float f, int end, Vector512<float> m, out long ties)
            where TTies : struct
        {
            Vector512<double> s0 = Vector512<double>.Zero, s1 = Vector512<double>.Zero;
            Vector512<int> count = Vector512<int>.Zero;
            for (int i = 0; i < end; i += Width)
            {
                Vector512<float> v = Vector512.LoadUnsafe(ref f, (nuint)i);
                Vector512<float> e = Exp(v - m);
                if (typeof(TTies) == typeof(Yes))
                {
                    Vector512<float> tie = Vector512.Equals(v, m);
                    count += tie.AsInt32(); // a tie lane is -1
                    e = Vector512.AndNot(e, tie);
                }

                s0 += Avx512F.ConvertToVector512Double(e.GetLower());
                s1 += Avx512F.ConvertToVector512Double(e.GetUpper());
            }

            ties = -(long)Vector512.Sum(Avx512F.ConvertToVector512Int64(count.GetLower()) + Avx512F.ConvertToVector512Int64(count.GetUpper()));
            return Vector512.Sum(s0 + s1);
        }

        private static double StoreCore<TSum>(ReadOnlySpan<float> x, float max, float scale, Span<float> destination)
            where TSum : struct
        {
            int n = x.Length;
            if (n < Width)
            {
                return ScalarStore(x, max, scale, destination);
            }

            ref float f = ref MemoryMarshal.GetReference(x);
            ref float d = ref MemoryMarshal.GetReference(destination);
            Vector512<float> m = Vector512.Create(max);
            Vector512<float> c = Vector512.Create(scale);
            Vector512<double> s0 = Vector512<double>.Zero, s1 = Vector512<double>.Zero;
            int tail = n % Width;

            // The last vector, from x as it is before any store (in place, its first lanes are overwritten below).
            Vector512<float> last = Vector512<float>.Zero;
            if (tail != 0)
            {
                last = Exp(Vector512.LoadUnsafe(ref f, (nuint)(n - Width)) - m);
                if (typeof(TSum) == typeof(Yes))
                {
                    Vector512<float> fresh = last & FreshLanes(tail);
                    s0 += Avx512F.ConvertToVector512Double(fresh.GetLower());
                    s1 += Avx512F.ConvertToVector512Double(fresh.GetUpper());
                }
                else
                {
                    last *= c;
                }
            }

            for (int i = 0; i <= n - Width; i += Width)
            {
                Vector512<float> e = Exp(Vector512.LoadUnsafe(ref f, (nuint)i) - m);
                if (typeof(TSum) == typeof(Yes))
                {
                    s0 += Avx512F.ConvertToVector512Double(e.GetLower());
                    s1 += Avx512F.ConvertToVector512Double(e.GetUpper());
                }
                else
                {
                    e *= c;
                }

                e.StoreUnsafe(ref d, (nuint)i);
            }

            if (tail != 0)
            {
                last.StoreUnsafe(ref d, (nuint)(n - Width));
            }

            return Vector512.Sum(s0 + s1);
        }

        /// <summary>e^d for d &lt;= 0 (see the class summary).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Exp(Vector512<float> d)
        {
            // vmaxps returns its second operand when either is NaN: a NaN d stays NaN (and so does the sum).
            d = Avx512F.Max(Vector512.Create(Lowest), d);
            Vector512<float> k = Avx512F.FusedMultiplyAdd(d, Vector512.Create(Log2E), Vector512.Create(Shifter)) - Vector512.Create(Shifter);
            Vector512<float> r = Avx512F.FusedMultiplyAdd(k, Vector512.Create(-Ln2Hi), d);
            r = Avx512F.FusedMultiplyAdd(k, Vector512.Create(-Ln2Lo), r);
            Vector512<float> g = Avx512F.FusedMultiplyAdd(Vector512.Create(G4), r, Vector512.Create(G3));
            g = Avx512F.FusedMultiplyAdd(g, r, Vector512.Create(G2));
            g = Avx512F.FusedMultiplyAdd(g, r, Vector512.Create(G1));
            g = Avx512F.FusedMultiplyAdd(g, r, Vector512.Create(G0));
            Vector512<float> p = Avx512F.FusedMultiplyAdd(Avx512F.FusedMultiplyAdd(g, r, Vector512<float>.One), r, Vector512<float>.One);
            return Avx512F.Scale(p, k);
        }

        /// <summary>All ones in the last <paramref name="count"/> of the 16 lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> FreshLanes(int count) =>
            Vector512.GreaterThanOrEqual(
                Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                Vector512.Create(Width - count)).AsSingle();

        private static double ScalarSum(ReadOnlySpan<float> x, float max, bool skipTies, out int ties)
        {
            double sum = 0;
            ties = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (skipTies && x[i] == max)
                {
                    ties++;
                }
                else
                {
                    sum += (float)Math.Exp((double)x[i] - max);
                }
            }

            return sum;
        }

        private static double ScalarStore(ReadOnlySpan<float> x, float max, float scale, Span<float> destination)
        {
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                float e = (float)Math.Exp((double)x[i] - max);
                sum += e;
                destination[i] = e * scale;
            }

            return sum;
        }

        // Type flags for the shared loops (the JIT compiles one body per struct argument).
        private struct Yes
        {
        }

        private struct No
        {
        }
    }
}
#endif

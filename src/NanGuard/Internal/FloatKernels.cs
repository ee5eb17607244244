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
    /// Single-pass <c>Vector&lt;T&gt;</c> kernels over float spans (net8.0 only; callers fall back to the
    /// scalar loops of <see cref="GuardKernels"/> on netstandard2.0 and under <see cref="GuardKernels.ForceScalar"/>).
    /// Loads are unchecked (<c>Vector.LoadUnsafe</c>) and unrolled four vectors deep with independent
    /// accumulators, so no loop-carried latency chain limits a memory-bound scan. Call only with
    /// <c>values.Length &gt;= Vector&lt;float&gt;.Count</c>.
    /// </summary>
    internal static class FloatKernels
    {
        // Prefetch distance (floats): two 4 KB pages ahead, so the next page's first misses are in flight
        // before the hardware streamer, which stops at page boundaries, would request them.
        private const int PrefetchAhead = 2048;

        // |x| as bits is above this exactly for +-inf and NaN (exponent all ones).
        private const int LargestFiniteBits = 0x7F7FFFFF;
        private const int AbsMask = 0x7FFFFFFF;

        /// <summary>The index of the first NaN or infinity, or -1. One integer max per vector; the index is found only on the slow path.</summary>
        internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
        {
            if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<int>.Count)
            {
                return IndexOfNonFinite512(values);
            }

            int n = values.Length;
            int w = Vector<int>.Count;
            ref int bits = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(values));
            Vector<int> mask = new Vector<int>(AbsMask);
            Vector<int> limit = new Vector<int>(LargestFiniteBits);
            int i = 0;
            for (; i <= n - (4 * w); i += 4 * w)
            {
                Vector<int> a = Vector.LoadUnsafe(ref bits, (nuint)i) & mask;
                Vector<int> b = Vector.LoadUnsafe(ref bits, (nuint)(i + w)) & mask;
                Vector<int> c = Vector.LoadUnsafe(ref bits, (nuint)(i + (2 * w))) & mask;
                Vector<int> d = Vector.LoadUnsafe(ref bits, (nuint)(i + (3 * w))) & mask;
                if (Vector.GreaterThanAny(Vector.Max(Vector.Max(a, b), Vector.Max(c, d)), limit))
                {
                    return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i, 4 * w));
                }
            }

            for (; i <= n - w; i += w)
            {
                if (Vector.GreaterThanAny(Vector.LoadUnsafe(ref bits, (nuint)i) & mask, limit))
                {
                    return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i, w));
                }
            }

            if (i < n && Vector.GreaterThanAny(Vector.LoadUnsafe(ref bits, (nuint)(n - w)) & mask, limit))
            {
                // The last vector overlaps the checked ones; the bad element lies in [i, n).
                return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i));
            }

            return -1;
        }

        private static int IndexOfNonFinite512(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            int w = Vector512<int>.Count;
            ref int bits = ref Unsafe.As<float, int>(ref MemoryMarshal.GetReference(values));
            Vector512<int> mask = Vector512.Create(AbsMask);
            Vector512<int> limit = Vector512.Create(LargestFiniteBits);
            int i = 0;
            for (; i <= n - (4 * w); i += 4 * w)
            {
                ref float ahead = ref Unsafe.As<int, float>(ref bits);
                Prefetch(ref ahead, i + PrefetchAhead);
                Prefetch(ref ahead, i + PrefetchAhead + 16);
                Prefetch(ref ahead, i + PrefetchAhead + 32);
                Prefetch(ref ahead, i + PrefetchAhead + 48);
                Vector512<int> a = Vector512.LoadUnsafe(ref bits, (nuint)i) & mask;
                Vector512<int> b = Vector512.LoadUnsafe(ref bits, (nuint)(i + w)) & mask;
                Vector512<int> c = Vector512.LoadUnsafe(ref bits, (nuint)(i + (2 * w))) & mask;
                Vector512<int> d = Vector512.LoadUnsafe(ref bits, (nuint)(i + (3 * w))) & mask;
                if (Vector512.GreaterThanAny(Vector512.Max(Vector512.Max(a, b), Vector512.Max(c, d)), limit))
                {
                    return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i, 4 * w));
                }
            }

            for (; i <= n - w; i += w)
            {
                if (Vector512.GreaterThanAny(Vector512.LoadUnsafe(ref bits, (nuint)i) & mask, limit))
                {
                    return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i, w));
                }
            }

            if (i < n && Vector512.GreaterThanAny(Vector512.LoadUnsafe(ref bits, (nuint)(n - w)) & mask, limit))
            {
                return i + GuardKernels.ScalarIndexOfNonFinite(values.Slice(i));
            }

            return -1;
        }

        /// <summary>Sum of squares, each float widened to double (exact squares, no overflow for finite floats).</summary>
        internal static double SumOfSquares(ReadOnlySpan<float> values)
        {
            if (Avx512F.IsSupported && Vector512.IsHardwareAccelerated && values.Length >= 32)
            {
                return SumOfSquaresAvx512(values);
            }

            if (Avx.IsSupported && Fma.IsSupported && values.Length >= 16)
            {
                return SumOfSquaresAvx(values);
            }

            int n = values.Length;
            int w = Vector<float>.Count;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
            int i = 0;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)i), out Vector<double> lo0, out Vector<double> hi0);
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)(i + w)), out Vector<double> lo1, out Vector<double> hi1);
                s0 += lo0 * lo0;
                s1 += hi0 * hi0;
                s2 += lo1 * lo1;
                s3 += hi1 * hi1;
            }

            for (; i <= n - w; i += w)
            {
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)i), out Vector<double> lo, out Vector<double> hi);
                s0 += lo * lo;
                s1 += hi * hi;
            }

            double sum = Vector.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++)
            {
                double x = values[i];
                sum += x * x;
            }

            return sum;
        }

        // Each float converts straight from memory to double (vcvtps2pd with a memory operand: no shuffle);
        // the squares are exact in double, so a fused multiply-add rounds exactly like multiply then add.
        private static double SumOfSquaresAvx512(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector512<double> s0 = Vector512<double>.Zero, s1 = Vector512<double>.Zero, s2 = Vector512<double>.Zero, s3 = Vector512<double>.Zero;
            int i = 0;
            for (; i <= n - 32; i += 32)
            {
                // Whole cache lines per load; the halves convert in registers.
                Prefetch(ref f, i + PrefetchAhead);
                Prefetch(ref f, i + PrefetchAhead + 16);
                Vector512<float> x = Vector512.LoadUnsafe(ref f, (nuint)i);
                Vector512<float> y = Vector512.LoadUnsafe(ref f, (nuint)(i + 16));
                Vector512<double> a = Avx512F.ConvertToVector512Double(x.GetLower());
                Vector512<double> b = Avx512F.ConvertToVector512Double(x.GetUpper());
                Vector512<double> c = Avx512F.ConvertToVector512Double(y.GetLower());
                Vector512<double> d = Avx512F.ConvertToVector512Double(y.GetUpper());
                s0 = Avx512F.FusedMultiplyAdd(a, a, s0);
                s1 = Avx512F.FusedMultiplyAdd(b, b, s1);
                s2 = Avx512F.FusedMultiplyAdd(c, c, s2);
                s3 = Avx512F.FusedMultiplyAdd(d, d, s3);
            }

            for (; i <= n - 8; i += 8)
            {
                Vector512<double> a = Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref f, (nuint)i));
                s0 = Avx512F.FusedMultiplyAdd(a, a, s0);
            }

            double sum = Vector512.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++)
            {
                double x = values[i];
                sum += x * x;
            }

            return sum;
        }

        private static double SumOfSquaresAvx(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector256<double> s0 = Vector256<double>.Zero, s1 = Vector256<double>.Zero, s2 = Vector256<double>.Zero, s3 = Vector256<double>.Zero;
            int i = 0;
            for (; i <= n - 16; i += 16)
            {
                Vector256<double> a = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, (nuint)i));
                Vector256<double> b = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, (nuint)(i + 4)));
                Vector256<double> c = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, (nuint)(i + 8)));
                Vector256<double> d = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, (nuint)(i + 12)));
                s0 = Fma.MultiplyAdd(a, a, s0);
                s1 = Fma.MultiplyAdd(b, b, s1);
                s2 = Fma.MultiplyAdd(c, c, s2);
                s3 = Fma.MultiplyAdd(d, d, s3);
            }

            for (; i <= n - 4; i += 4)
            {
                Vector256<double> a = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, (nuint)i));
                s0 = Fma.MultiplyAdd(a, a, s0);
            }

            double sum = Vector256.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++)
            {
                double x = values[i];
                sum += x * x;
            }

            return sum;
        }

        /// <summary>A prefetch hint for the cache line holding element <paramref name="index"/> (past the end is harmless: prefetches never fault).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Prefetch(ref float start, int index)
        {
            if (Sse.IsSupported)
            {
                Sse.Prefetch0((byte*)Unsafe.AsPointer(ref start) + ((nint)index * sizeof(float)));
            }
        }

        /// <summary>Sum of the floats, each widened to double.</summary>
        internal static double Sum(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            int w = Vector<float>.Count;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
            int i = 0;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)i), out Vector<double> lo0, out Vector<double> hi0);
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)(i + w)), out Vector<double> lo1, out Vector<double> hi1);
                s0 += lo0;
                s1 += hi0;
                s2 += lo1;
                s3 += hi1;
            }

            for (; i <= n - w; i += w)
            {
                Vector.Widen(Vector.LoadUnsafe(ref f, (nuint)i), out Vector<double> lo, out Vector<double> hi);
                s0 += lo;
                s1 += hi;
            }

            double sum = Vector.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++)
            {
                sum += values[i];
            }

            return sum;
        }

        /// <summary>Sum of absolute values, each float widened to double.</summary>
        internal static double SumAbs(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            int w = Vector<float>.Count;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, s2 = Vector<double>.Zero, s3 = Vector<double>.Zero;
            int i = 0;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                Vector.Widen(Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)i)), out Vector<double> lo0, out Vector<double> hi0);
                Vector.Widen(Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)(i + w))), out Vector<double> lo1, out Vector<double> hi1);
                s0 += lo0;
                s1 += hi0;
                s2 += lo1;
                s3 += hi1;
            }

            for (; i <= n - w; i += w)
            {
                Vector.Widen(Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)i)), out Vector<double> lo, out Vector<double> hi);
                s0 += lo;
                s1 += hi;
            }

            double sum = Vector.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++)
            {
                sum += Math.Abs((double)values[i]);
            }

            return sum;
        }

        /// <summary>The largest absolute value of finite floats.</summary>
        internal static float MaxAbs(ReadOnlySpan<float> values)
        {
            int n = values.Length;
            int w = Vector<float>.Count;
            ref float f = ref MemoryMarshal.GetReference(values);
            Vector<float> m0 = Vector<float>.Zero, m1 = Vector<float>.Zero;
            int i = 0;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                m0 = Vector.Max(m0, Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)i)));
                m1 = Vector.Max(m1, Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)(i + w))));
            }

            if (i < n)
            {
                // The last vector may overlap the others: harmless for a maximum.
                m0 = Vector.Max(m0, Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)(n - w))));
                if (n - i > w)
                {
                    m1 = Vector.Max(m1, Vector.Abs(Vector.LoadUnsafe(ref f, (nuint)i)));
                }
            }

            Vector<float> m = Vector.Max(m0, m1);
            float max = 0;
            for (int lane = 0; lane < w; lane++)
            {
                max = Math.Max(max, m[lane]);
            }

            return max;
        }
    }
}
#endif

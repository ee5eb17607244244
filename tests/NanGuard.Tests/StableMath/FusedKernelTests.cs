using System;
using System.Linq;
using NanGuard.Internal;
using NanGuard.Tests.InputValidationTests;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// The fused AVX-512 kernels behind the float Softmax and LogSumExp (<see cref="ExpKernels"/>) and the
    /// code around them: every length around the 16-lane vectors and the 4,096-element chunks (the partial
    /// last vector overlaps lanes already seen), the one-chunk and the two-pass Softmax, ties with the
    /// maximum, NaN in any lane, infinities, subnormal results, and agreement with the TensorPrimitives
    /// path that <see cref="ScalarScope"/> (ForceScalar) selects. Where AVX-512 is absent both runs take the
    /// fallback and the comparisons still hold.
    /// </summary>
    public sealed class FusedKernelTests
    {
        public static readonly TheoryData<int> Lengths = new TheoryData<int>
        {
            1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8192, 8193, 12289, 20000,
        };

        private static float[] Random(int n, int seed, float low = -6f, float high = 6f)
        {
            var rng = new Random(seed);
            return Enumerable.Range(0, n).Select(_ => low + ((float)rng.NextDouble() * (high - low))).ToArray();
        }

        private static double[] ReferenceSoftmax(float[] x)
        {
            double max = x.Max(v => (double)v);
            double[] e = x.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        private static double ReferenceLogSumExp(float[] x)
        {
            double max = x.Max(v => (double)v);
            return max + Math.Log(x.Sum(v => Math.Exp(v - max)));
        }

        private static void AssertSoftmaxClose(float[] x, double[] expected, float[] actual, string what)
        {
            float max = x.Max();
            for (int i = 0; i < x.Length; i++)
            {
                double tolerance = 2e-6 + (Math.Abs(x[i] - max) * 1.2e-7);
                if (!(Math.Abs(expected[i] - actual[i]) <= (tolerance * expected[i]) + 1e-37))
                {
                    Assert.Fail($"{what}[{i}] of {x.Length}: {expected[i]:R} vs {actual[i]:R}");
                }
            }
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Softmax_matches_the_reference_at_every_boundary_length(int n)
        {
            float[] x = Random(n, n);
            double[] expected = ReferenceSoftmax(x);
            float[] separate = new float[n];
            StableMath.Softmax(x, separate);
            AssertSoftmaxClose(x, expected, separate, "separate");

            float[] inPlace = (float[])x.Clone();
            StableMath.Softmax(inPlace, inPlace);
            AssertSoftmaxClose(x, expected, inPlace, "in place");

            float[] fallback = new float[n];
            using (new ScalarScope(true))
            {
                StableMath.Softmax(x, fallback);
            }

            AssertSoftmaxClose(x, expected, fallback, "fallback");
            Assert.True(Math.Abs(separate.Sum(v => (double)v) - 1) < 1e-5);
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void LogSumExp_matches_the_reference_at_every_boundary_length(int n)
        {
            float[] x = Random(n, n + 1000);
            double expected = ReferenceLogSumExp(x);
            float fused = StableMath.LogSumExp((ReadOnlySpan<float>)x);
            float array = StableMath.LogSumExp(x);
            float fallback;
            using (new ScalarScope(true))
            {
                fallback = StableMath.LogSumExp((ReadOnlySpan<float>)x);
            }

            double tolerance = 2e-7 * (Math.Abs(expected) + 1);
            Assert.True(Math.Abs(expected - fused) <= tolerance, $"fused {fused:R} vs {expected:R}");
            Assert.Equal(fused, array);
            Assert.True(Math.Abs(expected - fallback) <= tolerance, $"fallback {fallback:R} vs {expected:R}");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(16)]
        [InlineData(17)]
        [InlineData(31)]
        [InlineData(4097)]
        [InlineData(10000)]
        public void Ties_with_the_maximum_count_once_each_also_in_the_overlapping_last_vector(int n)
        {
            // All equal: log(n) exactly; the lanes the last vector shares with the one before must not count twice.
            float[] x = Enumerable.Repeat(2.5f, n).ToArray();
            Assert.Equal(2.5 + Math.Log(n), StableMath.LogSumExp(x), 2e-6 * (2.5 + Math.Log(n)));
            float[] p = new float[n];
            StableMath.Softmax(x, p);
            Assert.All(p, v => Assert.Equal(1.0 / n, v, 1e-6 / n));

            // Several maxima among smaller values, one of them in the last lane.
            float[] y = Random(n, 7, -3f, 1f);
            y[0] = 1f;
            y[n - 1] = 1f;
            y[n / 2] = 1f;
            double expected = ReferenceLogSumExp(y);
            Assert.Equal(expected, StableMath.LogSumExp(y), 2e-7 * (Math.Abs(expected) + 1));
        }

        [Theory]
        [InlineData(2)]
        [InlineData(17)]
        [InlineData(33)]
        [InlineData(4100)]
        public void LogSumExp_keeps_tiny_sums_in_the_tail_lanes(int n)
        {
            // One 0 and n - 1 elements of -50: log1p((n - 1) e^-50), far below an ulp of 1.
            float[] x = Enumerable.Repeat(-50f, n).ToArray();
            x[n - 1] = 0f;
            double expected = (n - 1) * Math.Exp(-50.0);
            Assert.Equal(expected, StableMath.LogSumExp(x), expected * 1e-6);
            x[n - 1] = -50f;
            x[0] = 0f;
            Assert.Equal(expected, StableMath.LogSumExp(x), expected * 1e-6);
        }

        [Fact]
        public void Subnormal_and_vanishing_terms()
        {
            // e^-100 = 3.72e-44 is a float subnormal (26.5 steps of float.Epsilon): LogSumExp([0, -100 x 16])
            // keeps it (each term rounded to a step: at most 16 half steps off), Softmax writes it.
            float[] x = Enumerable.Repeat(-100f, 17).ToArray();
            x[3] = 0f;
            double expected = 16 * Math.Exp(-100.0);
            float lse = StableMath.LogSumExp(x);
            Assert.True(Math.Abs(lse - expected) <= 9 * float.Epsilon, $"{lse:R} vs {expected:R}");
            float[] p = new float[17];
            StableMath.Softmax(x, p);
            Assert.Equal(1f, p[3]);
            Assert.All(p.Where((_, i) => i != 3), v => Assert.True(Math.Abs(v - Math.Exp(-100.0)) <= 2 * float.Epsilon, $"{v:R}"));

            // Far below the maximum (and -inf): exactly 0.
            float[] y = Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? float.NegativeInfinity : -1e30f).ToArray();
            y[20] = 5f;
            float[] q = new float[y.Length];
            StableMath.Softmax(y, q);
            Assert.Equal(1f, q[20]);
            Assert.Equal(39, q.Count(v => v == 0f));
            Assert.Equal(5f, StableMath.LogSumExp(y));
        }

        [Theory]
        [InlineData(5)]
        [InlineData(16)]
        [InlineData(37)]
        [InlineData(64)]
        public void NaN_in_any_lane_is_rejected_naming_its_index(int n)
        {
            for (int at = 0; at < n; at++)
            {
                float[] x = Random(n, at);
                x[at] = float.NaN;
                var e = Assert.Throws<ArgumentException>(() => StableMath.LogSumExp((ReadOnlySpan<float>)x));
                Assert.Equal("x", e.ParamName);
                Assert.Contains($"[{at}]", e.Message);
                Assert.Contains($"[{at}]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(x)).Message);

                float[] copy = (float[])x.Clone();
                Assert.Contains($"x[{at}]", Assert.Throws<ArgumentException>(() => StableMath.Softmax(x, x)).Message);
                Assert.Equal(copy, x); // in place, nothing was written
            }
        }

        [Fact]
        public void NaN_among_infinities_and_in_later_chunks()
        {
            float[] allNaN = Enumerable.Repeat(float.NaN, 100).ToArray();
            Assert.Contains("[0]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(allNaN)).Message);

            // A chunk of -inf with a NaN in it, then finite chunks.
            float[] x = Random(12000, 3);
            Array.Fill(x, float.NegativeInfinity, 0, 4096);
            x[4000] = float.NaN;
            Assert.Contains("[4000]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(x)).Message);

            // NaN before +inf in the same chunk, and NaN in the chunk after a +inf.
            float[] y = Random(10000, 4);
            y[5000] = float.NaN;
            y[5001] = float.PositiveInfinity;
            Assert.Contains("[5000]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(y)).Message);
            y[5000] = 0f;
            Assert.Equal(float.PositiveInfinity, StableMath.LogSumExp(y));
            y[9999] = float.NaN;
            Assert.Contains("[9999]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(y)).Message);

            // NaN in the partial last vector of a later chunk.
            float[] z = Random(8200, 5);
            z[8199] = float.NaN;
            Assert.Contains("[8199]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(z)).Message);
            float[] copy = (float[])z.Clone();
            Assert.Contains("x[8199]", Assert.Throws<ArgumentException>(() => StableMath.Softmax(z, z)).Message);
            Assert.Equal(copy, z);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        public void Softmax_of_a_span_written_with_streaming_stores(int offset)
        {
            // 2^21 + 13 elements (past the streaming threshold), destination starting `offset` floats into an
            // array: the head before the first 64-byte line, the aligned body and the overlapping last vector.
            int n = (1 << 21) + 13;
            float[] x = Random(n, 11);
            x[n / 3] = 9f;
            double[] expected = ReferenceSoftmax(x);
            float[] buffer = new float[n + offset];
            StableMath.Softmax(x, buffer.AsSpan(offset, n));
            AssertSoftmaxClose(x, expected, buffer.AsSpan(offset, n).ToArray(), "streaming");

            float[] inPlace = new float[n + offset];
            x.CopyTo(inPlace, offset);
            StableMath.Softmax(inPlace.AsSpan(offset, n), inPlace.AsSpan(offset, n));
            AssertSoftmaxClose(x, expected, inPlace.AsSpan(offset, n).ToArray(), "streaming in place");
        }

        [Fact]
        public void Softmax_of_a_long_span_of_floats_not_aligned_to_4_bytes()
        {
            // A float span cast from bytes at an odd offset: no streaming stores (they need aligned lines).
            int n = (1 << 21) + 3;
            float[] x = Random(n, 12);
            double[] expected = ReferenceSoftmax(x);
            byte[] bytes = new byte[(n * sizeof(float)) + 1];
            Span<float> destination = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(1));
            StableMath.Softmax(x, destination);
            AssertSoftmaxClose(x, expected, destination.ToArray(), "unaligned");
        }

        [Fact]
        public void The_maximum_rising_in_the_last_chunk_of_a_two_pass_softmax()
        {
            // Chunks 0 and 1 far below chunk 2's maximum: their running sum is rescaled by e^-90 (to 0 in float).
            float[] x = Random(3 * 4096, 6, -4f, 0f);
            x[10000] = 90f;
            float[] p = new float[x.Length];
            StableMath.Softmax(x, p);
            AssertSoftmaxClose(x, ReferenceSoftmax(x), p, "rising");
            Assert.Equal(1f, p[10000], 1e-6f);
        }

        [Fact]
        public void Kernels_agree_with_the_double_exponential()
        {
            if (!ExpKernels.IsSupported)
            {
                return; // the fallback runs instead; the tests above cover it
            }

            // d = x - max over [-110, 0]: relative error at most 1.2e-7 (two ulps) for normal results,
            // within two subnormal steps below 1.2e-38.
            float[] x = Enumerable.Range(0, 110_003).Select(i => -i / 1000f).ToArray();
            float[] e = new float[x.Length];
            double sum = ExpKernels.ExpAndSum(x, 0f, e);
            double exactSum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double exact = Math.Exp(x[i]);
                exactSum += exact;
                double error = Math.Abs(e[i] - exact);
                Assert.True(exact >= 1.2e-38 ? error <= 1.2e-7 * exact : error <= 2 * float.Epsilon, $"e^{x[i]:R}: {e[i]:R} vs {exact:R}");
            }

            Assert.Equal(exactSum, sum, exactSum * 2e-7);
            Assert.Equal(sum, ExpKernels.Sum(x, 0f), sum * 1e-12);
            Assert.Equal(sum - 1, ExpKernels.SumBelow(x, 0f, out int ties), sum * 1e-12);
            Assert.Equal(1, ties);

            float[] scaled = new float[x.Length];
            ExpKernels.ExpScaled(x, 0f, 0.25f, scaled);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(e[i] * 0.25f, scaled[i]);
            }

            foreach (int n in new[] { 1, 15, 16, 17, 31, 32, 33, 47, 100 })
            {
                float[] v = Random(n, n + 5);
                Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Max<float>(v), ExpKernels.Max(v));
                Assert.Equal(System.Numerics.Tensors.TensorPrimitives.Max<float>(v), ExpKernels.MaxIgnoringNaN(v));
                for (int at = 0; at < n; at++)
                {
                    float keep = v[at];
                    v[at] = float.NaN;
                    Assert.True(float.IsNaN(ExpKernels.Max(v)), $"NaN at {at} of {n}");
                    v[at] = keep;
                }
            }

            Assert.Equal(0f, ExpKernels.MaxIgnoringNaN(new[] { -1f, float.NaN, 0f, -3f }));
            Assert.Equal(float.NegativeInfinity, ExpKernels.MaxIgnoringNaN(Enumerable.Repeat(float.NaN, 70).ToArray()));
            float[] w = Random(1000, 8);
            w[999] = 7f;
            w[500] = float.NaN;
            Assert.Equal(7f, ExpKernels.MaxIgnoringNaN(w));
        }
    }
}

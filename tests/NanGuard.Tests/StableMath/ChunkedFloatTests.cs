using System;
using System.Linq;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// The float Softmax and LogSumExp on spans longer than one 4,096-element chunk, where the running
    /// maximum rises from chunk to chunk and a bad element lies in a later chunk.
    /// </summary>
    public sealed class ChunkedFloatTests
    {
        private static float[] Rising(int n, int seed)
        {
            var rng = new Random(seed);
            // Values drift upwards so that most chunks raise the running maximum.
            return Enumerable.Range(0, n).Select(i => (float)((rng.NextDouble() * 8) - 4 + (i * 20.0 / n))).ToArray();
        }

        private static double[] Reference(float[] x)
        {
            double max = x.Max(v => (double)v);
            double[] e = x.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        [Theory]
        [InlineData(4097, 1)]
        [InlineData(10000, 2)]
        [InlineData(3 * 4096, 3)]
        [InlineData(50001, 4)]
        public void Softmax_matches_the_reference_across_chunks_separate_and_in_place(int n, int seed)
        {
            float[] x = Rising(n, seed);
            double[] expected = Reference(x);
            float[] separate = new float[n];
            StableMath.Softmax(x, separate);
            float[] inPlace = (float[])x.Clone();
            StableMath.Softmax(inPlace, inPlace);
            for (int i = 0; i < n; i++)
            {
                double tolerance = 2e-6 + (Math.Abs(x[i] - x.Max()) * 1.2e-7);
                Assert.True(Math.Abs(expected[i] - separate[i]) <= (tolerance * expected[i]) + 1e-37, $"separate[{i}]: {expected[i]} vs {separate[i]}");
                Assert.True(Math.Abs(expected[i] - inPlace[i]) <= (tolerance * expected[i]) + 1e-37, $"in place[{i}]: {expected[i]} vs {inPlace[i]}");
            }

            Assert.True(Math.Abs(separate.Sum(v => (double)v) - 1) < 1e-5);
        }

        [Fact]
        public void Softmax_with_leading_negative_infinity_chunks_and_a_far_larger_later_maximum()
        {
            int n = 3 * 4096;
            float[] x = new float[n];
            Array.Fill(x, float.NegativeInfinity, 0, 4096);
            for (int i = 4096; i < n; i++)
            {
                x[i] = i < 8192 ? -1000f : 5f;
            }

            float[] p = new float[n];
            StableMath.Softmax(x, p);
            Assert.All(p.Take(8192), v => Assert.Equal(0f, v));
            Assert.All(p.Skip(8192), v => Assert.Equal(1.0 / 4096, v, 1e-9));
        }

        [Fact]
        public void Softmax_names_the_first_bad_element_in_a_later_chunk()
        {
            float[] x = Rising(20000, 5);
            x[9000] = float.PositiveInfinity;
            x[15000] = float.NaN;
            var e = Assert.Throws<ArgumentException>(() => StableMath.Softmax(x, new float[x.Length]));
            Assert.Equal("x", e.ParamName);
            Assert.Contains("x[9000]", e.Message);
            x[9000] = 1f;
            Assert.Contains("x[15000]", Assert.Throws<ArgumentException>(() => StableMath.Softmax(x, new float[x.Length])).Message);
            float[] copy = (float[])x.Clone();
            Assert.Throws<ArgumentException>(() => StableMath.Softmax(x, x));
            Assert.Equal(copy, x); // in place, the input is checked before it is overwritten
            Assert.Throws<ArgumentException>(() => StableMath.Softmax(Enumerable.Repeat(float.NegativeInfinity, 9000).ToArray(), new float[9000]));
        }

        [Theory]
        [InlineData(4097, 6)]
        [InlineData(20000, 7)]
        [InlineData(100000, 8)]
        public void LogSumExp_matches_the_reference_across_chunks(int n, int seed)
        {
            float[] x = Rising(n, seed);
            double max = x.Max(v => (double)v);
            double expected = max + Math.Log(x.Sum(v => Math.Exp(v - max)));
            Assert.True(Math.Abs(expected - StableMath.LogSumExp(x)) <= 2e-6 * (Math.Abs(expected) + 1));
            Assert.True(Math.Abs(expected - StableMath.LogSumExp((ReadOnlySpan<float>)x)) <= 2e-6 * (Math.Abs(expected) + 1));
            Array.Reverse(x); // the maximum first: no rise after the first chunk
            Assert.True(Math.Abs(expected - StableMath.LogSumExp(x)) <= 2e-6 * (Math.Abs(expected) + 1));
        }

        [Fact]
        public void LogSumExp_keeps_tiny_contributions_across_chunks()
        {
            // One 0 among 9,999 elements of -50: log1p(9999 e^-50) = 1.9286e-18; the naive form gives 0.
            float[] x = Enumerable.Repeat(-50f, 10000).ToArray();
            x[9000] = 0f;
            double expected = 9999 * Math.Exp(-50.0);
            Assert.Equal(expected, StableMath.LogSumExp(x), expected * 1e-5);
            x[9000] = -50f;
            x[10] = 0f; // the maximum in the first chunk
            Assert.Equal(expected, StableMath.LogSumExp(x), expected * 1e-5);
        }

        [Fact]
        public void LogSumExp_infinities_and_NaN_in_later_chunks()
        {
            float[] x = Rising(20000, 9);
            x[9000] = float.PositiveInfinity;
            Assert.Equal(float.PositiveInfinity, StableMath.LogSumExp(x));
            x[15000] = float.NaN; // NaN after +inf is still rejected
            Assert.Contains("[15000]", Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(x)).Message);
            float[] y = Enumerable.Repeat(float.NegativeInfinity, 9000).ToArray();
            Assert.Equal(float.NegativeInfinity, StableMath.LogSumExp(y));
            y[8999] = 2f;
            Assert.Equal(2f, StableMath.LogSumExp(y));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.GradientClippingTests
{
    public class ClipByGlobalNormTests
    {
        private static double NaiveNorm(IEnumerable<double> values, double p)
        {
            double[] a = values.ToArray();
            if (double.IsPositiveInfinity(p))
            {
                return a.Length == 0 ? 0 : a.Max(Math.Abs);
            }

            return Math.Pow(a.Sum(x => Math.Pow(Math.Abs(x), p)), 1 / p);
        }

        private static void AssertClose(double expected, double actual, double relative = 1e-12)
        {
            Assert.True(
                Math.Abs(expected - actual) <= relative * Math.Abs(expected) + 1e-300,
                $"expected {expected:R}, got {actual:R}");
        }

        [Theory]
        [InlineData(2.0)]
        [InlineData(1.0)]
        [InlineData(3.0)]
        [InlineData(0.5)]
        [InlineData(double.PositiveInfinity)]
        public void TotalNorm_OverAllBuffers_MatchesReference(double p)
        {
            Gen.Select(Gen.Int[0, 5], Gen.Int).Sample(t =>
            {
                var rng = new Random(t.Item2);
                double[][] grads = Enumerable.Range(0, t.Item1)
                    .Select(_ => Enumerable.Range(0, rng.Next(0, 50)).Select(_ => (rng.NextDouble() - 0.5) * 20).ToArray())
                    .ToArray();
                double expected = NaiveNorm(grads.SelectMany(g => g), p);
                double[][] copy = grads.Select(g => (double[])g.Clone()).ToArray();
                double total = GradientClipping.ClipByGlobalNorm(copy, maxNorm: 1e9, normType: p);
                AssertClose(expected, total);
                Assert.Equal(grads, copy); // below maxNorm nothing changes
            }, iter: 200);
        }

        [Fact]
        public void L2_MatchesMathNet_OnOrdinaryValues_ForEveryShortLength()
        {
            var rng = new Random(7);
            for (int n = 0; n <= 70; n++)
            {
                double[] d = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
                float[] f = d.Select(x => (float)x).ToArray();
                double reference = Vector<double>.Build.DenseOfArray(d).L2Norm();
                AssertClose(reference, GradientClipping.ClipByGlobalNorm((double[])d.Clone(), 1e6));
                double floatReference = Vector<double>.Build.DenseOfEnumerable(f.Select(x => (double)x)).L2Norm();
                AssertClose(floatReference, GradientClipping.ClipByGlobalNorm((float[])f.Clone(), 1e6));
                AssertClose(Vector<double>.Build.DenseOfArray(d).L1Norm(), GradientClipping.ClipByGlobalNorm((double[])d.Clone(), 1e6, 1.0));
                AssertClose(n == 0 ? 0 : Vector<double>.Build.DenseOfArray(d).InfinityNorm(), GradientClipping.ClipByGlobalNorm((float[])f.Clone(), 1e6, double.PositiveInfinity), 1e-7);
            }
        }

        [Theory]
        [InlineData(2.0)]
        [InlineData(1.0)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(4.0)]
        public void Clipping_ScalesEveryBufferByTheSameFactor(double p)
        {
            var rng = new Random(3);
            for (int n = 1; n <= 40; n++)
            {
                double[] a = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 5).ToArray();
                float[] b = Enumerable.Range(0, n + 3).Select(_ => (float)(rng.NextDouble() * 10 - 5)).ToArray();
                double[] a0 = (double[])a.Clone();
                double[] b0 = b.Select(x => (double)x).ToArray();
                double total = NaiveNorm(a0, p);
                double maxNorm = total / 3;
                double returned = GradientClipping.ClipByGlobalNorm(a, maxNorm, p);
                AssertClose(total, returned);
                double coef = maxNorm / (total + GradientClipping.NormEpsilon);
                for (int i = 0; i < n; i++)
                {
                    AssertClose(a0[i] * coef, a[i]);
                }

                AssertClose(maxNorm * total / (total + 1e-6), NaiveNorm(a, p), 1e-10);

                double fTotal = NaiveNorm(b0, p);
                GradientClipping.ClipByGlobalNorm(b, fTotal / 2, p);
                double fCoef = (fTotal / 2) / (fTotal + 1e-6);
                for (int i = 0; i < b.Length; i++)
                {
                    Assert.Equal((float)b0[i] * (float)fCoef, b[i]);
                }
            }
        }

        [Fact]
        public void TotalNorm_IsGlobal_AcrossBuffers()
        {
            double[] w = { 3 };
            double[] bias = { 4 };
            double total = GradientClipping.ClipByGlobalNorm(new[] { w, bias }, 1.0);
            Assert.Equal(5, total, 12);
            Assert.Equal(3 / (5 + 1e-6), w[0], 15);
            Assert.Equal(4 / (5 + 1e-6), bias[0], 15);

            float[] fw = { 6f, 0f };
            float[] fb = { 8f };
            Assert.Equal(10, GradientClipping.ClipByGlobalNorm(new List<float[]> { fw, fb }, 5.0), 12);
            Assert.Equal(3f, fw[0], 5);
            Assert.Equal(4f, fb[0], 5);
        }

        [Fact]
        public void BelowMaxNorm_NothingChanges_BitForBit()
        {
            double[] g = { 0.1, -0.2, 0.3 };
            double[] before = (double[])g.Clone();
            double total = GradientClipping.ClipByGlobalNorm(g, 1.0);
            Assert.Equal(before, g);
            Assert.True(total < 1);

            // Exactly at maxNorm the coefficient is maxNorm / (maxNorm + 1e-6) < 1, as in PyTorch.
            double[] h = { 3, 4 };
            GradientClipping.ClipByGlobalNorm(h, 5.0);
            Assert.True(h[0] < 3);
        }

        [Fact]
        public void Float1e30_HasFiniteNorm_WhereTensorPrimitivesOverflows()
        {
            float[] g = { 1e30f, 1e30f };
            Assert.True(float.IsPositiveInfinity(TensorPrimitives.Norm<float>(g))); // what a naive clip would use
            double total = GradientClipping.ClipByGlobalNorm(g, 1.0);
            AssertClose(Math.Sqrt(2) * 1e30, total, 1e-6);
            Assert.Equal(1.0, Math.Sqrt((double)g[0] * g[0] + (double)g[1] * g[1]), 5);

            float[] big = Enumerable.Repeat(float.MaxValue, 1000).ToArray();
            double bigTotal = GradientClipping.ClipByGlobalNorm(big, 2.0);
            AssertClose(float.MaxValue * Math.Sqrt(1000), bigTotal, 1e-9);
            Assert.All(big, x => Assert.True(float.IsFinite(x) && x > 0));
        }

        [Fact]
        public void Double1e300_HasFiniteNorm_AndClipsCorrectly()
        {
            for (int n = 1; n <= 37; n++)
            {
                double[] g = Enumerable.Repeat(1e300, n).ToArray();
                g[n - 1] = -3e300;
                double expected = 1e300 * Math.Sqrt((n - 1) + 9.0);
                double total = GradientClipping.ClipByGlobalNorm(g, 1.0);
                AssertClose(expected, total, 1e-13);
                double after = 1e300 / expected * Math.Sqrt((n - 1) + 9.0);
                Assert.Equal(1.0, after, 9);
                Assert.All(g, x => Assert.True(double.IsFinite(x) && Math.Abs(x) <= 1));
            }

            // p = 1 overflowing a plain sum, p = 3 and p = inf.
            double[] h = { 1e308, 1e308, 1e307 };
            double[] h1 = (double[])h.Clone();
            Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByGlobalNorm(h1, 1e300, 1.0)); // 2.1e308 is beyond double
            AssertClose(1e300, h1.Sum(Math.Abs), 1e-12);
            AssertClose(1e308 * Math.Pow(2.001, 1.0 / 3), GradientClipping.ClipByGlobalNorm((double[])h.Clone(), 1e300, 3.0), 1e-12);
            Assert.Equal(1e308, GradientClipping.ClipByGlobalNorm((double[])h.Clone(), 1.0, double.PositiveInfinity));
        }

        [Fact]
        public void NormBeyondDoubleRange_ReturnsInfinity_ButStillClipsToMaxNorm()
        {
            double[] g = { 1.5e308, 1.5e308, -1.5e308 };
            double total = GradientClipping.ClipByGlobalNorm(g, 3.0, errorIfNonFinite: true); // every element is finite: no throw
            Assert.Equal(double.PositiveInfinity, total);
            double after = Math.Sqrt(g.Sum(x => x * x));
            Assert.Equal(3.0, after, 9);
        }

        [Fact]
        public void TinyDoubles_DoNotUnderflowToZeroNorm()
        {
            double[] g = { 1e-200, 1e-200 };
            AssertClose(Math.Sqrt(2) * 1e-200, GradientClipping.ClipByGlobalNorm(g, 1.0));
            Assert.Equal(0, GradientClipping.ClipByGlobalNorm(new double[5], 1.0));
            Assert.Equal(0, GradientClipping.ClipByGlobalNorm(new float[5], 1.0));
            Assert.Equal(0, GradientClipping.ClipByGlobalNorm(Array.Empty<double>(), 1.0));
            Assert.Equal(0, GradientClipping.ClipByGlobalNorm(new List<double[]>(), 1.0));
            Assert.Equal(0, GradientClipping.ClipByGlobalNorm(new double[7], 1.0, 3.0));
            Assert.Equal(5e-324, GradientClipping.ClipByGlobalNorm(new[] { 0.0, -5e-324 }, 1.0));
        }

        [Fact]
        public void NonFinite_WithoutError_LeavesGradientsUntouched_AndReturnsTheNonFiniteNorm()
        {
            double[] a = { 10, 20 };
            double[] b = { 1, 2, 3, double.NaN, 5 };
            double[] a0 = (double[])a.Clone();
            double total = GradientClipping.ClipByGlobalNorm(new[] { a, b }, 1.0);
            Assert.True(double.IsNaN(total));
            Assert.Equal(a0, a);
            Assert.Equal(1, b[0]);

            double[] inf = { 1, double.PositiveInfinity, 1000 };
            Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByGlobalNorm(inf, 1.0));
            Assert.Equal(1000, inf[2]);
            Assert.Equal(double.PositiveInfinity, GradientClipping.ClipByGlobalNorm(new[] { double.NegativeInfinity }, 1.0, double.PositiveInfinity));
            Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(new[] { double.PositiveInfinity, double.NaN }, 1.0)));
            Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(new[] { 5f, float.NaN }, 1.0, double.PositiveInfinity)));
            Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(new[] { 5.0, double.NaN }, 1.0, 3.0)));
            Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(new[] { new[] { double.PositiveInfinity }, new[] { double.NaN } }, 1.0)));
        }

        [Theory]
        [InlineData(2.0)]
        [InlineData(1.0)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(1.5)]
        public void NonFinite_WithError_NamesBufferAndIndex(double p)
        {
            double[] a = { 10, 20 };
            double[] b = { 1, 2, 3, double.PositiveInfinity, double.NaN };
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(
                () => GradientClipping.ClipByGlobalNorm(new[] { a, b }, 1.0, p, errorIfNonFinite: true));
            Assert.Equal("gradients", e.ParamName);
            Assert.Equal(1, e.BufferIndex);
            Assert.Equal(3, e.Index);
            Assert.Equal(double.PositiveInfinity, e.Value);
            Assert.Contains("buffer 1, index 3", e.Message, StringComparison.Ordinal);
            Assert.Equal(10, a[0]);

            float[] f = new float[45];
            f[44] = float.NaN;
            NonFiniteValueException ef = Assert.Throws<NonFiniteValueException>(
                () => GradientClipping.ClipByGlobalNorm(f, 1.0, p, errorIfNonFinite: true));
            Assert.Equal(44, ef.Index);
            Assert.Null(ef.BufferIndex);
            Assert.Contains("index 44", ef.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void MathNet_VectorsAndMatrices()
        {
            Vector<double> v = Vector<double>.Build.Dense(new[] { 3.0, 4.0 });
            Assert.Equal(5, GradientClipping.ClipByGlobalNorm(v, 1.0), 12);
            Assert.Equal(1.0, v.L2Norm(), 6);

            Matrix<double> m = Matrix<double>.Build.Dense(2, 2, new[] { 1.0, 2.0, 3.0, 4.0 });
            double frob = m.FrobeniusNorm();
            Assert.Equal(frob, GradientClipping.ClipByGlobalNorm(m, 1.0), 12);
            Assert.Equal(1.0, m.FrobeniusNorm(), 6);

            var vs = new List<Vector<double>> { Vector<double>.Build.Dense(new[] { 6.0 }), Vector<double>.Build.Dense(new[] { 0.0, 8.0 }) };
            Assert.Equal(10, GradientClipping.ClipByGlobalNorm(vs, 5.0), 12);
            Assert.Equal(3, vs[0][0], 5);
            Assert.Equal(4, vs[1][1], 5);

            var ms = new[] { Matrix<double>.Build.Dense(1, 1, 6.0), Matrix<double>.Build.Dense(1, 2, new[] { 0.0, 8.0 }) };
            Assert.Equal(10, GradientClipping.ClipByGlobalNorm(ms, 5.0), 12);
            Assert.Equal(3, ms[0][0, 0], 5);

            Vector<double> sparse = Vector<double>.Build.Sparse(1000);
            sparse[10] = 30;
            sparse[900] = 40;
            Assert.Equal(50, GradientClipping.ClipByGlobalNorm(sparse, 5.0), 12);
            Assert.Equal(3, sparse[10], 4);
            Assert.Equal(0, sparse[11]);

            Matrix<double> bad = Matrix<double>.Build.Dense(3, 4);
            bad[2, 3] = double.NaN;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => GradientClipping.ClipByGlobalNorm(bad, 1.0, errorIfNonFinite: true));
            Assert.Equal((2, 3), (e.Row!.Value, e.Column!.Value));
            Assert.Contains("row 2, column 3", e.Message, StringComparison.Ordinal);

            var badList = new[] { Vector<double>.Build.Dense(2), Vector<double>.Build.Sparse(50) };
            badList[1][33] = double.NegativeInfinity;
            NonFiniteValueException ev = Assert.Throws<NonFiniteValueException>(() => GradientClipping.ClipByGlobalNorm(badList, 1.0, errorIfNonFinite: true));
            Assert.Equal(1, ev.BufferIndex);
            Assert.Equal(33, ev.Index);
        }

        [Fact]
        public void Spans_ClipInPlace()
        {
            double[] backing = { 100, 3, 4, 100 };
            Assert.Equal(5, GradientClipping.ClipByGlobalNorm(backing.AsSpan(1, 2), 1.0), 12);
            Assert.Equal(100, backing[0]);
            Assert.Equal(0.6, backing[1], 6);
            float[] fb = { 3, 4 };
            Assert.Equal(5, GradientClipping.ClipByGlobalNorm(fb.AsSpan(), 1.0), 12);
            Assert.Equal(0.8f, fb[1], 5);
        }

        [Fact]
        public void Arguments_AreValidated()
        {
            double[] g = { 1 };
            foreach (double bad in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            {
                Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(g, bad)).ParamName);
                Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(new[] { g }, bad)).ParamName);
            }

            foreach (double bad in new[] { 0.0, -2.0, double.NaN, double.NegativeInfinity })
            {
                Assert.Equal("normType", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(g, 1.0, bad)).ParamName);
                Assert.Equal("normType", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(new float[1], 1.0, bad)).ParamName);
            }

            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((double[])null!, 1.0)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((float[])null!, 1.0)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((IReadOnlyList<double[]>)null!, 1.0)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((Vector<double>)null!, 1.0)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((Matrix<double>)null!, 1.0)).ParamName);
            ArgumentException nb = Assert.Throws<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(new[] { g, null! }, 1.0));
            Assert.Equal("gradients", nb.ParamName);
            Assert.Contains("position 1", nb.Message, StringComparison.Ordinal);
        }
    }
}

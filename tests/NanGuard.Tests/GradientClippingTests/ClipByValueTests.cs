using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.GradientClippingTests
{
    public class ClipByValueTests
    {
        [Fact]
        public void ClampsEveryLength_AndKeepsNaN()
        {
            var rng = new Random(11);
            for (int n = 0; n <= 40; n++)
            {
                double[] d = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 8 - 4).ToArray();
                if (n > 2)
                {
                    d[n / 2] = double.NaN;
                    d[0] = double.PositiveInfinity;
                    d[n - 1] = double.NegativeInfinity;
                }

                float[] f = d.Select(x => (float)x).ToArray();
                double[] expected = d.Select(x => double.IsNaN(x) ? x : Math.Min(Math.Max(x, -1.5), 1.5)).ToArray();
                GradientClipping.ClipByValue(d, 1.5);
                GradientClipping.ClipByValue(f, 1.5);
                Assert.Equal(expected, d);
                Assert.Equal(expected.Select(x => (float)x).ToArray(), f);
            }
        }

        [Fact]
        public void Lists_SpansAndMathNet()
        {
            double[] a = { -3, 0.5 };
            double[] b = { 9 };
            GradientClipping.ClipByValue(new[] { a, b }, 1.0);
            Assert.Equal(new[] { -1.0, 0.5 }, a);
            Assert.Equal(1.0, b[0]);

            float[] fa = { 7 };
            GradientClipping.ClipByValue(new List<float[]> { fa }, 2.0);
            Assert.Equal(2f, fa[0]);

            double[] backing = { 9, 9, 9 };
            GradientClipping.ClipByValue(backing.AsSpan(1, 1), 1.0);
            Assert.Equal(new[] { 9.0, 1.0, 9.0 }, backing);
            float[] fb = { -9 };
            GradientClipping.ClipByValue(fb.AsSpan(), 1.0);
            Assert.Equal(-1f, fb[0]);

            Vector<double> v = Vector<double>.Build.Dense(new[] { -5.0, 5.0 });
            GradientClipping.ClipByValue(v, 2.0);
            Assert.Equal(new[] { -2.0, 2.0 }, v.ToArray());
            Matrix<double> m = Matrix<double>.Build.Dense(2, 2, 10.0);
            GradientClipping.ClipByValue(m, 0.25);
            Assert.All(m.ToColumnMajorArray(), x => Assert.Equal(0.25, x));
        }

        [Fact]
        public void Arguments_AreValidated()
        {
            foreach (double bad in new[] { 0.0, -1.0, double.NaN, double.PositiveInfinity })
            {
                Assert.Equal("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(new double[1], bad)).ParamName);
                Assert.Equal("clipValue", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(new float[1], bad)).ParamName);
            }

            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByValue((double[])null!, 1)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByValue((IReadOnlyList<float[]>)null!, 1)).ParamName);
            double[] kept = { 5 };
            Assert.Throws<ArgumentException>(() => GradientClipping.ClipByValue(new[] { kept, null! }, 1));
            Assert.Equal(5, kept[0]); // validated before anything is changed
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using NanGuard.Tests.InputValidationTests;
using Xunit;

namespace NanGuard.Tests.GradientClippingTests
{
    public class ScalarPathAndListTests
    {
        private static double Run(bool scalar, Func<double> f)
        {
            using var scope = new ScalarScope(scalar);
            return f();
        }

        [Theory]
        [InlineData(2.0)]
        [InlineData(1.0)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(3.0)]
        public void ScalarAndVectorPaths_Agree(double p)
        {
            var rng = new Random(5);
            for (int n = 0; n <= 90; n++)
            {
                double scale = Math.Pow(10, rng.Next(-250, 250));
                double[] d = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * scale).ToArray();
                float[] f = Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() - 0.5) * 1e30)).ToArray();
                double[] dv = (double[])d.Clone(), ds = (double[])d.Clone();
                float[] fv = (float[])f.Clone(), fs = (float[])f.Clone();
                double maxNorm = scale / 100;
                double tv = Run(false, () => GradientClipping.ClipByGlobalNorm(dv, maxNorm, p));
                double ts = Run(true, () => GradientClipping.ClipByGlobalNorm(ds, maxNorm, p));
                Assert.Equal(tv, ts, tv * 1e-12);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(dv[i], ds[i], Math.Abs(dv[i]) * 1e-12);
                }

                double fvTotal = Run(false, () => GradientClipping.ClipByGlobalNorm(fv, 1.0, p));
                double fsTotal = Run(true, () => GradientClipping.ClipByGlobalNorm(fs, 1.0, p));
                Assert.Equal(fvTotal, fsTotal, fvTotal * 1e-12);
                Assert.True(fv.Zip(fs).All(t => Math.Abs(t.First - t.Second) <= Math.Abs(t.First) * 1e-6));

                double[] cv = (double[])d.Clone(), cs = (double[])d.Clone();
                Run(false, () => { GradientClipping.ClipByValue(cv, scale / 10); return 0; });
                Run(true, () => { GradientClipping.ClipByValue(cs, scale / 10); return 0; });
                Assert.Equal(cv, cs);
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Lists_AreClippedInPlace(bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            var list = new List<double> { 3, 4 };
            Assert.Equal(5, GradientClipping.ClipByGlobalNorm(list, 1.0), 12);
            Assert.Equal(0.6, list[0], 6);
            var floats = new List<float> { 6, 8 };
            Assert.Equal(10, GradientClipping.ClipByGlobalNorm(floats, 5.0), 12);
            Assert.Equal(4f, floats[1], 5);

            IList<double> other = new Collection<double> { 0, 30, 40 };
            Assert.Equal(50, GradientClipping.ClipByGlobalNorm(other, 5.0), 12);
            Assert.Equal(3, other[1], 5);
            IList<float> otherF = new Collection<float> { float.NaN, 1 };
            Assert.True(double.IsNaN(GradientClipping.ClipByGlobalNorm(otherF, 5.0)));
            Assert.Equal(1f, otherF[1]);
            Assert.Equal(0, Assert.Throws<NonFiniteValueException>(() => GradientClipping.ClipByGlobalNorm(otherF, 5.0, errorIfNonFinite: true)).Index);

            var values = new List<double> { -3, 3, double.NaN };
            GradientClipping.ClipByValue(values, 2);
            Assert.Equal(-2, values[0]);
            Assert.Equal(2, values[1]);
            Assert.True(double.IsNaN(values[2]));
            var fvalues = new List<float> { -3, 3 };
            GradientClipping.ClipByValue(fvalues, 2);
            Assert.Equal(new[] { -2f, 2f }, fvalues);
        }

        [Fact]
        public void ReadOnlyLists_AreRejected()
        {
            IList<double> ro = new ReadOnlyCollection<double>(new[] { 3.0, 4.0 });
            Assert.Equal("gradients", Assert.Throws<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(ro, 1.0)).ParamName);
            Assert.Throws<ArgumentException>(() => GradientClipping.ClipByValue(ro, 1.0));
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((IList<float>)null!, 1.0)).ParamName);
        }
    }
}

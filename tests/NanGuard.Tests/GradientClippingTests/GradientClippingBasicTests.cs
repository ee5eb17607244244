using System;
using Xunit;

namespace NanGuard.Tests.GradientClippingTests
{
    public class GradientClippingBasicTests
    {
        [Fact]
        public void ClipByGlobalNorm_ScalesToMaxNorm_AndReturnsTotal()
        {
            double[] g = { 3, 4 };
            double total = GradientClipping.ClipByGlobalNorm(g, 1.0);
            Assert.Equal(5.0, total, 12);
            Assert.Equal(3 / (5 + 1e-6), g[0], 12);
            Assert.Equal(4 / (5 + 1e-6), g[1], 12);
        }

        [Fact]
        public void ClipByGlobalNorm_FloatsOf1e30_HaveFiniteNorm()
        {
            float[] g = { 1e30f, 1e30f };
            double total = GradientClipping.ClipByGlobalNorm(g, 1.0);
            Assert.Equal(Math.Sqrt(2) * 1e30, total, 1e30 * 1e-6);
            Assert.True(float.IsFinite(g[0]) && g[0] > 0.7f && g[0] < 0.71f);
        }

        [Fact]
        public void ClipByValue_Clamps()
        {
            double[] g = { -5, 0.5, 7 };
            GradientClipping.ClipByValue(g, 1.0);
            Assert.Equal(new[] { -1.0, 0.5, 1.0 }, g);
        }
    }
}

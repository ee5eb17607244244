using System;
using System.Linq;
using CsCheck;
using Xunit;

namespace NanGuard.Tests.SafeMathTests
{
    public sealed class SafeMathSpanTests
    {
        // Vectorized kernels may differ from the scalar overloads in the last bits.
        private const double DoubleRelative = 9e-16; // about 4 ulp
        private const double SingleRelative = 3e-7;

        private static readonly Gen<double[]> Values =
            Gen.OneOf(Gen.Double[-5, 5], Gen.Double[-800, 800], Gen.Double[-110, -80], Gen.Double[0, 1e-10], Gen.Const(0.0), Gen.Const(double.PositiveInfinity), Gen.Const(double.NegativeInfinity)).Array[0, 300];

        private static void Close(double expected, double actual, double relative, double absolute = 1e-300)
        {
            if (double.IsInfinity(expected))
            {
                Assert.Equal(expected, actual);
                return;
            }

            // The absolute part covers subnormal results (e^-100f), where the kernels may differ in many bits.
            Assert.True(Math.Abs(expected - actual) <= (relative * Math.Abs(expected)) + absolute, $"expected {expected:R}, got {actual:R}");
        }

        [Fact]
        public void Span_versions_agree_with_the_scalar_versions()
        {
            Values.Sample(
                x =>
                {
                    double[] d = new double[x.Length];
                    SafeMath.Log(x, d);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Log(x[i]), d[i], DoubleRelative); }
                    SafeMath.Sqrt(x, d);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Sqrt(x[i]), d[i], DoubleRelative); }
                    SafeMath.Exp(x, d);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Exp(x[i]), d[i], 4 * DoubleRelative); Assert.True(double.IsFinite(d[i])); }

                    float[] xf = x.Select(v => (float)v).ToArray();
                    float[] f = new float[x.Length];
                    SafeMath.Log(xf, f);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Log(xf[i]), f[i], SingleRelative, 1e-37); }
                    SafeMath.Sqrt(xf, f, 1e-6f);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Sqrt(xf[i], 1e-6f), f[i], SingleRelative, 1e-37); }
                    SafeMath.Exp(xf, f);
                    for (int i = 0; i < x.Length; i++) { Close(SafeMath.Exp(xf[i]), f[i], 2 * SingleRelative, 1e-37); Assert.True(float.IsFinite(f[i])); }
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void Span_versions_reject_NaN_and_length_mismatch_without_writing()
        {
            double[] x = { 1, 2, double.NaN };
            double[] d = { 5, 5, 5 };
            var e = Assert.Throws<ArgumentException>(() => SafeMath.Log(x, d));
            Assert.Equal("x", e.ParamName);
            Assert.Contains("x[2]", e.Message);
            Assert.Equal(new double[] { 5, 5, 5 }, d);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => SafeMath.Log(new double[3], new double[2])).ParamName);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => SafeMath.Sqrt(new float[3], new float[4])).ParamName);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => SafeMath.Exp(new float[1], new float[0])).ParamName);
            Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Log(new double[1], new double[1], 0.0)).ParamName);
            Assert.Contains("x[0]", Assert.Throws<ArgumentException>(() => SafeMath.Exp(new[] { float.NaN }, new float[1])).Message);
        }

        [Fact]
        public void Span_versions_work_in_place()
        {
            float[] x = { -1f, 0f, 1f, MathF.E };
            SafeMath.Log(x, x);
            Assert.Equal(new[] { SafeMath.Log(-1f), SafeMath.Log(0f), 0f, 1f }, x);
            double[] big = { 1000, -1000, 0 };
            SafeMath.Exp(big, big);
            Assert.Equal(new[] { double.MaxValue, 0, 1 }, big);
        }
    }
}

using System;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    public class NanToNumTests
    {
        [Fact]
        public void Defaults_AreTorchNanToNum()
        {
            double[] d = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e308, -5e-324 };
            InputValidation.NanToNum(d);
            Assert.Equal(new[] { 0.0, double.MaxValue, double.MinValue, -0.0, 1e308, -5e-324 }, d);

            float[] f = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2.5f };
            InputValidation.NanToNum(f);
            Assert.Equal(new[] { 0f, float.MaxValue, float.MinValue, 2.5f }, f);
        }

        [Fact]
        public void EachReplacement_IsOverridable_Independently()
        {
            double[] Make() => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0 };
            Assert.Equal(new[] { -1.0, double.MaxValue, double.MinValue, 1.0 }, InputValidation.NanToNum(Make(), nan: -1));
            Assert.Equal(new[] { 0.0, 100.0, double.MinValue, 1.0 }, InputValidation.NanToNum(Make(), positiveInfinity: 100));
            Assert.Equal(new[] { 0.0, double.MaxValue, -100.0, 1.0 }, InputValidation.NanToNum(Make(), negativeInfinity: -100));
            Assert.Equal(new[] { 5.0, 6.0, 7.0, 1.0 }, InputValidation.NanToNum(Make(), 5, 6, 7));
        }

        [Fact]
        public void Replacements_AreDecidedFromTheOriginalValue()
        {
            // A NaN replaced by +inf must not then be replaced as an infinity (vector and scalar paths).
            for (int n = 1; n <= 40; n++)
            {
                var d = new double[n];
                var f = new float[n];
                for (int i = 0; i < n; i++)
                {
                    d[i] = i % 2 == 0 ? double.NaN : double.PositiveInfinity;
                    f[i] = i % 2 == 0 ? float.NaN : float.PositiveInfinity;
                }

                InputValidation.NanToNum(d, nan: double.PositiveInfinity, positiveInfinity: 1);
                InputValidation.NanToNum(f, nan: float.PositiveInfinity, positiveInfinity: 1);
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(i % 2 == 0 ? double.PositiveInfinity : 1, d[i]);
                    Assert.Equal(i % 2 == 0 ? float.PositiveInfinity : 1, f[i]);
                }
            }
        }

        [Fact]
        public void Spans_RepairInPlace()
        {
            double[] backing = { 9, double.NaN, double.PositiveInfinity, 9 };
            InputValidation.NanToNum(backing.AsSpan(1, 2), nan: 1);
            Assert.Equal(new[] { 9.0, 1.0, double.MaxValue, 9.0 }, backing);

            float[] fb = { float.NegativeInfinity, float.NaN };
            InputValidation.NanToNum(fb.AsSpan(), negativeInfinity: -3f);
            Assert.Equal(new[] { -3f, 0f }, fb);
        }

        [Fact]
        public void TwoDimensionalAndJagged_ReturnTheSameInstance()
        {
            var m = new double[2, 2] { { double.NaN, 1 }, { 2, double.NegativeInfinity } };
            Assert.Same(m, InputValidation.NanToNum(m));
            Assert.Equal(0, m[0, 0]);
            Assert.Equal(double.MinValue, m[1, 1]);

            var fm = new float[1, 3] { { float.PositiveInfinity, 0, float.NaN } };
            Assert.Same(fm, InputValidation.NanToNum(fm, nan: 2f, positiveInfinity: 3f));
            Assert.Equal(3f, fm[0, 0]);
            Assert.Equal(2f, fm[0, 2]);

            double[][] j = { new[] { double.PositiveInfinity }, new[] { 1.0, double.NaN } };
            Assert.Same(j, InputValidation.NanToNum(j));
            Assert.Equal(double.MaxValue, j[0][0]);
            Assert.Equal(0, j[1][1]);
        }
    }
}

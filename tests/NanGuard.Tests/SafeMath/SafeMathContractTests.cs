using System;
using CsCheck;
using Xunit;

namespace NanGuard.Tests.SafeMathTests
{
    public sealed class SafeMathContractTests
    {
        public static TheoryData<string, Action> NaNDouble() => new()
        {
            { "x", () => SafeMath.Log(double.NaN) },
            { "x", () => SafeMath.Log2(double.NaN) },
            { "x", () => SafeMath.Log10(double.NaN) },
            { "x", () => SafeMath.Sqrt(double.NaN) },
            { "a", () => SafeMath.Divide(double.NaN, 1.0) },
            { "b", () => SafeMath.Divide(1.0, double.NaN) },
            { "x", () => SafeMath.Exp(double.NaN) },
            { "x", () => SafeMath.Acos(double.NaN) },
            { "x", () => SafeMath.Asin(double.NaN) },
            { "x", () => SafeMath.Atanh(double.NaN) },
            { "x", () => SafeMath.Pow(double.NaN, 2.0) },
            { "y", () => SafeMath.Pow(2.0, double.NaN) },
            { "x", () => SafeMath.Log1P(double.NaN) },
            { "x", () => SafeMath.ExpM1(double.NaN) },
        };

        public static TheoryData<string, Action> NaNSingle() => new()
        {
            { "x", () => SafeMath.Log(float.NaN) },
            { "x", () => SafeMath.Log2(float.NaN) },
            { "x", () => SafeMath.Log10(float.NaN) },
            { "x", () => SafeMath.Sqrt(float.NaN) },
            { "a", () => SafeMath.Divide(float.NaN, 1f) },
            { "b", () => SafeMath.Divide(1f, float.NaN) },
            { "x", () => SafeMath.Exp(float.NaN) },
            { "x", () => SafeMath.Acos(float.NaN) },
            { "x", () => SafeMath.Asin(float.NaN) },
            { "x", () => SafeMath.Atanh(float.NaN) },
            { "x", () => SafeMath.Pow(float.NaN, 2f) },
            { "y", () => SafeMath.Pow(2f, float.NaN) },
            { "x", () => SafeMath.Log1P(float.NaN) },
            { "x", () => SafeMath.ExpM1(float.NaN) },
        };

        [Theory]
        [MemberData(nameof(NaNDouble))]
        [MemberData(nameof(NaNSingle))]
        public void NaN_input_throws_ArgumentException_naming_the_parameter(string parameter, Action call)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(call);
            Assert.Equal(parameter, e.ParamName);
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(-1.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Bad_epsilon_throws_ArgumentOutOfRangeException(double epsilon)
        {
            Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Log(1.0, epsilon)).ParamName);
            Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Divide(1.0, 2.0, epsilon)).ParamName);
            Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Log1P(1.0, epsilon)).ParamName);
            Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Log((float)1, (float)epsilon)).ParamName);
        }

        [Fact]
        public void Sqrt_allows_zero_epsilon_but_not_negative()
        {
            Assert.Equal(0.0, SafeMath.Sqrt(-1e-18));
            Assert.Equal(Math.Sqrt(1e-12), SafeMath.Sqrt(0.0, 1e-12));
            Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Sqrt(1.0, -1.0));
            Assert.Equal(0f, SafeMath.Sqrt(-1e-9f));
        }

        [Fact]
        public void Atanh_epsilon_must_be_below_one()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Atanh(0.5, 1.0));
            Assert.Throws<ArgumentOutOfRangeException>(() => SafeMath.Atanh(0.5f, 1f));
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(-5.0)]
        [InlineData(double.NegativeInfinity)]
        [InlineData(1e-300)]
        public void Log_clamps_to_epsilon(double x)
        {
            Assert.Equal(Math.Log(1e-12), SafeMath.Log(x));
            Assert.Equal(Math.Log10(1e-12), SafeMath.Log10(x));
            Assert.Equal(Math.Log2(1e-12), SafeMath.Log2(x));
            Assert.Equal(Math.Log(1e-6), SafeMath.Log(x, 1e-6));
            Assert.Equal((float)Math.Log(1e-7f), SafeMath.Log((float)x));
        }

        [Fact]
        public void Negative_zero_counts_as_positive_and_is_clamped()
        {
            Assert.Equal(Math.Log(1e-12), SafeMath.Log(-0.0));
            Assert.Equal(1e12, SafeMath.Divide(1.0, -0.0));
            Assert.Equal(1e12, SafeMath.Pow(-0.0, -1.0), 0.5);
        }

        [Fact]
        public void Logs_leave_the_domain_alone()
        {
            Gen.Double[-11, 300].Select(e => Math.Pow(10, e)).Sample(
                x =>
                {
                    Assert.Equal(Math.Log(x), SafeMath.Log(x));
                    Assert.Equal(Math.Log2(x), SafeMath.Log2(x));
                    Assert.Equal(Math.Log10(x), SafeMath.Log10(x));
                    Assert.Equal(Math.Sqrt(x), SafeMath.Sqrt(x));
                },
                iter: 500,
                threads: 1);
            Assert.Equal(double.PositiveInfinity, SafeMath.Log(double.PositiveInfinity));
            Assert.Equal(MathF.Log(3f), SafeMath.Log(3f));
        }

        [Theory]
        [InlineData(1.0, 0.0, 1e12)]
        [InlineData(1.0, 1e-13, 1e12)]
        [InlineData(1.0, -1e-13, -1e12)]       // a small negative divisor keeps its sign
        [InlineData(-3.0, 0.0, -3e12)]
        [InlineData(6.0, 2.0, 3.0)]
        [InlineData(6.0, -1e-12, -6e12)]       // |b| == eps is left alone
        [InlineData(double.PositiveInfinity, 0.0, double.PositiveInfinity)]
        [InlineData(5.0, double.NegativeInfinity, -0.0)]
        public void Divide_replaces_small_divisors_by_epsilon_with_their_sign(double a, double b, double expected)
        {
            Assert.Equal(expected, SafeMath.Divide(a, b));
        }

        [Fact]
        public void Divide_float_and_custom_epsilon()
        {
            Assert.Equal(1f / 1e-7f, SafeMath.Divide(1f, 0f));
            Assert.Equal(-1f / 1e-7f, SafeMath.Divide(1f, -1e-9f));
            Assert.Equal(100.0, SafeMath.Divide(1.0, 0.0, 0.01));
        }

        [Fact]
        public void Divide_of_two_infinities_throws()
        {
            Assert.Equal("b", Assert.Throws<ArgumentException>(() => SafeMath.Divide(double.PositiveInfinity, double.NegativeInfinity)).ParamName);
            Assert.Throws<ArgumentException>(() => SafeMath.Divide(float.PositiveInfinity, float.PositiveInfinity));
        }

        [Fact]
        public void Divide_is_never_NaN()
        {
            Gen.Select(Gen.Double, Gen.Double).Where((a, b) => !double.IsNaN(a) && !double.IsNaN(b) && !(double.IsInfinity(a) && double.IsInfinity(b)))
                .Sample((a, b) => Assert.False(double.IsNaN(SafeMath.Divide(a, b))), iter: 2000, threads: 1);
        }

        [Fact]
        public void Exp_is_finite_at_most_MaxValue()
        {
            Assert.True(double.IsFinite(Math.Exp(SafeMath.MaxExpArgument)));
            Assert.Equal(double.PositiveInfinity, Math.Exp(Math.BitIncrement(SafeMath.MaxExpArgument)));
            Assert.Equal(Math.Exp(SafeMath.MaxExpArgument), SafeMath.Exp(SafeMath.MaxExpArgument));
            Assert.Equal(double.MaxValue, SafeMath.Exp(710.0));
            Assert.Equal(double.MaxValue, SafeMath.Exp(double.PositiveInfinity));
            Assert.Equal(0.0, SafeMath.Exp(double.NegativeInfinity));
            Assert.Equal(Math.Exp(3.5), SafeMath.Exp(3.5));
            Assert.Equal(float.PositiveInfinity, MathF.Exp(89f));
            Assert.Equal(float.MaxValue, SafeMath.Exp(89f));
            Assert.Equal(float.MaxValue, SafeMath.Exp(float.PositiveInfinity));
            Assert.Equal(MathF.Exp(10f), SafeMath.Exp(10f), 1e-1);
            Gen.Double[-1000, 1e300].Sample(x => Assert.True(double.IsFinite(SafeMath.Exp(x))), iter: 1000, threads: 1);
            Gen.Float[-1000f, 1e30f].Sample(x => Assert.True(float.IsFinite(SafeMath.Exp(x))), iter: 1000, threads: 1);
        }

        [Fact]
        public void ExpM1_is_finite_and_at_least_minus_one()
        {
            Assert.Equal(-1.0, SafeMath.ExpM1(double.NegativeInfinity));
            Assert.Equal(double.MaxValue, SafeMath.ExpM1(double.PositiveInfinity));
            Assert.True(double.IsFinite(SafeMath.ExpM1(SafeMath.MaxExpArgument)));
            Assert.True(SafeMath.ExpM1(1e300) > 1e307);
            Assert.Equal(float.MaxValue, SafeMath.ExpM1(100f));
            Assert.Equal(-1f, SafeMath.ExpM1(float.NegativeInfinity));
        }

        [Theory]
        [InlineData(1.0000000002, 0.0)]
        [InlineData(double.PositiveInfinity, 0.0)]
        [InlineData(-1.5, Math.PI)]
        public void Acos_clamps_to_unit_interval(double x, double expected) => Assert.Equal(expected, SafeMath.Acos(x));

        [Fact]
        public void Asin_clamps_and_float_versions_agree()
        {
            Assert.Equal(Math.PI / 2, SafeMath.Asin(1.0000000002));
            Assert.Equal(-Math.PI / 2, SafeMath.Asin(-7.0));
            Assert.Equal((float)(Math.PI / 2), SafeMath.Asin(1.00001f));
            Assert.Equal(0f, SafeMath.Acos(1.00001f));
            Assert.Equal(Math.Acos(0.3), SafeMath.Acos(0.3));
        }

        [Fact]
        public void Atanh_is_finite_at_and_beyond_plus_minus_one()
        {
            Assert.Equal(Math.Atanh(1 - 1e-12), SafeMath.Atanh(1.0));
            Assert.Equal(-Math.Atanh(1 - 1e-12), SafeMath.Atanh(double.NegativeInfinity));
            Assert.Equal(Math.Atanh(0.25), SafeMath.Atanh(0.25));
            Assert.True(float.IsFinite(SafeMath.Atanh(1f)));
            Assert.Equal((float)Math.Atanh(1 - 1e-7f), SafeMath.Atanh(1f));
        }

        [Theory]
        [InlineData(-8.0, 1.0 / 3.0, 0.0)]              // non-integer exponent: negative base -> 0
        [InlineData(-8.0, -0.5, 1e6)]                   // ... and -> eps for a negative exponent
        [InlineData(0.0, -0.5, 1e6)]
        [InlineData(-2.0, 3.0, -8.0)]                   // integer exponents keep the sign
        [InlineData(-2.0, -1.0, -0.5)]
        [InlineData(0.0, -1.0, 1e12)]                   // 0 counted positive, as in Divide
        [InlineData(-1e-13, -1.0, -1e12)]
        [InlineData(0.0, 0.0, 1.0)]
        [InlineData(-3.0, 0.0, 1.0)]
        [InlineData(4.0, 0.5, 2.0)]
        [InlineData(-1.0, double.PositiveInfinity, 1.0)]
        [InlineData(1.0, double.NegativeInfinity, 1.0)]
        public void Pow_clamps_the_base(double x, double y, double expected)
        {
            Assert.Equal(expected, SafeMath.Pow(x, y), 1e-9);
        }

        [Fact]
        public void Pow_is_never_NaN()
        {
            Gen.Select(Gen.Double[-1e3, 1e3], Gen.Double[-20, 20]).Sample(
                (x, y) =>
                {
                    Assert.False(double.IsNaN(SafeMath.Pow(x, y)));
                    Assert.False(float.IsNaN(SafeMath.Pow((float)x, (float)y)));
                },
                iter: 2000,
                threads: 1);
        }

        [Fact]
        public void Log1P_clamps_near_minus_one()
        {
            // The argument becomes -1 + 1e-12 as rounded (1 + it is 1.0000889e-12), so about ln(1e-12).
            double lowest = Math.Log(1.0 + (-1.0 + 1e-12));
            Assert.Equal(lowest, SafeMath.Log1P(-1.0));
            Assert.Equal(lowest, SafeMath.Log1P(double.NegativeInfinity));
            Assert.Equal(lowest, SafeMath.Log1P(-1.5));
            Assert.Equal(double.PositiveInfinity, SafeMath.Log1P(double.PositiveInfinity));
            Assert.True(float.IsFinite(SafeMath.Log1P(-1f)));
            Assert.Equal(Math.Log(double.MaxValue), SafeMath.Log1P(double.MaxValue));
        }

        [Fact]
        public void Integer_arguments_bind_to_the_double_overloads()
        {
            int count = 3;
            int zero = 0;
            double log = SafeMath.Log(count);
            Assert.Equal(Math.Log(3), log);
            Assert.Equal(Math.Log(1e-12), SafeMath.Log(zero));
            Assert.Equal(1.0 / 3.0, SafeMath.Divide(1, count));
            Assert.Equal(1e12, SafeMath.Divide(1, zero));
            Assert.Equal(Math.Sqrt(3), SafeMath.Sqrt(count));
            Assert.Equal(8.0, SafeMath.Pow(2, 3));
            Assert.Equal(Math.Log2(3), SafeMath.Log2(count));
            Assert.Equal(Math.Log10(3), SafeMath.Log10(count));
        }
    }
}

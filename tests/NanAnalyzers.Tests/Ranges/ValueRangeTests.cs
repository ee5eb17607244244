using System;
using NanAnalyzers.Ranges;
using Xunit;

namespace NanAnalyzers.Tests.Ranges
{
    public class ValueRangeTests
    {
        [Fact]
        public void ToStringForms()
        {
            Assert.Equal("[0, 1]", ValueRange.Of(0, 1, false, NumericKind.Double).ToString());
            Assert.Equal("[-inf, +inf] or NaN", ValueRange.Unknown(NumericKind.Double).ToString());
            Assert.Equal("0", ValueRange.Constant(0, NumericKind.Double).ToString());
            Assert.Equal("[1e-12, +inf]", ValueRange.Of(1e-12, double.PositiveInfinity, false, NumericKind.Double).ToString());
            Assert.Equal("[0, 1)", ValueRange.Of(0, 1 - Math.Pow(2, -24), false, NumericKind.Single).ToString());
            Assert.Equal("NaN", ValueRange.NaNOnly(NumericKind.Double).ToString());
        }

        [Fact]
        public void DerivedQuestions()
        {
            var r = ValueRange.Of(0, 1, false, NumericKind.Double);
            Assert.True(r.MayBeZero);
            Assert.True(r.MayBeNonPositive);
            Assert.False(r.MayBeNegative);
            Assert.False(r.MayBeInfinite);
            Assert.True(r.MayExceed(0.5));
            Assert.False(r.MayExceed(1));
            Assert.False(r.MayBeBelow(0));
            Assert.False(r.MayBeOutside(-1, 1));
            Assert.True(r.WithNaN().MayBeOutside(-1, 1));
            Assert.True(ValueRange.Unknown(NumericKind.Single).IsUnknown);
            Assert.False(ValueRange.Of(-1, 1, false, NumericKind.Double).WithoutZero().MayBeZero);
        }

        [Fact]
        public void JoinIsTheHullAndKeepsAHoleOnlyWhenBothHaveIt()
        {
            var a = ValueRange.Of(-2, -1, false, NumericKind.Double);
            var b = ValueRange.Of(1, 2, true, NumericKind.Double);
            var joined = a.Join(b);
            Assert.Equal(-2, joined.Lo);
            Assert.Equal(2, joined.Hi);
            Assert.True(joined.MayBeNaN);
            Assert.False(joined.MayBeZero);
            Assert.True(joined.Join(ValueRange.Constant(0, NumericKind.Double)).MayBeZero);
        }

        [Fact]
        public void ConstantRoundsToItsKind()
        {
            Assert.Equal((double)0.1f, ValueRange.Constant(0.1, NumericKind.Single).Lo);
            Assert.Equal(double.PositiveInfinity, ValueRange.Constant(70000, NumericKind.Half).Lo);
            Assert.Equal(65504, ValueRange.Constant(65504, NumericKind.Half).Lo);
        }

        [Fact]
        public void FloatingPointNeighbours()
        {
            Assert.Equal(double.Epsilon, FloatingPoint.NextUp(0, NumericKind.Double));
            Assert.Equal((double)float.Epsilon, FloatingPoint.NextUp(0, NumericKind.Single));
            Assert.Equal(1 + Math.Pow(2, -23), FloatingPoint.NextUp(1, NumericKind.Single));
            Assert.Equal(1 - Math.Pow(2, -24), FloatingPoint.NextDown(1, NumericKind.Single));
            Assert.Equal(1 + Math.Pow(2, -10), FloatingPoint.NextUp(1, NumericKind.Half));
            Assert.Equal(1 - Math.Pow(2, -11), FloatingPoint.NextDown(1, NumericKind.Half));
            Assert.Equal(double.PositiveInfinity, FloatingPoint.NextUp(float.MaxValue, NumericKind.Single));
        }

        [Fact]
        public void FloatArithmeticRoundsToNearest()
        {
            var tiny = ValueRange.Constant(1e-10, NumericKind.Single);
            var one = ValueRange.Constant(1, NumericKind.Single);
            var sum = RangeMath.Add(tiny, one, NumericKind.Single);
            Assert.Equal(1, sum.Lo);
            Assert.Equal(1, sum.Hi);
        }
    }
}

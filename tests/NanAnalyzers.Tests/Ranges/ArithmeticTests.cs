using System;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class ArithmeticTests
    {
        private const double RandomMax = 0.99999999999999989; // 1 - 2^-53

        [Fact]
        public async Task FloatAdditionRoundsInFloat_EpsilonIsLost()
        {
            var range = await RangeInAsync("void M() { float a = 1e-10f; float b = a + 1f; Probe(b); }");
            AssertRange(range, 1.0, 1.0, false);
            Assert.Equal(NumericKind.Single, range.Kind);
        }

        [Fact]
        public async Task DoubleAdditionKeepsTheEpsilon()
        {
            var range = await RangeInAsync("void M() { double a = 1e-10; double b = a + 1; Probe(b); }");
            AssertRange(range, 1.0000000001, 1.0000000001, false);
        }

        [Fact]
        public async Task FloatEpsilonAddedToOneThenSigmoidSubtractedMayBeZero()
        {
            var range = await RangeInAsync(@"
float M(float z) {
    float eps = 1e-10f;
    float s = 1f / (1f + MathF.Exp(-z));
    float t = 1f + eps - s;
    Probe(t);
    return t;
}");
            Assert.Equal(0.0, range.Lo);
            Assert.True(range.MayBeZero);
        }

        [Fact]
        public async Task SubtractionOfRandomFromOneIsPositive()
        {
            var range = await RangeInAsync("void M(Random rng) { double u = 1.0 - rng.NextDouble(); Probe(u); }");
            AssertRange(range, Math.Pow(2, -53), 1.0, false);
            Assert.False(range.MayBeZero);
            Assert.False(range.MayBeNonPositive);
        }

        [Fact]
        public async Task UnaryMinusFlipsTheInterval()
        {
            var range = await RangeInAsync("void M(Random rng) { double u = -rng.NextDouble(); Probe(u); }");
            AssertRange(range, -RandomMax, 0, false);
        }

        [Fact]
        public async Task MultiplicationByConstantScales()
        {
            var range = await RangeInAsync("void M(Random rng) { double u = rng.NextDouble() * 2 - 1; Probe(u); }");
            AssertRange(range, -1, 1 - Math.Pow(2, -52), false);
        }

        [Fact]
        public async Task DivisionByPossibleZeroGivesInfinityAndNaN()
        {
            var range = await RangeInAsync("void M(Random rng) { double u = rng.NextDouble(); double q = u / u; Probe(q); }");
            Assert.True(range.MayBeNaN);
            Assert.True(range.MayBePositiveInfinity);
        }

        [Fact]
        public async Task DivisionOfPositivesByCountCanBeInfinite()
        {
            var range = await RangeInAsync("void M(double[] xs) { double q = 1.0 / xs.Length; Probe(q); }");
            Assert.Equal(double.PositiveInfinity, range.Hi);
            Assert.False(range.MayBeNaN);
            Assert.True(range.Lo > 0);
        }

        [Fact]
        public async Task ZeroTimesInfinityIsNaN()
        {
            var range = await RangeInAsync("void M(Random rng) { double a = rng.NextDouble(); double b = double.PositiveInfinity; Probe(a * b); }");
            // [0, 1) * inf: NaN at 0, +inf elsewhere.
            AssertRange(range, double.PositiveInfinity, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task InfinityMinusInfinityIsNaN()
        {
            var range = await RangeInAsync("void M(double v) { double e = Math.Exp(v); double d = e - e; Probe(d); }");
            Assert.True(range.MayBeNaN);
        }

        [Fact]
        public async Task CastDoubleToFloatRoundsAndMayOverflow()
        {
            AssertRange(await RangeInAsync("void M() { double d = 1e39; float f = (float)d; Probe(f); }"), double.PositiveInfinity, double.PositiveInfinity, false);

            // 1 - 2^-53 rounds to 1f: a float copy of NextDouble() can be exactly 1.
            var range = await RangeInAsync("void M(Random rng) { float f = (float)rng.NextDouble(); Probe(f); }");
            AssertRange(range, 0, 1, false);
            Assert.Equal(NumericKind.Single, range.Kind);
        }

        [Fact]
        public async Task ImplicitFloatToDoubleIsExact()
        {
            var range = await RangeInAsync("void M(Random rng) { float f = rng.NextSingle(); double d = f; Probe(d); }");
            AssertRange(range, 0, 1 - Math.Pow(2, -24), false);
            Assert.Equal(NumericKind.Double, range.Kind);
        }

        [Fact]
        public async Task HalfOverflowsAbove65504()
        {
            var range = await RangeInAsync("void M() { double d = 70000; Half h = (Half)d; Probe(h); }");
            AssertRange(range, double.PositiveInfinity, double.PositiveInfinity, false);
            Assert.Equal(NumericKind.Half, range.Kind);
        }

        [Fact]
        public async Task SquareOfSameLocalIsNonNegative()
        {
            var range = await RangeInAsync("void M(double x) { double s = x * x; Probe(s); }");
            AssertRange(range, 0, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task SquareOfSamePureExpressionIsNonNegative()
        {
            var range = await RangeInAsync("void M(double[] a, double[] b, int i) { double s = (a[i] - b[i]) * (a[i] - b[i]); Probe(s); }");
            Assert.Equal(0, range.Lo);
        }

        [Fact]
        public async Task ProductOfDifferentLocalsMayBeNegative()
        {
            var range = await RangeInAsync("void M(double x, double y) { double s = x * y; Probe(s); }");
            Assert.True(range.IsUnknown);
        }

        [Fact]
        public async Task IntegerArithmeticWrapsToTheWholeType()
        {
            var range = await RangeInAsync("void M(int[] xs) { int n = xs.Length * 2; Probe(n); }");
            AssertRange(range, int.MinValue, int.MaxValue, false);
        }

        [Fact]
        public async Task IntegerDivisionTruncates()
        {
            var range = await RangeInAsync("void M() { int a = 7; int b = 2; int c = a / b; Probe(c); }");
            AssertRange(range, 3, 3, false);
        }

        [Fact]
        public async Task LengthMinusOneMayBeNegative()
        {
            var range = await RangeInAsync("void M(double[] xs) { int n = xs.Length - 1; Probe(n); }");
            AssertRange(range, -1, int.MaxValue - 1, false);
        }
    }
}

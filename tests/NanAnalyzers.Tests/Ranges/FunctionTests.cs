using System;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class FunctionTests
    {
        [Fact]
        public async Task MaxWithEpsilonBoundsBelowButKeepsNaN()
        {
            var range = await RangeInAsync("void M(double p) { Probe(Math.Max(p, 1e-12)); }");
            AssertRange(range, 1e-12, double.PositiveInfinity, true);
            Assert.False(range.MayBeNonPositive);
            Assert.Equal("[1e-12, +inf] or NaN", range.ToString());
        }

        [Fact]
        public async Task MaxOfKnownRangeHasNoNaN()
        {
            var range = await RangeInAsync("void M(Random rng) { Probe(Math.Max(rng.NextDouble(), 1e-12)); }");
            AssertRange(range, 1e-12, 0.99999999999999989, false);
        }

        [Fact]
        public async Task MaxOfNaNIsNaN()
        {
            var range = await RangeInAsync("void M() { double n = double.NaN; Probe(Math.Max(n, 1e-12)); }");
            Assert.True(range.MayBeNaN);
        }

        [Fact]
        public async Task MinAndClamp()
        {
            AssertRange(await RangeInAsync("void M(double p) { Probe(Math.Min(p, 1.0)); }"), double.NegativeInfinity, 1, true);
            AssertRange(await RangeInAsync("void M(double c) { Probe(Math.Clamp(c, -1.0, 1.0)); }"), -1, 1, true);
        }

        [Fact]
        public async Task MathFAndGenericMathMaxAndClamp()
        {
            var f = await RangeInAsync("void M(float p) { Probe(MathF.Max(p, 1e-7f)); }");
            AssertRange(f, 1e-7f, double.PositiveInfinity, true);
            Assert.Equal(NumericKind.Single, f.Kind);
            AssertRange(await RangeInAsync("void M(double p) { Probe(double.Max(p, 1e-12)); }"), 1e-12, double.PositiveInfinity, true);
            AssertRange(await RangeInAsync("void M(float p) { Probe(float.Clamp(p, 0f, 1f)); }"), 0, 1, true);
        }

        [Fact]
        public async Task MaxNumberIgnoresOneNaN()
        {
            var range = await RangeInAsync("void M(double p) { Probe(double.MaxNumber(p, 1e-12)); }");
            Assert.False(range.MayBeNaN);
        }

        [Fact]
        public async Task AbsIsNonNegative()
        {
            AssertRange(await RangeInAsync("void M(double p) { Probe(Math.Abs(p)); }"), 0, double.PositiveInfinity, true);
            // (1 - 2^-53) - 2 rounds (ties to even) to -1.
            AssertRange(await RangeInAsync("void M(Random r) { double u = r.NextDouble() - 2; Probe(Math.Abs(u)); }"), 1, 2, false);
        }

        [Fact]
        public async Task PowTwoIsNonNegative()
        {
            AssertRange(await RangeInAsync("void M(double x) { Probe(Math.Pow(x, 2)); }"), 0, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task PowOfNegativeBaseWithFractionalExponentMayBeNaN()
        {
            var range = await RangeInAsync("void M(Random r) { double b = r.NextDouble() - 0.5; Probe(Math.Pow(b, 1.5)); }");
            Assert.True(range.MayBeNaN);
        }

        [Fact]
        public async Task SqrtIsNonNegativeOrNaN()
        {
            AssertRange(await RangeInAsync("void M(double v) { Probe(Math.Sqrt(v)); }"), 0, double.PositiveInfinity, true);
            AssertRange(await RangeInAsync("void M(Random r) { double u = r.NextDouble(); Probe(Math.Sqrt(u * u)); }"), 0, 0.99999999999999989, false);
        }

        [Fact]
        public async Task ExpOfUnknownIsZeroToInfinity()
        {
            var range = await RangeInAsync("void M(double v) { Probe(Math.Exp(v)); }");
            AssertRange(range, 0, double.PositiveInfinity, true);
            Assert.True(range.MayBeZero);
        }

        [Fact]
        public async Task ExpDoubleThresholds()
        {
            Assert.False((await RangeInAsync("void M() { Probe(Math.Exp(709.0)); }")).MayBeInfinite);
            Assert.Equal(double.PositiveInfinity, (await RangeInAsync("void M() { Probe(Math.Exp(710.0)); }")).Hi);
            AssertRange(await RangeInAsync("void M() { Probe(Math.Exp(-746.0)); }"), 0, 0, false);
            Assert.True((await RangeInAsync("void M() { Probe(Math.Exp(-745.0)); }")).Lo >= 0);
            AssertRange(await RangeInAsync("void M() { double z = 0; Probe(Math.Exp(z)); }"), 1, 1, false);
        }

        [Fact]
        public async Task ExpFloatThresholds()
        {
            var overflow = await RangeInAsync("void M() { float z = 89f; Probe(MathF.Exp(z)); }");
            Assert.Equal(double.PositiveInfinity, overflow.Hi);
            Assert.False((await RangeInAsync("void M() { float z = 88f; Probe(MathF.Exp(z)); }")).MayBeInfinite);
            AssertRange(await RangeInAsync("void M() { float z = -104f; Probe(MathF.Exp(z)); }"), 0, 0, false);
        }

        [Fact]
        public async Task ExpOfBoundedArgumentIsFinite()
        {
            var range = await RangeInAsync("void M(double x) { double c = Math.Clamp(x, -10.0, 10.0); Probe(Math.Exp(c)); }");
            Assert.False(range.MayBeInfinite);
            Assert.True(range.Lo > 0);
            Assert.True(range.Hi < 22026.47);
        }

        [Fact]
        public async Task LogOfKnownRange()
        {
            var range = await RangeInAsync("void M(Random r) { double u = 1 + r.NextDouble(); Probe(Math.Log(u)); }");
            Assert.Equal(0, range.Lo);
            Assert.True(range.Hi < 0.6932 && range.Hi > 0.6931);
            Assert.False(range.MayBeNaN);
            var zero = await RangeInAsync("void M(Random r) { Probe(Math.Log(r.NextDouble())); }");
            Assert.Equal(double.NegativeInfinity, zero.Lo);
            Assert.False(zero.MayBeNaN);
            Assert.True((await RangeInAsync("void M(double p) { Probe(Math.Log(p)); }")).MayBeNaN);
        }

        [Fact]
        public async Task TanhIsBetweenMinusOneAndOne()
        {
            AssertRange(await RangeInAsync("void M(double x) { Probe(Math.Tanh(x)); }"), -1, 1, true);
        }

        [Fact]
        public async Task DoubleSigmoidIsZeroToOne()
        {
            var range = await RangeInAsync("void M(double x) { Probe(1 / (1 + Math.Exp(-x))); }");
            AssertRange(range, 0, 1, true);
        }

        [Fact]
        public async Task FloatSigmoidReachesExactlyZeroAndOne()
        {
            AssertRange(await RangeInAsync("void M(float x) { Probe(1f / (1f + MathF.Exp(-x))); }"), 0, 1, true);
            AssertRange(await RangeInAsync("void M() { float z = -104f; Probe(1f / (1f + MathF.Exp(-z))); }"), 0, 0, false);
            AssertRange(await RangeInAsync("void M() { float z = 17f; Probe(1f / (1f + MathF.Exp(-z))); }"), 1, 1, false);
        }

        [Fact]
        public async Task OneMinusSigmoidMayBeZero()
        {
            var range = await RangeInAsync("void M(double x) { double s = 1 / (1 + Math.Exp(-x)); Probe(1 - s); }");
            Assert.True(range.MayBeZero);
        }

        [Fact]
        public async Task NextDoubleIsHalfOpen()
        {
            var range = await RangeInAsync("void M(Random rng) { Probe(rng.NextDouble()); }");
            AssertRange(range, 0, 0.99999999999999989, false);
            Assert.Equal("[0, 1)", range.ToString());
            Assert.True(range.MayBeZero);
        }

        [Fact]
        public async Task RandomSharedAndNextSingle()
        {
            AssertRange(await RangeInAsync("void M() { Probe(Random.Shared.NextDouble()); }"), 0, 0.99999999999999989, false);
            var single = await RangeInAsync("void M() { Probe(Random.Shared.NextSingle()); }");
            AssertRange(single, 0, 1 - Math.Pow(2, -24), false);
            Assert.Equal("[0, 1)", single.ToString());
        }

        [Fact]
        public async Task RandomNextWithBound()
        {
            AssertRange(await RangeInAsync("void M(Random rng) { int k = rng.Next(10); Probe(k); }"), 0, 9, false);
        }

        [Fact]
        public async Task LengthCountAndCountCanBeZero()
        {
            AssertRange(await RangeInAsync("void M(double[] xs) { Probe(xs.Length); }"), 0, int.MaxValue, false);
            AssertRange(await RangeInAsync("void M(List<double> xs) { Probe(xs.Count); }"), 0, int.MaxValue, false);
            AssertRange(await RangeInAsync("void M(IEnumerable<double> xs) { Probe(xs.Count()); }"), 0, int.MaxValue, false);
        }
    }
}

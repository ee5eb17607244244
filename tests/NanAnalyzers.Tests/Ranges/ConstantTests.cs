using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class ConstantTests
    {
        [Fact]
        public async Task DoubleLiteralIsExact()
        {
            var range = await RangeInAsync("void M() { Probe(0.5); }");
            AssertRange(range, 0.5, 0.5, false);
            Assert.Equal(NumericKind.Double, range.Kind);
            Assert.Equal("0.5", range.ToString());
        }

        [Fact]
        public async Task DoubleEpsilonMaxValueAndInfinity()
        {
            AssertRange(await RangeInAsync("void M() { Probe(double.Epsilon); }"), double.Epsilon, double.Epsilon, false);
            AssertRange(await RangeInAsync("void M() { Probe(double.MaxValue); }"), double.MaxValue, double.MaxValue, false);
            AssertRange(await RangeInAsync("void M() { Probe(double.PositiveInfinity); }"), double.PositiveInfinity, double.PositiveInfinity, false);
        }

        [Fact]
        public async Task FloatConstantHasSingleKind()
        {
            var range = await RangeInAsync("void M() { Probe(1e-7f); }");
            AssertRange(range, 1e-7f, 1e-7f, false);
            Assert.Equal(NumericKind.Single, range.Kind);
        }

        [Fact]
        public async Task ParameterIsUnknown()
        {
            var range = await RangeInAsync("void M(double p) { Probe(p); }");
            Assert.True(range.IsUnknown);
            Assert.Equal("[-inf, +inf] or NaN", range.ToString());
        }
    }
}

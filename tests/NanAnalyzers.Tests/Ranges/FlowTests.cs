using System;
using System.Linq;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class FlowTests
    {
        private static async Task<ValueRange[]> AllAsync(string members)
        {
            var probes = await ProbesAsync("class C {\n" + members + "\n}");
            return probes.Select(p => p.Ranges.RangeOf(p.Operation)).ToArray();
        }

        [Fact]
        public async Task GreaterThanZeroRefinesBothEdges()
        {
            var r = await AllAsync("void M(double x) { if (x > 0) Probe(x); else Probe(x); }");
            AssertRange(r[0], double.Epsilon, double.PositiveInfinity, false);
            AssertRange(r[1], double.NegativeInfinity, 0, true);
        }

        [Fact]
        public async Task GreaterOrEqualAndLessThan()
        {
            var r = await AllAsync("void M(double x) { if (x >= 1e-12) Probe(x); if (x < 1) Probe(x); }");
            AssertRange(r[0], 1e-12, double.PositiveInfinity, false);
            AssertRange(r[1], double.NegativeInfinity, 0.99999999999999989, false);
        }

        [Fact]
        public async Task FloatComparisonUsesFloatNeighbours()
        {
            var r = await AllAsync("void M(float x) { if (x > 0f) Probe(x); }");
            AssertRange(r[0], float.Epsilon, double.PositiveInfinity, false);
        }

        [Fact]
        public async Task ConstantOnTheLeftIsFlipped()
        {
            var r = await AllAsync("void M(double x) { if (0 < x) Probe(x); }");
            Assert.False(r[0].MayBeNonPositive);
        }

        [Fact]
        public async Task NotEqualZeroExcludesZero()
        {
            var r = await AllAsync("void M(double d) { if (d != 0) Probe(d); else Probe(d); }");
            Assert.False(r[0].MayBeZero);
            Assert.True(r[0].MayBeNaN);
            AssertRange(r[1], 0, 0, false);
        }

        [Fact]
        public async Task NotEqualZeroOnANonNegativeRangeRaisesTheLowEnd()
        {
            var r = await AllAsync("void M(double[] xs) { double n = xs.Length; if (n != 0) Probe(n); }");
            AssertRange(r[0], double.Epsilon, int.MaxValue, false);
        }

        [Fact]
        public async Task EqualsConstantPinsTheValue()
        {
            var r = await AllAsync("void M(double x) { if (x == 2) Probe(x); }");
            AssertRange(r[0], 2, 2, false);
        }

        [Fact]
        public async Task NegatedConditionSwapsTheEdges()
        {
            var r = await AllAsync("void M(double x) { if (!(x > 0)) Probe(x); else Probe(x); }");
            AssertRange(r[0], double.NegativeInfinity, 0, true);
            AssertRange(r[1], double.Epsilon, double.PositiveInfinity, false);
        }

        [Fact]
        public async Task ConditionalAndNarrowsBothEnds()
        {
            var r = await AllAsync("void M(double x) { if (x > 0 && x < 1) Probe(x); }");
            AssertRange(r[0], double.Epsilon, 0.99999999999999989, false);
        }

        [Fact]
        public async Task ConditionalOrGuardWithEarlyReturn()
        {
            var r = await AllAsync("void M(double x) { if (x < 0 || x > 1) return; Probe(x); }");
            AssertRange(r[0], 0, 1, true);
        }

        [Fact]
        public async Task EarlyReturnAndThrowAreEdges()
        {
            var r = await AllAsync(@"
void M(double x, double y) {
    if (x <= 0) return;
    Probe(x);
    if (y <= 0) throw new ArgumentOutOfRangeException(nameof(y));
    Probe(y);
}");
            AssertRange(r[0], double.Epsilon, double.PositiveInfinity, true);
            AssertRange(r[1], double.Epsilon, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task ContinueAndBreakAreEdges()
        {
            var r = await AllAsync(@"
void M(double[] xs) {
    foreach (var v in xs) { if (v <= 0) continue; Probe(v); }
    for (int i = 0; i < xs.Length; i++) { var w = xs[i]; if (w < 1e-9) break; Probe(w); }
}");
            Assert.False(r[0].MayBeNonPositive);
            AssertRange(r[1], 1e-9, double.PositiveInfinity, true); // NaN < 1e-9 is false: NaN passes
        }

        [Fact]
        public async Task IsNaNAndIsFiniteGuards()
        {
            var r = await AllAsync(@"
void M(double x, float f, double y) {
    if (double.IsNaN(x)) return;
    Probe(x);
    if (!float.IsNaN(f)) Probe(f);
    if (double.IsFinite(y)) Probe(y); else Probe(y);
}");
            AssertRange(r[0], double.NegativeInfinity, double.PositiveInfinity, false);
            Assert.False(r[1].MayBeNaN);
            AssertRange(r[2], -double.MaxValue, double.MaxValue, false);
            Assert.True(r[3].MayBeNaN && r[3].MayBeInfinite);
        }

        [Fact]
        public async Task IsInfinityOrIsNaNReturnLeavesFinite()
        {
            var r = await AllAsync("void M(double x) { if (double.IsInfinity(x) || double.IsNaN(x)) return; Probe(x); }");
            Assert.True(r[0].IsFinite);
        }

        [Fact]
        public async Task ComparisonWithNaNFailsSoTheFalseEdgeKeepsNaN()
        {
            var r = await AllAsync("void M(double x) { if (x > 0) { } else { Probe(x); } if (x < 5) Probe(x); }");
            Assert.True(r[0].MayBeNaN);
            Assert.False(r[1].MayBeNaN);
        }

        [Fact]
        public async Task SelfComparisonIsTheNaNTest()
        {
            var r = await AllAsync("void M(double x) { if (x != x) return; Probe(x); }");
            Assert.False(r[0].MayBeNaN);
        }

        [Fact]
        public async Task AbsComparisonKeepsAwayFromZero()
        {
            var r = await AllAsync("void M(double d) { if (Math.Abs(d) < 1e-12) return; Probe(d); }");
            Assert.False(r[0].MayBeZero);
        }

        [Fact]
        public async Task RelationalPatternsRefine()
        {
            var r = await AllAsync("void M(double x) { if (x is > 0 and < 1) Probe(x); if (x is double.NaN) return; Probe(x); }");
            AssertRange(r[0], double.Epsilon, 0.99999999999999989, false);
            Assert.False(r[1].MayBeNaN);
        }

        [Fact]
        public async Task GuardOnOneBranchOnlyProtectsThatBranch()
        {
            var r = await AllAsync("void M(double p, bool flag) { if (flag) { if (p <= 0) return; Probe(p); } Probe(p); }");
            Assert.False(r[0].MayBeNonPositive);
            Assert.True(r[1].MayBeNonPositive);
        }

        [Fact]
        public async Task RejectionLoopExitIsRefined()
        {
            var r = await AllAsync(@"
void M(Random rng) {
    double r = 2 * rng.NextDouble() - 1;
    while (r <= 0 || r > 1) r = 2 * rng.NextDouble() - 1;
    Probe(r);
}");
            Assert.False(r[0].MayBeNonPositive);
            Assert.False(r[0].MayExceed(1));
            Assert.False(r[0].MayBeNaN);
        }

        [Fact]
        public async Task BoxMullerRadiusLoop()
        {
            var r = await AllAsync(@"
double M(Random rng) {
    double u, v, s;
    do {
        u = 2 * rng.NextDouble() - 1;
        v = 2 * rng.NextDouble() - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    Probe(s);
    return u * Math.Sqrt(-2 * Math.Log(s) / s);
}");
            Assert.False(r[0].MayBeZero);
            Assert.False(r[0].MayBeNegative);
            Assert.False(r[0].MayExceed(1));
        }

        [Fact]
        public async Task TernaryThroughFlowCaptures()
        {
            var r = await AllAsync("void M(double x) { double y = x > 0 ? x : 1e-12; Probe(y); Probe(x > 0 ? Math.Log(x) : 0); }");
            AssertRange(r[0], double.Epsilon, double.PositiveInfinity, false);
            Assert.False(r[1].MayBeNaN);
        }

        [Fact]
        public async Task TernaryArgumentIsRefinedInsideTheBranch()
        {
            var probes = await ProbesAsync("class C { double M(double x) => x > 0 ? Log(x) : 0; static double Log(double v) { Probe(v); return v; } }");
            Assert.True(probes.Count == 1);
        }

        [Fact]
        public async Task CoalesceJoinsBothSides()
        {
            var r = await AllAsync("void M(bool flag) { double? n = flag ? 2.0 : null; double y = n ?? 1.0; Probe(y); }");
            AssertRange(r[0], 1, 2, false);
        }

        [Fact]
        public async Task JoinIsTheHull()
        {
            var r = await AllAsync("void M(bool flag) { double y; if (flag) y = 1; else y = 3; Probe(y); }");
            AssertRange(r[0], 1, 3, false);
        }

        [Fact]
        public async Task LoopsWidenAndTerminate()
        {
            var r = await AllAsync("void M(Func<bool> more) { double x = 0; while (more()) x = x + 1; Probe(x); }");
            AssertRange(r[0], 0, double.PositiveInfinity, false);
        }

        [Fact]
        public async Task ForLoopCounterIsBoundedByItsCondition()
        {
            var r = await AllAsync("void M() { for (int i = 0; i < 10; i++) Probe(i); }");
            AssertRange(r[0], 0, 9, false);
        }

        [Fact]
        public async Task SumOfSquaresStaysNonNegativeAndMayBeZero()
        {
            var r = await AllAsync("void M(double[] xs) { double sum = 0; foreach (var x in xs) sum += x * x; Probe(sum); }");
            Assert.Equal(0, r[0].Lo);
            Assert.Equal(double.PositiveInfinity, r[0].Hi);
            Assert.True(r[0].MayBeZero);
        }

        [Fact]
        public async Task SumOfExpIsNonNegativeAndMayBeZero()
        {
            var r = await AllAsync(@"
void M(double[] v) {
    double sum = 0;
    for (int i = 0; i < v.Length; i++) sum += Math.Exp(v[i]);
    Probe(sum);
}");
            Assert.Equal(0, r[0].Lo);
            Assert.True(r[0].MayBeZero);
        }

        [Fact]
        public async Task SumGuardedByNonZeroCheck()
        {
            var r = await AllAsync("void M(double[] xs) { double sum = 0; foreach (var x in xs) sum += x * x; if (sum > 0) Probe(sum); }");
            Assert.False(r[0].MayBeZero);
        }

        [Fact]
        public async Task LocalsAreTrackedBySymbol()
        {
            var r = await AllAsync("void M() { double a = 2; double b = a * 3; a = -1; Probe(b); Probe(a); }");
            AssertRange(r[0], 6, 6, false);
            AssertRange(r[1], -1, -1, false);
        }

        [Fact]
        public async Task FieldsAreUnknownUnlessJustAssigned()
        {
            var r = await AllAsync(@"
double f;
void Other() { }
void M() {
    Probe(f);
    f = 2;
    Probe(f);
    Other();
    Probe(f);
}");
            Assert.True(r[0].IsUnknown);
            AssertRange(r[1], 2, 2, false);
            Assert.True(r[2].IsUnknown);
        }

        [Fact]
        public async Task ArrayElementsAreUnknownUnlessJustAssigned()
        {
            var r = await AllAsync("void M(double[] a, int i) { Probe(a[i]); a[i] = 0.5; Probe(a[i]); a[0] = 3; Probe(a[i]); }");
            Assert.True(r[0].IsUnknown);
            AssertRange(r[1], 0.5, 0.5, false);
            Assert.True(r[2].IsUnknown);
        }

        [Fact]
        public async Task FieldAssignedInAnotherBlockIsUnknown()
        {
            var r = await AllAsync("double f; void M(bool b) { f = 2; if (b) Probe(f); }");
            Assert.True(r[0].IsUnknown);
        }

        [Fact]
        public async Task CapturedVariableWrittenByALambdaIsUnknownAfterACall()
        {
            var r = await AllAsync("void M() { double x = 1; Action act = () => x = -1; act(); Probe(x); }");
            Assert.True(r[0].IsUnknown);
        }

        [Fact]
        public async Task CapturedVariableOnlyReadByALambdaIsTracked()
        {
            var r = await AllAsync("void M() { double x = 1; Func<double> f = () => x; f(); Probe(x); }");
            AssertRange(r[0], 1, 1, false);
        }

        [Fact]
        public async Task OutArgumentIsUnknownAfterTheCall()
        {
            var r = await AllAsync("void M(string s) { double v = 1; double.TryParse(s, out v); Probe(v); }");
            Assert.True(r[0].IsUnknown);
        }

        [Fact]
        public async Task StaticReadOnlyEpsilonIsKnown()
        {
            var r = await AllAsync("static readonly double Eps = 1e-12; void M(double p) { Probe(Math.Max(p, Eps)); }");
            AssertRange(r[0], 1e-12, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task LambdaBodiesAreAnalysedOnTheirOwn()
        {
            var r = await AllAsync("void M(double[] xs) { var ys = xs.Select(x => { if (x <= 0) return 0.0; Probe(x); return Math.Log(x); }).ToArray(); }");
            Assert.False(r[0].MayBeNonPositive);
        }

        [Fact]
        public async Task LocalFunctionBodiesAreAnalysedOnTheirOwn()
        {
            var r = await AllAsync("void M() { double Safe(double v) { if (v < 1e-9) v = 1e-9; Probe(v); return v; } Safe(0); }");
            Assert.False(r[0].MayBeNonPositive);
        }

        [Fact]
        public async Task TryCatchFinallyBlocksAreAnalysed()
        {
            var r = await AllAsync("void M(double x) { try { x = 1; } catch (Exception) { Probe(x); } finally { Probe(x); } }");
            Assert.True(r[0].IsUnknown);
            Assert.True(r[1].IsUnknown);
        }

        [Fact]
        public async Task SwitchOnRelationalPatterns()
        {
            var r = await AllAsync("double M(double x) { switch (x) { case <= 0: return 0; default: Probe(x); return x; } }");
            Assert.False(r[0].MayBeNonPositive);
        }
    }
}

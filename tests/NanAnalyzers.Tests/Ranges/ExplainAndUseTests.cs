using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class ExplainAndUseTests
    {
        private static async Task<string> ExplainAsync(string members)
        {
            var probes = await ProbesAsync("class C {\n" + members + "\n}");
            return probes[0].Ranges.Explain(probes[0].Operation);
        }

        [Fact]
        public async Task ExplainsRandom()
            => Assert.Equal("'rng.NextDouble()' is in [0, 1)", await ExplainAsync("void M(Random rng) { Probe(rng.NextDouble()); }"));

        [Fact]
        public async Task ExplainsParameter()
            => Assert.Equal("'p' is a parameter: nothing bounds it", await ExplainAsync("void M(double p) { Probe(p); }"));

        [Fact]
        public async Task ExplainsSum()
            => Assert.Equal(
                "'sum' is a sum in [0, +inf] or NaN (it may be 0)",
                await ExplainAsync("void M(double[] xs) { double sum = 0; foreach (var x in xs) sum += x * x; Probe(sum); }"));

        [Fact]
        public async Task ExplainsCount()
            => Assert.Equal("'xs.Length' is a count in [0, 2147483647] (it may be 0)", await ExplainAsync("void M(double[] xs) { Probe(xs.Length); }"));

        [Fact]
        public async Task ExplainsField()
            => Assert.Equal("'w' is a field: nothing bounds it", await ExplainAsync("double w; void M() { Probe(w); }"));

        /// <summary>The first division in the source, as a rule would see it.</summary>
        private static async Task<bool> OnlyUsedWhereFiniteAsync(string members)
        {
            var compilation = await CompileAsync("class C {\n" + members + "\n}");
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var division = tree.GetRoot().DescendantNodes().OfType<BinaryExpressionSyntax>().First(b => b.OperatorToken.ValueText == "/");
            var operation = model.GetOperation(division)!;
            return MethodRanges.For(operation, default).IsOnlyUsedWhereFinite(operation);
        }

        [Fact]
        public async Task DiscardedInfinityBehindAGuardIsNotARisk()
        {
            Assert.True(await OnlyUsedWhereFiniteAsync(@"
void Clip(double[] g, double threshold) {
    double sum = 0;
    foreach (var v in g) sum += v * v;
    double norm = Math.Sqrt(sum);
    double rate = threshold / norm;
    if (rate < 1)
    {
        for (int i = 0; i < g.Length; i++) g[i] *= rate;
    }
}"));
        }

        [Fact]
        public async Task ReturnedQuotientIsARisk()
            => Assert.False(await OnlyUsedWhereFiniteAsync("double M(double a, double[] xs) { double mean = a / xs.Length; return mean; }"));

        [Fact]
        public async Task QuotientUsedOutsideTheGuardIsARisk()
            => Assert.False(await OnlyUsedWhereFiniteAsync("double M(double t, double n) { double rate = t / n; if (rate < 1) { } return rate * 2; }"));

        [Fact]
        public async Task QuotientOnlyComparedIsNotARisk()
            => Assert.True(await OnlyUsedWhereFiniteAsync("bool M(double a, double b) { return a / b > 1; }"));

        [Fact]
        public async Task QuotientCheckedForFinitenessIsNotARisk()
            => Assert.True(await OnlyUsedWhereFiniteAsync("double M(double a, double b) { var q = a / b; if (!double.IsFinite(q)) return 0; return q; }"));
    }
}

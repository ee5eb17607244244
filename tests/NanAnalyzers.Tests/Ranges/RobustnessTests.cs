using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class RobustnessTests
    {
        [Fact]
        public async Task ThreeThousandLineMethodStaysWithinBudget()
        {
            var body = new StringBuilder();
            body.AppendLine("double x0 = rng.NextDouble();");
            for (var i = 1; i < 3000; i++)
            {
                if (i % 3 == 0)
                {
                    body.AppendLine($"double x{i} = x{i - 1} > 0.5 ? x{i - 1} * 0.5 : x{i - 2} + 1e-3;");
                }
                else if (i % 3 == 1)
                {
                    body.AppendLine($"double x{i} = Math.Max(x{i - 1}, 1e-12); if (x{i} > 10) x{i} = Math.Log(x{i});");
                }
                else
                {
                    body.AppendLine($"double x{i} = x{i - 1} * x{i - 1};");
                }
            }

            body.AppendLine("Probe(x2999);");
            var source = "class C { void M(Random rng) {\n" + body + "} }";
            var compilation = await CompileAsync(source);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var probe = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Last(i => i.Expression.ToString() == "Probe");
            var operation = model.GetOperation(probe.ArgumentList.Arguments[0].Expression)!;
            var stopwatch = Stopwatch.StartNew();
            var ranges = MethodRanges.For(operation, CancellationToken.None);
            var range = ranges.RangeOf(operation);
            stopwatch.Stop();
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "the analysis took " + stopwatch.Elapsed);
            Assert.True(range.Lo <= range.Hi || range.MayBeNaN);
            Assert.True(ranges.IsAnalysed ? range.Lo >= 0 : range.IsUnknown, range.ToString());
        }

        [Fact]
        public async Task HugeLoopNestIsUnknownRatherThanSlow()
        {
            var body = new StringBuilder("double s = 0;\n");
            for (var i = 0; i < 400; i++)
            {
                body.AppendLine($"for (int i{i} = 0; i{i} < n; i{i}++) {{ double t{i} = s * 0.5; if (t{i} > 1) s = t{i}; else s += 1; }}");
            }

            body.AppendLine("Probe(s);");
            var stopwatch = Stopwatch.StartNew();
            var probes = await ProbesAsync("class C { void M(int n) {\n" + body + "} }");
            var range = probes[0].Ranges.RangeOf(probes[0].Operation);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "took " + stopwatch.Elapsed);
            Assert.True(range.Lo <= range.Hi || range.MayBeNaN);
        }

        [Fact]
        public async Task BudgetExceededAnswersUnknown()
        {
            var body = new StringBuilder("double s = 1;\n");
            for (var i = 0; i < 1500; i++)
            {
                body.AppendLine($"double v{i} = s; for (int k{i} = 0; k{i} < n; k{i}++) {{ if (v{i} > 0) s = v{i} * 0.5; }}");
            }

            body.AppendLine("Probe(s);");
            var probes = await ProbesAsync("class C { void M(int n) {\n" + body + "} }");
            var ranges = probes[0].Ranges;
            if (!ranges.IsAnalysed)
            {
                Assert.True(ranges.RangeOf(probes[0].Operation).IsUnknown);
            }
        }

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            const string source = @"
class C {
    void M(double p) {
        var q = Math.Log(p +;
        Probe(q);
        Probe(Undefined(p));
        Probe(p.Nope);
        double r = ;
        if (p > ) Probe(p);
        while (
    }
}";
            var compilation = await CompileAsync(source, allowErrors: true);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
            {
                var operation = model.GetOperation(node);
                if (operation is null)
                {
                    continue;
                }

                var ranges = MethodRanges.For(operation, CancellationToken.None);
                var range = ranges.RangeOf(operation);
                Assert.NotNull(ranges.Explain(operation));
                ranges.IsOnlyUsedWhereFinite(operation);
                Assert.True(range.Lo <= range.Hi || range.IsEmptyInterval);
            }
        }

        [Fact]
        public async Task CancellationIsHonouredAndDoesNotPoisonTheCache()
        {
            var compilation = await CompileAsync("class C { void M(Random rng) { double u = rng.NextDouble(); Probe(u); } }");
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var argument = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                .First(i => i.Expression.ToString() == "Probe").ArgumentList.Arguments[0].Expression;
            var operation = model.GetOperation(argument)!;
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => MethodRanges.For(operation, cancelled.Token));
            var range = MethodRanges.For(operation, CancellationToken.None).RangeOf(operation);
            AssertRange(range, 0, 0.99999999999999989, false);
        }

        [Fact]
        public async Task AnalysisIsSharedPerBody()
        {
            var probes = await ProbesAsync("class C { void M(double a, double b) { Probe(a); Probe(b); } }");
            Assert.Same(probes[0].Ranges, probes[1].Ranges);
        }

        [Fact]
        public async Task FieldInitializersAndExpressionBodiesAreAnalysed()
        {
            var probes = await ProbesAsync("class C { static double Init(double v) => v; double f = Init(Math.Exp(2)); double P => Math.Abs(f); void M() { Probe(P); } }");
            Assert.NotNull(probes[0].Ranges);
            var compilation = await CompileAsync("class C { double f = Math.Exp(2.0); }");
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().First();
            var operation = model.GetOperation(invocation)!;
            var range = MethodRanges.For(operation, CancellationToken.None).RangeOf(operation);
            Assert.True(range.Lo > 7.38 && range.Hi < 7.39);
        }
    }
}

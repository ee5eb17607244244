using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;
using Xunit.Abstractions;
using static NanAnalyzers.Tests.Robustness.RobustnessHarness;

namespace NanAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Crash-freedom: every analyzer and every fixer over every sample, generated corpus files and the other
    /// tests' inputs, cut at token boundaries (half-typed code, as the IDE sees it while one types) and with
    /// seeded random token deletions. Any analyzer exception (AD0001) or fixer exception fails the test.
    /// CI runs a seeded sample of the cut points; <c>NAN_ROBUSTNESS_FULL=1</c> runs every one.
    /// </summary>
    public class CrashFreedomTests
    {
        private readonly ITestOutputHelper output;

        public CrashFreedomTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void EveryAnalyzerAndFixerIsDiscoveredAndConsistent()
        {
            var supported = Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
            output.WriteLine($"analyzers: {Analyzers.Length} ({string.Join(", ", Analyzers.Select(a => a.GetType().Name))})");
            output.WriteLine($"fixers: {Fixers.Length} ({string.Join(", ", Fixers.Select(f => f.GetType().Name))})");
            foreach (var analyzer in Analyzers)
            {
                Assert.NotEmpty(analyzer.SupportedDiagnostics);
                Assert.All(analyzer.SupportedDiagnostics, d => Assert.StartsWith("NAN", d.Id, StringComparison.Ordinal));
            }

            foreach (var fixer in Fixers)
            {
                Assert.NotEmpty(fixer.FixableDiagnosticIds);
                Assert.All(fixer.FixableDiagnosticIds, id => Assert.Contains(id, supported));
            }
        }

        [Fact]
        public Task SamplesCutAtTokenBoundaries()
            => RunAsync(Samples(), cutsPerInput: Full ? int.MaxValue : 20, deletionsPerInput: 0, seed: 11);

        [Fact]
        public Task CorpusCutAtTokenBoundaries()
            => RunAsync(CorpusInputs(Full ? 12 : 4), cutsPerInput: Full ? int.MaxValue : 12, deletionsPerInput: 0, seed: 12);

        [Fact]
        public Task TestInputsCutAtTokenBoundaries()
        {
            var inputs = TestInputs();
            output.WriteLine($"test inputs harvested: {inputs.Count}");
            if (!Full)
            {
                // A seeded selection of the other tests' inputs, two cuts each.
                var rng = new Random(13);
                inputs = inputs.OrderBy(_ => rng.Next()).Take(60).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            }

            return RunAsync(inputs, cutsPerInput: Full ? int.MaxValue : 2, deletionsPerInput: 0, seed: 13);
        }

        [Fact]
        public Task SeededRandomTokenDeletions()
        {
            var inputs = Samples().Concat(CorpusInputs(Full ? 12 : 2)).ToList();
            return RunAsync(inputs, cutsPerInput: 0, deletionsPerInput: Full ? 60 : 10, seed: 14);
        }

        private async Task RunAsync(IReadOnlyList<Input> inputs, int cutsPerInput, int deletionsPerInput, int seed)
        {
            var variants = new List<(string Name, string Text)>();
            var rng = new Random(seed);
            foreach (var input in inputs)
            {
                var ends = TokenEnds(input.Text);
                IEnumerable<int> cuts = cutsPerInput >= ends.Count
                    ? ends
                    : ends.OrderBy(_ => rng.Next()).Take(cutsPerInput).OrderBy(e => e);
                foreach (var end in cuts)
                {
                    variants.Add(($"{input.Name} cut at {end}", input.Text.Substring(0, end)));
                }

                var spans = TokenSpans(input.Text);
                for (int i = 0; i < deletionsPerInput && spans.Count > 0; i++)
                {
                    // Delete one to three tokens, from the end so the earlier offsets stay valid.
                    var chosen = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => spans[rng.Next(spans.Count)]).Distinct().OrderByDescending(s => s.Start).ToList();
                    var text = input.Text;
                    foreach (var span in chosen)
                    {
                        text = text.Remove(span.Start, span.Length);
                    }

                    variants.Add(($"{input.Name} without tokens at {string.Join(",", chosen.Select(s => s.Start))}", text));
                }
            }

            var failures = new ConcurrentQueue<string>();
            int diagnostics = 0, fixesApplied = 0;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
            await Parallel.ForEachAsync(variants, options, async (variant, _) =>
            {
                var (d, f) = await CheckAsync(variant.Name, variant.Text, failures).ConfigureAwait(false);
                Interlocked.Add(ref diagnostics, d);
                Interlocked.Add(ref fixesApplied, f);
            }).ConfigureAwait(false);

            output.WriteLine($"{inputs.Count} inputs, {variants.Count} variants, {Analyzers.Length} analyzers, {Fixers.Length} fixers: {diagnostics} diagnostics, {fixesApplied} fixes applied, {failures.Count} failures");
            Assert.True(failures.IsEmpty, failures.Count + " failures:\n" + string.Join("\n\n", failures.Take(10)));
        }

        private static async Task<(int Diagnostics, int Fixes)> CheckAsync(string name, string text, ConcurrentQueue<string> failures)
        {
            var (workspace, project) = await CreateProjectAsync(new[] { ("Input.cs", text) }).ConfigureAwait(false);
            using (workspace)
            {
                var document = project.Documents.Single();
                var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
                var result = await AnalyzeAsync(compilation, Analyzers).ConfigureAwait(false);
                foreach (var exception in result.Exceptions)
                {
                    failures.Enqueue($"analyzer exception on {name}:\n{exception}\n--- input tail:\n{Tail(text)}");
                }

                int fixes = 0;
                foreach (var diagnostic in result.Diagnostics)
                {
                    foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        try
                        {
                            var actions = await GetFixesAsync(fixer, document, diagnostic).ConfigureAwait(false);
                            if (actions.Count > 0)
                            {
                                await ApplyAsync(actions[0], project.Solution).ConfigureAwait(false);
                                fixes++;
                            }
                        }
                        catch (Exception e)
                        {
                            failures.Enqueue($"{fixer.GetType().Name} threw on {diagnostic.Id} at {diagnostic.Location.SourceSpan} of {name}:\n{e}\n--- input tail:\n{Tail(text)}");
                        }
                    }
                }

                return (result.Diagnostics.Length, fixes);
            }
        }

        private static string Tail(string text) => text.Length <= 300 ? text : "..." + text.Substring(text.Length - 300);
    }
}

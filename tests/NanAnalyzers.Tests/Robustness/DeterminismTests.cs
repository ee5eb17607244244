using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NanAnalyzers.Corpus;
using Xunit;
using Xunit.Abstractions;
using static NanAnalyzers.Tests.Robustness.RobustnessHarness;

namespace NanAnalyzers.Tests.Robustness
{
    /// <summary>The same corpus analysed again and again, concurrently, reports the same diagnostics every time.</summary>
    public class DeterminismTests
    {
        private readonly ITestOutputHelper output;

        public DeterminismTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task ConcurrentAnalysisGivesTheSameDiagnosticsEveryTime()
        {
            var trees = CorpusGenerator.Generate(Full ? 300 : 60, 21, CorpusOptions())
                .Select(f => CSharpSyntaxTree.ParseText(f.Text, TestParseOptions, path: f.Name)).ToList();
            var references = await ReferencesAsync();

            async Task<List<string>> RunAsync(bool concurrent)
            {
                // A fresh compilation each time: nothing bound or cached is shared between the runs.
                var compilation = CSharpCompilation.Create("Determinism", trees, references, TestCompilationOptions);
                var result = await AnalyzeAsync(compilation, Analyzers, concurrent);
                Assert.Empty(result.Exceptions);
                return result.Diagnostics
                    .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.GetLineSpan().Span} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                    .OrderBy(s => s, StringComparer.Ordinal)
                    .ToList();
            }

            var sequential = await RunAsync(concurrent: false);
            output.WriteLine($"{trees.Count} files, {Analyzers.Length} analyzers: {sequential.Count} diagnostics");
            foreach (var group in sequential.GroupBy(s => s.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {group.Key}: {group.Count()}");
            }

            // Five concurrent runs, two at a time, each itself concurrent.
            var runs = new List<List<string>>();
            for (int round = 0; round < 5; round += 2)
            {
                var batch = await Task.WhenAll(Enumerable.Range(round, Math.Min(2, 5 - round)).Select(_ => Task.Run(() => RunAsync(concurrent: true))));
                runs.AddRange(batch);
            }

            Assert.Equal(5, runs.Count);
            foreach (var run in runs)
            {
                Assert.Equal(sequential, run);
            }
        }
    }
}

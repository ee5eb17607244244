using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// The cost of the analyzers on a build, after roslyn-analyzers' PerformanceTests: the generated corpus
    /// (N files of about 100 lines) is parsed once; each operation creates a fresh compilation and asks for
    /// all its diagnostics: the compiler's alone (the baseline), with an empty analyzer (the driver's own
    /// cost), with an analyzer that asks for the operation kinds the rules ask for and does nothing (the floor of
    /// any rule written on operations: the driver builds and walks every body's operation tree), with every NanAnalyzers rule, and with CA2242 of Microsoft.CodeAnalysis.NetAnalyzers (the peer
    /// rule for NaN comparisons), at N = 250 and 1,000 (the growth). Each family's share: <see cref="AnalyzerFamilyBenchmarks"/>.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(AnalyzerConfig))]
    public class AnalyzerBenchmarks
    {
        private CorpusCompilation corpus = null!;
        private ImmutableArray<DiagnosticAnalyzer> empty;
        private ImmutableArray<DiagnosticAnalyzer> floor;
        private ImmutableArray<DiagnosticAnalyzer> all;
        private ImmutableArray<DiagnosticAnalyzer> ca2242;
        private readonly Dictionary<string, ImmutableArray<DiagnosticAnalyzer>> families = new Dictionary<string, ImmutableArray<DiagnosticAnalyzer>>();

        /// <summary>The number of generated files.</summary>
        [ParamsSource(nameof(FileCounts))]
        public int N { get; set; }

        public static IEnumerable<int> FileCounts => BenchmarkSettings.Short ? new[] { 250 } : new[] { 250, 1000 };

        [GlobalSetup]
        public void Setup()
        {
            corpus = new CorpusCompilation(N);
            empty = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());
            floor = ImmutableArray.Create<DiagnosticAnalyzer>(new OperationFloorAnalyzer());
            all = AnalyzerCatalog.NanAnalyzers;
            ca2242 = AnalyzerCatalog.Ca2242;
            foreach (var family in AnalyzerCatalog.Families.Keys)
            {
                var analyzers = AnalyzerCatalog.Family(family);
                families[family] = analyzers.IsEmpty ? empty : analyzers;
            }

            WarmUp.Once();
            var errors = corpus.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The corpus does not compile: " + errors[0]);
            }

            Console.WriteLine($"// corpus: {N} files, {corpus.Lines} lines; framework references: {CorpusReferences.FrameworkSource}");
            Console.WriteLine($"// NanAnalyzers analyzers: {all.Length} ({string.Join(", ", all.Select(a => a.GetType().Name))})");
            Console.WriteLine($"// CA2242 analyzers: {string.Join(", ", ca2242.Select(a => a.GetType().FullName))}");
        }

        [Benchmark(Baseline = true, Description = "No analyzer (compile)")]
        public int NoAnalyzer() => corpus.Compile().Length;

        [Benchmark(Description = "Empty analyzer")]
        public Task<int> Empty() => Run(empty);

        [Benchmark(Description = "Operation floor (asks for operations, does nothing)")]
        public Task<int> Floor() => Run(floor);

        [Benchmark(Description = "All NanAnalyzers rules")]
        public Task<int> AllRules() => Run(all);

        [Benchmark(Description = "CA2242 (NetAnalyzers)")]
        public Task<int> Ca2242() => Run(ca2242);

        private async Task<int> Run(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var diagnostics = await corpus.CompileWithAnalyzersAsync(analyzers).ConfigureAwait(false);
            return diagnostics.Length;
        }
    }
}

namespace NanAnalyzers.Benchmarks
{
    /// <summary>Each rule family alone (an analyzer that reports rules of several families counts in each), at N = 250.</summary>
    [MemoryDiagnoser]
    [Config(typeof(AnalyzerConfig))]
    public class AnalyzerFamilyBenchmarks
    {
        private CorpusCompilation corpus = null!;
        private readonly Dictionary<string, ImmutableArray<DiagnosticAnalyzer>> families = new Dictionary<string, ImmutableArray<DiagnosticAnalyzer>>();
        private ImmutableArray<DiagnosticAnalyzer> all;

        [Params(250)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            WarmUp.Once();
            corpus = new CorpusCompilation(N);
            all = AnalyzerCatalog.NanAnalyzers;
            foreach (var family in AnalyzerCatalog.Families.Keys)
            {
                var analyzers = AnalyzerCatalog.Family(family);
                families[family] = analyzers.IsEmpty ? ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()) : analyzers;
                Console.WriteLine($"// {family}: {(analyzers.IsEmpty ? "no analyzer yet (empty analyzer measured)" : string.Join(", ", analyzers.Select(a => a.GetType().Name)))}");
            }
        }

        [Benchmark(Baseline = true, Description = "No analyzer (compile)")]
        public int NoAnalyzer() => corpus.Compile().Length;

        [Benchmark(Description = "All NanAnalyzers rules")]
        public Task<int> AllRules() => Run(all);

        [Benchmark(Description = "Domain NAN1xx")]
        public Task<int> Domain() => Run(families["Domain"]);

        [Benchmark(Description = "Stability NAN2xx")]
        public Task<int> Stability() => Run(families["Stability"]);

        [Benchmark(Description = "Comparison NAN3xx")]
        public Task<int> Comparison() => Run(families["Comparison"]);

        [Benchmark(Description = "Training NAN4xx")]
        public Task<int> Training() => Run(families["Training"]);

        private async Task<int> Run(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var diagnostics = await corpus.CompileWithAnalyzersAsync(analyzers).ConfigureAwait(false);
            return diagnostics.Length;
        }
    }

    /// <summary>
    /// One compile with every analyzer over a small corpus before the first measurement, so that no
    /// benchmark pays for JIT-compiling the compiler or the analyzers (the benchmarks run in one process).
    /// </summary>
    internal static class WarmUp
    {
        private static bool done;

        public static void Once()
        {
            if (done)
            {
                return;
            }

            done = true;
            var corpus = new CorpusCompilation(60, seed: 99);
            corpus.Compile();
            corpus.CompileWithAnalyzersAsync(AnalyzerCatalog.NanAnalyzers.AddRange(AnalyzerCatalog.Ca2242).Add(new EmptyAnalyzer()).Add(new OperationFloorAnalyzer())).GetAwaiter().GetResult();
        }
    }
}

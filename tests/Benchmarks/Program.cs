using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using NanAnalyzers.Corpus;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/Benchmarks -- [--short] [--sizes N,...] [BenchmarkDotNet arguments]</c>, e.g.
    /// <c>--filter '*AnalyzerBenchmarks*'</c> or <c>--filter '*NanGuard*' --short</c>;
    /// <c>-- corpus DIR [N] [SEED]</c> writes the corpus; <c>-- profile [N]</c> prints each analyzer's own time.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "corpus")
            {
                return WriteCorpus(args);
            }

            if (args.Length > 0 && args[0] == "profile")
            {
                return Profile(args);
            }

            if (args.Length > 0 && args[0] == "repeat")
            {
                return Repeat(args);
            }

            if (args.Length > 0 && args[0] == "compare")
            {
                return Compare(args);
            }

            if (args.Length > 0 && args[0] == "ranges")
            {
                return Ranges(args);
            }

            var rest = new List<string>();
            for (int a = 0; a < args.Length; a++)
            {
                string arg = args[a];
                if (arg == "--short")
                {
                    BenchmarkSettings.Short = true;
                }
                else if (arg == "--sizes" && a + 1 < args.Length)
                {
                    BenchmarkSettings.Sizes = Array.ConvertAll(args[++a].Split(','), v => int.Parse(v, CultureInfo.InvariantCulture));
                }
                else
                {
                    rest.Add(arg);
                }
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.ToArray());
            return 0;
        }

        private static int WriteCorpus(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: corpus DIR [N=1000] [SEED=1]");
                return 2;
            }

            int n = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
            int seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
            Directory.CreateDirectory(args[1]);
            foreach (var file in CorpusGenerator.Generate(n, seed))
            {
                File.WriteAllText(Path.Combine(args[1], file.Name), file.Text);
            }

            Console.WriteLine($"wrote {n} files to {args[1]}");
            return 0;
        }

        /// <summary>
        /// <c>-- repeat [N] [K]</c>: compiles the corpus with every NanAnalyzers rule K times (for a sampling profiler:
        /// <c>DOTNET_PerfMapEnabled=1 perf record -g dotnet ... -- repeat 1000 5</c>).
        /// </summary>
        private static int Repeat(string[] args)
        {
            int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
            int k = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
            var corpus = new CorpusCompilation(n);
            for (int i = 0; i < k; i++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var count = corpus.CompileWithAnalyzersAsync(AnalyzerCatalog.NanAnalyzers).GetAwaiter().GetResult().Length;
                var elapsed = watch.Elapsed.TotalMilliseconds;
                var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                Console.WriteLine($"compile {i + 1}: {elapsed:F0} ms, {megabytes:F0} MB allocated, {count} diagnostics, gen2 collections so far {GC.CollectionCount(2)}");
            }

            return 0;
        }

        /// <summary>
        /// <c>-- compare N K SET...</c>: K rounds, each compiling the corpus once with every SET in turn, then the fastest
        /// compile of each SET and its ratio to the first, in wall-clock time and in the process's processor time (steadier
        /// on a shared machine: another process's load changes it less). A SET is <c>none</c> (no analyzer), <c>empty</c>, <c>all</c>,
        /// <c>ca2242</c>, <c>floor</c> (an operation analyzer doing nothing) or <c>floor15</c> (15 of them), analyzer type names joined by <c>+</c>, or <c>all-Name-Name</c> (every rule but those).
        /// </summary>
        private static int Compare(string[] args)
        {
            if (args.Length < 4)
            {
                Console.Error.WriteLine("usage: compare N K SET [SET...]   (SET: none, empty, all, ca2242, floor, floorN, A+B, all-A-B)");
                return 2;
            }

            int n = int.Parse(args[1], CultureInfo.InvariantCulture);
            int k = int.Parse(args[2], CultureInfo.InvariantCulture);
            var sets = args.Skip(3).ToArray();
            var corpus = new CorpusCompilation(n);
            var analyzerSets = sets.Select(set => set == "none" ? (ImmutableArray<DiagnosticAnalyzer>?)null : ParseSet(set)).ToArray();
            var best = new double[sets.Length];
            var bestCpu = new double[sets.Length];
            var megabytes = new double[sets.Length];
            for (int s = 0; s < sets.Length; s++)
            {
                best[s] = double.MaxValue;
                bestCpu[s] = double.MaxValue;
            }

            for (int round = 0; round < k + 1; round++)
            {
                for (int s = 0; s < sets.Length; s++)
                {
                    var set = analyzerSets[s];
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    if (set is null)
                    {
                        corpus.Compile();
                    }
                    else
                    {
                        corpus.CompileWithAnalyzersAsync(set.Value).GetAwaiter().GetResult();
                    }

                    var elapsed = watch.Elapsed.TotalMilliseconds;
                    var cpuElapsed = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                    if (round > 0)
                    {
                        best[s] = Math.Min(best[s], elapsed);
                        bestCpu[s] = Math.Min(bestCpu[s], cpuElapsed);
                        megabytes[s] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                    }
                }
            }

            for (int s = 0; s < sets.Length; s++)
            {
                Console.WriteLine($"  {sets[s],-60} {best[s],8:F0} ms {best[s] / best[0],6:F2}x   cpu {bestCpu[s],8:F0} ms {bestCpu[s] / bestCpu[0],6:F2}x {megabytes[s],8:F0} MB");
            }

            return 0;
        }

        /// <summary>
        /// <c>-- ranges N K</c>: the shared range analysis alone, on one thread: the control-flow graphs of every method body
        /// of the corpus built K times, then K runs of the engine over all of them; the fastest run's time and allocations.
        /// </summary>
        private static int Ranges(string[] args)
        {
            int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250;
            int k = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
            var compilation = new CorpusCompilation(n).Create();
            var symbols = KnownSymbols.For(compilation);
            var bodies = new List<IOperation>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax method && model.GetOperation(method) is { } body)
                    {
                        bodies.Add(body);
                    }
                }
            }

            List<Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph?> BuildGraphs() => bodies.Select(b => b switch
            {
                Microsoft.CodeAnalysis.Operations.IMethodBodyOperation m => Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(m),
                Microsoft.CodeAnalysis.Operations.IConstructorBodyOperation c => Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(c),
                _ => null,
            }).Where(g => g != null).ToList();

            var graphs = BuildGraphs();
            var graphMs = double.MaxValue;
            for (int round = 0; round < k; round++)
            {
                var graphWatch = System.Diagnostics.Stopwatch.StartNew();
                BuildGraphs();
                graphMs = Math.Min(graphMs, graphWatch.Elapsed.TotalMilliseconds);
            }

            double best = double.MaxValue;
            double megabytes = 0;
            int analysed = 0;
            for (int round = 0; round < k + 1; round++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                analysed = 0;
                foreach (var graph in graphs)
                {
                    if (new NanAnalyzers.Ranges.RangeEngine(graph!, symbols, NanAnalyzers.Ranges.MethodRanges.BodyBudget, 0, default).Run())
                    {
                        analysed++;
                    }
                }

                if (round > 0)
                {
                    best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                    megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                }
            }

            Console.WriteLine($"{graphs.Count} method bodies ({analysed} analysed within budget); building their graphs: fastest {graphMs:F0} ms; engine over all: fastest {best:F1} ms, {megabytes:F1} MB");
            return 0;
        }

        private static ImmutableArray<DiagnosticAnalyzer> ParseSet(string set)
        {
            if (set == "empty")
            {
                return ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());
            }

            if (set == "ca2242")
            {
                return AnalyzerCatalog.Ca2242;
            }

            if (set.StartsWith("floor", StringComparison.Ordinal))
            {
                // floor: one operation analyzer that does nothing; floorN: N of them (the driver's cost per analyzer).
                int count = set.Length > 5 ? int.Parse(set.Substring(5), CultureInfo.InvariantCulture) : 1;
                return Enumerable.Range(0, count).Select(_ => (DiagnosticAnalyzer)new OperationFloorAnalyzer()).ToImmutableArray();
            }

            if (set == "all" || set.StartsWith("all-", StringComparison.Ordinal))
            {
                var left = set.Split('-').Skip(1).ToHashSet(StringComparer.Ordinal);
                return AnalyzerCatalog.NanAnalyzers.Where(a => !left.Contains(a.GetType().Name)).ToImmutableArray();
            }

            var names = set.Split('+').ToHashSet(StringComparer.Ordinal);
            return AnalyzerCatalog.NanAnalyzers.Where(a => names.Contains(a.GetType().Name)).ToImmutableArray();
        }

        private static int Profile(string[] args)
        {
            int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 250;
            var corpus = new CorpusCompilation(n);
            var errors = corpus.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Console.WriteLine($"{n} files, {corpus.Lines} lines, NanGuard calls: {corpus.Options.UseNanGuard}, {errors.Count} compiler errors");
            foreach (var e in errors.Take(20))
            {
                Console.WriteLine("  " + e);
            }

            var analyzers = AnalyzerCatalog.NanAnalyzers.AddRange(AnalyzerCatalog.Ca2242);
            var diagnostics = corpus.CompileWithAnalyzersAsync(analyzers).GetAwaiter().GetResult();
            foreach (var group in diagnostics.Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal) || d.Id.StartsWith("CA", StringComparison.Ordinal))
                         .GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {group.Key}: {group.Count()}");
            }

            // Each analyzer alone, its compile minus the empty analyzer's (the fastest of three compiles each): a rough
            // share for finding where the time goes, not a benchmark (that is AnalyzerFamilyBenchmarks).
            (double Milliseconds, double Megabytes) Fastest(ImmutableArray<DiagnosticAnalyzer> set)
            {
                double best = double.MaxValue;
                double megabytes = 0;
                for (int i = 0; i < 3; i++)
                {
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    corpus.CompileWithAnalyzersAsync(set).GetAwaiter().GetResult();
                    best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                    megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                }

                return (best, megabytes);
            }

            var empty = Fastest(ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer()));
            Console.WriteLine($"  {"empty analyzer (the driver)",-40} {empty.Milliseconds,8:F0} ms {empty.Megabytes,8:F0} MB");
            foreach (var analyzer in analyzers)
            {
                var alone = Fastest(ImmutableArray.Create(analyzer));
                Console.WriteLine($"  {analyzer.GetType().Name,-40} {alone.Milliseconds - empty.Milliseconds,8:F0} ms {alone.Megabytes - empty.Megabytes,8:F0} MB over the empty analyzer");
            }

            var all = Fastest(AnalyzerCatalog.NanAnalyzers);
            Console.WriteLine($"  {"all NanAnalyzers rules",-40} {all.Milliseconds - empty.Milliseconds,8:F0} ms {all.Megabytes - empty.Megabytes,8:F0} MB over the empty analyzer");

            return errors.Count == 0 ? 0 : 1;
        }
    }
}

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

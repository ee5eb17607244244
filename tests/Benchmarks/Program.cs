using System;
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
    /// <c>dotnet run -c Release --project tests/Benchmarks -- [--short] [BenchmarkDotNet arguments]</c>, e.g.
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

            var rest = new List<string>();
            foreach (var arg in args)
            {
                if (arg == "--short")
                {
                    BenchmarkSettings.Short = true;
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

            foreach (var (analyzer, time) in corpus.ProfileAsync(analyzers).GetAwaiter().GetResult())
            {
                Console.WriteLine($"  {analyzer.GetType().Name,-40} {time.TotalMilliseconds,10:F0} ms");
            }

            return errors.Count == 0 ? 0 : 1;
        }
    }
}

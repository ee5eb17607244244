using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NanAnalyzers.Corpus;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>Parses a generated corpus once and compiles it, with or without analyzers.</summary>
    public sealed class CorpusCompilation
    {
        private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);

        private static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, concurrentBuild: true, deterministic: true);

        public CorpusCompilation(int files, int seed = 1)
        {
            Options = new CorpusOptions { UseNanGuard = NanGuardApiPresent() };
            Trees = CorpusGenerator.Generate(files, seed, Options)
                .Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, path: f.Name))
                .ToImmutableArray();
            Lines = Trees.Sum(t => t.GetText().Lines.Count);
        }

        public ImmutableArray<SyntaxTree> Trees { get; }

        public CorpusOptions Options { get; }

        /// <summary>
        /// Whether the NanGuard assembly has the API the guarded corpus calls (while the runtime library is
        /// being written, the corpus is generated without NanGuard calls).
        /// </summary>
        public static bool NanGuardApiPresent()
        {
            var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName("NanGuard"));
            return new[] { "NanGuard.SafeMath", "NanGuard.StableMath", "NanGuard.GradientClipping", "NanGuard.InputValidation" }
                .All(name => assembly.GetType(name) != null);
        }

        public int Lines { get; }

        /// <summary>A fresh compilation of the parsed trees (nothing bound yet).</summary>
        public CSharpCompilation Create() => CSharpCompilation.Create("Corpus", Trees, CorpusReferences.All, CompilationOptions);

        /// <summary>The compiler's own diagnostics: every method body bound, nothing emitted.</summary>
        public ImmutableArray<Diagnostic> Compile() => Create().GetDiagnostics();

        /// <summary>The compiler's and the analyzers' diagnostics, analysed concurrently as in a build.</summary>
        public Task<ImmutableArray<Diagnostic>> CompileWithAnalyzersAsync(ImmutableArray<DiagnosticAnalyzer> analyzers, Action<Exception, DiagnosticAnalyzer, Diagnostic>? onException = null)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onException ?? ((e, a, d) => throw new InvalidOperationException(a.GetType().Name + " threw: " + e, e)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            return Create().WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None);
        }
    }
}

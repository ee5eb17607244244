using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Training
{
    /// <summary>Runs a training analyzer on code that does not compile (half-typed code) and asserts it does not throw.</summary>
    internal static class TrainingTestSupport
    {
        public static async Task AssertDoesNotThrowAsync(DiagnosticAnalyzer analyzer, string source, bool withMLNet = false)
        {
            var references = await TestReferences.ResolveAllAsync(withMLNet).ConfigureAwait(false);
            var compilation = CSharpCompilation.Create(
                "HalfTyped",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, _, _) => { lock (exceptions) { exceptions.Add(exception.ToString()); } },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            Assert.Empty(exceptions);
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        }
    }
}

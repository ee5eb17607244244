using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using NanAnalyzers.Tests.Ranges;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>What the domain tests need beyond <see cref="Verify{TAnalyzer}"/>: System.Numerics.Tensors, half-typed code.</summary>
    internal static class DomainTestSupport
    {
        /// <summary>The default references plus the real System.Numerics.Tensors 10.0.0 (TensorPrimitives).</summary>
        public static readonly ReferenceAssemblies WithTensors = TestReferences.Default.AddPackages(ImmutableArray.Create(
            new PackageIdentity("System.Numerics.Tensors", "10.0.0")));

        /// <summary>Runs <typeparamref name="TAnalyzer"/> over code that need not compile and returns its diagnostics; fails on any analyzer exception.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeBrokenCodeAsync<TAnalyzer>(string source)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var compilation = await RangeHarness.CompileAsync(source, allowErrors: true).ConfigureAwait(false);
            var exceptions = new ConcurrentBag<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, diagnostic) => exceptions.Add(exception),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()), options);
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            Assert.True(exceptions.IsEmpty, "The analyzer threw: " + string.Join("\n", exceptions));
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            return diagnostics;
        }

        /// <summary>The analyzer against <see cref="WithTensors"/>.</summary>
        public static async Task AnalyzeWithTensorsAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source, ReferenceAssemblies = WithTensors };
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>The fix registered under <paramref name="equivalenceKey"/>, against <see cref="WithTensors"/> and the real NanGuard.</summary>
        public static async Task FixWithTensorsAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, string equivalenceKey)
            where TAnalyzer : DiagnosticAnalyzer, new()
            where TCodeFix : CodeFixProvider, new()
        {
            var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
            {
                TestCode = source,
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
                ReferenceAssemblies = WithTensors,
            };
            test.TestState.AdditionalReferences.Add(TestReferences.NanGuard);
            await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>The message of the single diagnostic <typeparamref name="TAnalyzer"/> reports in <paramref name="source"/>.</summary>
        public static async Task<string> SingleMessageAsync<TAnalyzer>(string source)
            where TAnalyzer : DiagnosticAnalyzer, new()
        {
            var diagnostics = await AnalyzeBrokenCodeAsync<TAnalyzer>(source).ConfigureAwait(false);
            var diagnostic = Assert.Single(diagnostics.Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal)));
            return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace NanAnalyzers.Tests.Verification
{
    /// <summary>What a test compiles against, and how.</summary>
    public sealed class TestOptions
    {
        /// <summary>Add the real NanGuard assembly (the fixes then offer the NanGuard form).</summary>
        public bool WithNanGuard { get; set; }

        /// <summary>Add ML.NET 5.0.1 to the references.</summary>
        public bool WithMLNet { get; set; }

        /// <summary>The body of an <c>.editorconfig</c> <c>[*.cs]</c> section, e.g. <c>nan_analyzers.epsilon = 1e-9</c>.</summary>
        public string? EditorConfig { get; set; }

        /// <summary>Compile as a console program instead of a library.</summary>
        public bool Executable { get; set; }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.CSharp12;
    }

    /// <summary>
    /// Verifies an analyzer alone. Markup: <c>[|x|]</c> for the analyzer's only rule,
    /// <c>{|NAN101:x|}</c> for a named rule, <c>{|#0:x|}</c> with an explicit <see cref="DiagnosticResult"/>.
    /// The test fails on any unexpected diagnostic, compiler errors included.
    /// </summary>
    public static class Verify<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
            => AnalyzerAsync(source, new TestOptions(), expected);

        public static async Task AnalyzerAsync(string source, TestOptions options, params DiagnosticResult[] expected)
        {
            var test = new AnalyzerTest { TestCode = source };
            Configure(test, options);
            test.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }

        internal static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, TestOptions options)
            where TVerifier : IVerifier, new()
        {
            test.ReferenceAssemblies = TestReferences.Default;
            test.TestState.AdditionalReferences.AddRange(TestReferences.Packages(options.WithMLNet));
            if (options.WithNanGuard)
            {
                test.TestState.AdditionalReferences.Add(TestReferences.NanGuard);
            }

            if (options.EditorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + options.EditorConfig + "\n"));
            }

            if (options.Executable)
            {
                test.TestState.OutputKind = OutputKind.ConsoleApplication;
            }

            var languageVersion = options.LanguageVersion;
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(languageVersion);
                var compilationOptions = project.CompilationOptions!.WithSpecificDiagnosticOptions(
                    project.CompilationOptions.SpecificDiagnosticOptions.SetItems(CompilerWarningsToIgnore));
                return solution.WithProjectParseOptions(projectId, parseOptions)
                               .WithProjectCompilationOptions(projectId, compilationOptions);
            });
        }

        /// <summary>
        /// Compiler warnings that say nothing about a rule (unused locals and the like in small test
        /// methods). Errors are never ignored: code that does not compile fails the test.
        /// </summary>
        private static readonly System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>[] CompilerWarningsToIgnore =
        {
            new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS0168", ReportDiagnostic.Suppress),
            new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS0219", ReportDiagnostic.Suppress),
            new System.Collections.Generic.KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress),
        };

        private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
        }
    }

    /// <summary>
    /// Verifies an analyzer with its fixer: the diagnostics before, the exact fixed text, that the fixed
    /// text compiles (compiler errors fail the test) and carries no diagnostic of the rule any more, and,
    /// by the testing library's default, that FixAll in document, project and solution scope gives the
    /// same text.
    /// </summary>
    public static class Verify<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

        public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
            => Verify<TAnalyzer>.AnalyzerAsync(source, expected);

        public static Task AnalyzerAsync(string source, TestOptions options, params DiagnosticResult[] expected)
            => Verify<TAnalyzer>.AnalyzerAsync(source, options, expected);

        /// <summary>Applies the fix registered under <paramref name="equivalenceKey"/> (null: the first offered).</summary>
        public static Task CodeFixAsync(string source, string fixedSource, string? equivalenceKey = null, TestOptions? options = null, params DiagnosticResult[] expected)
            => CodeFixAsync(source, fixedSource, equivalenceKey, options, expected, null);

        public static Task CodeFixAsync(string source, string fixedSource, string? equivalenceKey, TestOptions? options, DiagnosticResult[] expected, DiagnosticResult[]? expectedAfterFix)
            => CodeFixAsync(source, fixedSource, null, equivalenceKey, options, expected, expectedAfterFix);

        /// <summary>
        /// As above, where FixAll gives <paramref name="batchFixedSource"/> (with no diagnostic of the rule left) and the
        /// fixes one by one give <paramref name="fixedSource"/>: FixAll applies the requested kind where it is offered
        /// and each other diagnostic's first fix.
        /// </summary>
        public static async Task CodeFixAsync(string source, string fixedSource, string? batchFixedSource, string? equivalenceKey, TestOptions? options, DiagnosticResult[] expected, DiagnosticResult[]? expectedAfterFix)
        {
            var test = new CodeFixTest
            {
                TestCode = source,
                FixedCode = fixedSource,
                CodeActionEquivalenceKey = equivalenceKey,
            };
            if (batchFixedSource != null)
            {
                test.BatchFixedCode = batchFixedSource;
            }

            Verify<TAnalyzer>.Configure(test, options ?? new TestOptions());
            test.ExpectedDiagnostics.AddRange(expected);
            if (expectedAfterFix != null)
            {
                test.FixedState.ExpectedDiagnostics.AddRange(expectedAfterFix);
            }

            await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>Asserts that no fix is offered for the diagnostics in <paramref name="source"/>.</summary>
        public static async Task NoCodeFixAsync(string source, TestOptions? options = null, params DiagnosticResult[] expected)
        {
            var test = new CodeFixTest
            {
                TestCode = source,
                FixedCode = source,
            };
            Verify<TAnalyzer>.Configure(test, options ?? new TestOptions());
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(expected);
            await test.RunAsync(CancellationToken.None).ConfigureAwait(false);
        }

        private sealed class CodeFixTest : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NanAnalyzers.Corpus;
using NanAnalyzers.Tests.Verification;

namespace NanAnalyzers.Tests.Robustness
{
    /// <summary>
    /// What the robustness tests run: every analyzer and every fixer of the shipped assemblies (found by
    /// reflection, so every rule that lands is covered), over inputs compiled against the real references.
    /// </summary>
    public static class RobustnessHarness
    {
        /// <summary><c>NAN_ROBUSTNESS_FULL=1</c>: every cut point of every input instead of a seeded sample.</summary>
        public static bool Full => Environment.GetEnvironmentVariable("NAN_ROBUSTNESS_FULL") == "1";

        public static readonly CSharpParseOptions TestParseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);

        public static readonly CSharpCompilationOptions TestCompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, concurrentBuild: true, deterministic: true);

        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> AnalyzersValue = new Lazy<ImmutableArray<DiagnosticAnalyzer>>(() =>
            Instances<DiagnosticAnalyzer>(Assembly.Load(new AssemblyName("NanAnalyzers")),
                t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>(false).Any(a => a.Languages.Contains(LanguageNames.CSharp))));

        private static readonly Lazy<ImmutableArray<CodeFixProvider>> FixersValue = new Lazy<ImmutableArray<CodeFixProvider>>(() =>
            Instances<CodeFixProvider>(Assembly.Load(new AssemblyName("NanAnalyzers.CodeFixes")),
                t => t.GetCustomAttributes<ExportCodeFixProviderAttribute>(false).Any(a => a.Languages.Contains(LanguageNames.CSharp))));

        private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> ReferencesValue = new Lazy<Task<ImmutableArray<MetadataReference>>>(
            () => TestReferences.ResolveAllAsync(withMLNet: true, withNanGuard: true));

        /// <summary>Every <c>[DiagnosticAnalyzer]</c> of NanAnalyzers.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers => AnalyzersValue.Value;

        /// <summary>Every <c>[ExportCodeFixProvider]</c> of NanAnalyzers.CodeFixes.</summary>
        public static ImmutableArray<CodeFixProvider> Fixers => FixersValue.Value;

        /// <summary>.NET 8, TorchSharp, MathNet, ML.NET and NanGuard.</summary>
        public static Task<ImmutableArray<MetadataReference>> ReferencesAsync() => ReferencesValue.Value;

        /// <summary>The corpus options that fit the NanGuard assembly this test run has.</summary>
        public static CorpusOptions CorpusOptions()
        {
            var assembly = Assembly.Load(new AssemblyName("NanGuard"));
            bool api = new[] { "NanGuard.SafeMath", "NanGuard.StableMath", "NanGuard.GradientClipping", "NanGuard.InputValidation" }
                .All(name => assembly.GetType(name) != null);
            return new CorpusOptions { UseNanGuard = api };
        }

        private static ImmutableArray<T> Instances<T>(Assembly assembly, Func<Type, bool> exported)
        {
            return assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && exported(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        // ---------------------------------------------------------------- inputs

        /// <summary>One C# source the tests cut up.</summary>
        public sealed class Input
        {
            public Input(string name, string text)
            {
                Name = name;
                Text = text;
            }

            public string Name { get; }

            public string Text { get; }

            public override string ToString() => Name;
        }

        /// <summary>Every <c>samples/**/*.cs</c>.</summary>
        public static IReadOnlyList<Input> Samples()
        {
            var root = RepositoryPaths.Combine("samples");
            return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new Input(Path.GetRelativePath(RepositoryPaths.Root, f), File.ReadAllText(f)))
                .ToList();
        }

        /// <summary>Generated corpus files (seed 7).</summary>
        public static IReadOnlyList<Input> CorpusInputs(int count)
            => CorpusGenerator.Generate(count, 7, CorpusOptions()).Select(f => new Input("corpus/" + f.Name, f.Text)).ToList();

        private static readonly Regex MarkupOpen = new Regex(@"\{\|[^:{}|]*:|\[\|", RegexOptions.Compiled);
        private static readonly Regex MarkupClose = new Regex(@"\|\}|\|\]", RegexOptions.Compiled);

        /// <summary>
        /// The C# test inputs of the other tests: every string literal of <c>tests/NanAnalyzers.Tests/**/*.cs</c>
        /// (outside Robustness) that holds a type declaration, with the test markup (<c>{|NAN101:</c>, <c>|}</c>,
        /// <c>[|</c>, <c>|]</c>) removed.
        /// </summary>
        public static IReadOnlyList<Input> TestInputs()
        {
            var root = RepositoryPaths.Combine("tests", "NanAnalyzers.Tests");
            var result = new List<Input>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
                if (relative.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || relative.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || relative.Contains(Path.DirectorySeparatorChar + "Robustness" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), TestParseOptions);
                int n = 0;
                foreach (var literal in tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (!literal.IsKind(SyntaxKind.StringLiteralExpression))
                    {
                        continue;
                    }

                    var value = literal.Token.ValueText;
                    if (!Regex.IsMatch(value, @"\b(class|struct|record|interface)\s+\w"))
                    {
                        continue;
                    }

                    var text = MarkupClose.Replace(MarkupOpen.Replace(value, string.Empty), string.Empty);
                    if (seen.Add(text))
                    {
                        result.Add(new Input(relative + "#" + (n++).ToString(System.Globalization.CultureInfo.InvariantCulture), text));
                    }
                }
            }

            return result;
        }

        /// <summary>The ends of the tokens of <paramref name="text"/>: where a half-typed file can stop.</summary>
        public static IReadOnlyList<int> TokenEnds(string text)
        {
            var root = CSharpSyntaxTree.ParseText(text, TestParseOptions).GetRoot();
            return root.DescendantTokens(descendIntoTrivia: false).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0)
                .Select(t => t.Span.End).Distinct().OrderBy(e => e).ToList();
        }

        /// <summary>The token spans of <paramref name="text"/>.</summary>
        public static IReadOnlyList<TextSpan> TokenSpans(string text)
        {
            var root = CSharpSyntaxTree.ParseText(text, TestParseOptions).GetRoot();
            return root.DescendantTokens(descendIntoTrivia: false).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0)
                .Select(t => t.Span).ToList();
        }

        // ---------------------------------------------------------------- analysis

        /// <summary>What one analysis saw: the diagnostics, and every exception an analyzer threw.</summary>
        public sealed class AnalysisResult
        {
            public AnalysisResult(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<string> exceptions)
            {
                Diagnostics = diagnostics;
                Exceptions = exceptions;
            }

            public ImmutableArray<Diagnostic> Diagnostics { get; }

            /// <summary>Analyzer exceptions (the callback) and AD0001 diagnostics, described.</summary>
            public IReadOnlyList<string> Exceptions { get; }
        }

        /// <summary>Runs <paramref name="analyzers"/> over <paramref name="compilation"/>, collecting every analyzer exception.</summary>
        public static async Task<AnalysisResult> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent = true)
        {
            if (analyzers.IsEmpty)
            {
                return new AnalysisResult(ImmutableArray<Diagnostic>.Empty, Array.Empty<string>());
            }

            var exceptions = new ConcurrentQueue<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (e, a, d) => exceptions.Enqueue(a.GetType().Name + ": " + e.GetType().Name + ": " + e.Message + "\n" + e.StackTrace),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var d in diagnostics.Where(d => d.Id == "AD0001"))
            {
                exceptions.Enqueue(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }

            return new AnalysisResult(diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), exceptions.ToList());
        }

        // ---------------------------------------------------------------- workspaces and fixes

        /// <summary>A one-project solution of <paramref name="sources"/> (name, text).</summary>
        public static async Task<(AdhocWorkspace Workspace, Project Project)> CreateProjectAsync(IEnumerable<(string Name, string Text)> sources)
        {
            var references = await ReferencesAsync().ConfigureAwait(false);
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var info = ProjectInfo.Create(projectId, VersionStamp.Default, "Robustness", "Robustness", LanguageNames.CSharp,
                compilationOptions: TestCompilationOptions, parseOptions: TestParseOptions, metadataReferences: references);
            var solution = workspace.CurrentSolution.AddProject(info);
            foreach (var (name, text) in sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: "/" + name);
            }

            return (workspace, solution.GetProject(projectId)!);
        }

        private static readonly PropertyInfo? NestedActionsProperty =
            typeof(CodeAction).GetProperty("NestedActions", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        /// <summary>The actions a fixer offers for <paramref name="diagnostic"/>, nested actions flattened.</summary>
        public static async Task<IReadOnlyList<CodeAction>> GetFixesAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            var flat = new List<CodeAction>();
            void Add(CodeAction action)
            {
                var nested = NestedActionsProperty?.GetValue(action) is ImmutableArray<CodeAction> n && !n.IsDefaultOrEmpty ? n : ImmutableArray<CodeAction>.Empty;
                if (nested.IsEmpty)
                {
                    flat.Add(action);
                }
                else
                {
                    foreach (var inner in nested)
                    {
                        Add(inner);
                    }
                }
            }

            foreach (var action in actions)
            {
                Add(action);
            }

            return flat;
        }

        /// <summary>Applies <paramref name="action"/>: the solution after its operations (every changed document's text computed).</summary>
        public static async Task<Solution> ApplyAsync(CodeAction action, Solution solution)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var result = solution;
            foreach (var operation in operations.OfType<ApplyChangesOperation>())
            {
                result = operation.ChangedSolution;
            }

            foreach (var projectChanges in result.GetChanges(solution).GetProjectChanges())
            {
                foreach (var id in projectChanges.GetChangedDocuments())
                {
                    var document = result.GetDocument(id)!;
                    await document.GetTextAsync().ConfigureAwait(false);
                    await document.GetSyntaxRootAsync().ConfigureAwait(false);
                }
            }

            return result;
        }

        /// <summary>The comments of a tree (single-line, multi-line and documentation), as text.</summary>
        public static IEnumerable<string> Comments(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    yield return trivia.ToString().Trim();
                }
                else if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                {
                    yield return Regex.Replace(trivia.ToFullString(), @"\s+", " ").Trim();
                }
            }
        }

        /// <summary>A diagnostic provider for FixAll that analyses each project once per solution snapshot.</summary>
        public sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
            private readonly ImmutableHashSet<string> ids;
            private readonly ConcurrentDictionary<ProjectId, Task<ImmutableArray<Diagnostic>>> cache = new ConcurrentDictionary<ProjectId, Task<ImmutableArray<Diagnostic>>>();

            public DiagnosticProvider(ImmutableArray<DiagnosticAnalyzer> analyzers, IEnumerable<string> ids)
            {
                this.analyzers = analyzers;
                this.ids = ids.ToImmutableHashSet(StringComparer.Ordinal);
            }

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await ProjectDiagnosticsAsync(project).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                var all = await ProjectDiagnosticsAsync(document.Project).ConfigureAwait(false);
                return all.Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult(Enumerable.Empty<Diagnostic>());

            private Task<ImmutableArray<Diagnostic>> ProjectDiagnosticsAsync(Project project)
                => cache.GetOrAdd(project.Id, async _ =>
                {
                    var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
                    var result = await AnalyzeAsync(compilation, analyzers).ConfigureAwait(false);
                    if (result.Exceptions.Count > 0)
                    {
                        throw new InvalidOperationException("An analyzer threw during FixAll: " + result.Exceptions[0]);
                    }

                    return result.Diagnostics.Where(d => ids.Contains(d.Id)).ToImmutableArray();
                });
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NanAnalyzers.Corpus;
using Xunit;
using Xunit.Abstractions;
using static NanAnalyzers.Tests.Robustness.RobustnessHarness;

namespace NanAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Fix safety: for every fixer and every kind of fix it offers (equivalence key), FixAll in solution scope
    /// over a generated corpus yields code with no new compiler error, every comment kept, and no diagnostic
    /// of the fixed rules left where any fix is still offered: FixAll fixes all, whichever kind it was asked for
    /// (<c>dotnet format</c> asks for the kind first offered on the first diagnostic it meets).
    /// </summary>
    public class FixSafetyTests
    {
        private readonly ITestOutputHelper output;

        public FixSafetyTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task FixAllOfEveryFixKindKeepsTheCorpusCompilingWithItsComments()
        {
            var files = CorpusGenerator.Generate(Full ? 120 : 16, 31, CorpusOptions());
            var (workspace, project) = await CreateProjectAsync(files.Select(f => (f.Name, f.Text)));
            using (workspace)
            {
                var solution = project.Solution;
                var before = (await project.GetCompilationAsync())!;
                var errorsBefore = Errors(before);
                Assert.Empty(errorsBefore);
                var analysis = await AnalyzeAsync(before, Analyzers);
                Assert.Empty(analysis.Exceptions);
                var commentsBefore = await CommentsAsync(project);

                var failures = new List<string>();
                int kinds = 0;
                foreach (var fixer in Fixers)
                {
                    var fixable = analysis.Diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToList();
                    var keys = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                    var offered = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var diagnostic in fixable)
                    {
                        var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
                        foreach (var action in await GetFixesAsync(fixer, document, diagnostic))
                        {
                            var key = action.EquivalenceKey ?? "(no key: " + action.Title + ")";
                            if (!keys.TryGetValue(key, out var ids))
                            {
                                keys[key] = ids = new HashSet<string>(StringComparer.Ordinal);
                            }

                            ids.Add(diagnostic.Id);
                            offered[key] = offered.TryGetValue(key, out var n) ? n + 1 : 1;
                        }
                    }

                    var fixAll = fixer.GetFixAllProvider();
                    foreach (var (key, ids) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
                    {
                        kinds++;
                        var name = $"{fixer.GetType().Name} [{key}] ({string.Join(",", ids.OrderBy(i => i, StringComparer.Ordinal))})";
                        if (KeyProblem(key) is string problem)
                        {
                            failures.Add(name + ": " + problem);
                            continue;
                        }

                        if (fixAll == null || !fixAll.GetSupportedFixAllScopes().Contains(FixAllScope.Solution))
                        {
                            failures.Add(name + ": no FixAll in solution scope");
                            continue;
                        }

                        var first = fixable.First(d => ids.Contains(d.Id));
                        var context = new FixAllContext(
                            solution.GetDocument(first.Location.SourceTree)!, fixer, FixAllScope.Solution, key, ids,
                            new DiagnosticProvider(Analyzers, ids), CancellationToken.None);
                        var fixAllAction = await fixAll.GetFixAsync(context);
                        if (fixAllAction == null)
                        {
                            failures.Add(name + ": FixAll produced no action");
                            continue;
                        }

                        var fixedSolution = await ApplyAsync(fixAllAction, solution);
                        var fixedProject = fixedSolution.GetProject(project.Id)!;
                        var after = (await fixedProject.GetCompilationAsync())!;

                        var newErrors = Errors(after);
                        foreach (var error in newErrors.Take(5))
                        {
                            failures.Add($"{name}: compiler error after FixAll: {error}\n    {LineOf(error)}");
                        }

                        var commentsAfter = await CommentsAsync(fixedProject);
                        foreach (var lost in Lost(commentsBefore, commentsAfter).Take(5))
                        {
                            failures.Add($"{name}: comment lost: {lost}");
                        }

                        var reanalysis = await AnalyzeAsync(after, Analyzers);
                        foreach (var exception in reanalysis.Exceptions.Take(3))
                        {
                            failures.Add($"{name}: analyzer threw on the fixed code: {exception}");
                        }

                        int left = 0;
                        int remaining = 0;
                        foreach (var diagnostic in reanalysis.Diagnostics.Where(d => ids.Contains(d.Id)))
                        {
                            remaining++;
                            var document = fixedSolution.GetDocument(diagnostic.Location.SourceTree)!;
                            var again = await GetFixesAsync(fixer, document, diagnostic);
                            if (again.Count > 0)
                            {
                                left++;
                                if (left <= 3)
                                {
                                    failures.Add($"{name}: {diagnostic.Id} left after FixAll where a fix is offered again: {diagnostic.Location.GetLineSpan()}\n    {LineOf(diagnostic)}");
                                }
                            }
                        }

                        int fixableBefore = fixable.Count(d => ids.Contains(d.Id));
                        output.WriteLine($"{name}: offered on {offered[key]} of {fixableBefore} diagnostics; after FixAll {remaining} remain ({left} still offered a fix); new errors {newErrors.Count}");
                    }
                }

                output.WriteLine($"{files.Count} files, {analysis.Diagnostics.Length} diagnostics, {Fixers.Length} fixers, {kinds} fix kinds, {failures.Count} failures");
                Assert.True(failures.Count == 0, string.Join("\n", failures));
            }

            static string? KeyProblem(string key) => key.StartsWith("(no key", StringComparison.Ordinal) ? "a code action without an equivalence key cannot take part in FixAll" : null;
        }

        private static List<Diagnostic> Errors(Compilation compilation)
            => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        private static string LineOf(Diagnostic diagnostic)
        {
            var tree = diagnostic.Location.SourceTree;
            if (tree == null)
            {
                return string.Empty;
            }

            var line = tree.GetText().Lines.GetLineFromPosition(diagnostic.Location.SourceSpan.Start);
            return line.ToString().Trim();
        }

        private static async Task<Dictionary<string, List<string>>> CommentsAsync(Project project)
        {
            var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var document in project.Documents)
            {
                var root = (await document.GetSyntaxRootAsync())!;
                result[document.Name] = Comments(root).ToList();
            }

            return result;
        }

        private static IEnumerable<string> Lost(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after)
        {
            foreach (var (name, comments) in before)
            {
                var remaining = after.TryGetValue(name, out var a) ? a.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count()) : new Dictionary<string, int>();
                foreach (var group in comments.GroupBy(c => c))
                {
                    int kept = remaining.TryGetValue(group.Key, out var n) ? n : 0;
                    if (kept < group.Count())
                    {
                        yield return $"{name}: \"{group.Key}\" ({group.Count()} before, {kept} after)";
                    }
                }
            }
        }
    }
}

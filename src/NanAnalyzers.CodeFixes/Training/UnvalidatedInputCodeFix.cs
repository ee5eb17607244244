using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Training;

namespace NanAnalyzers.CodeFixes.Training
{
    /// <summary>
    /// NAN403, three fixes (NanGuard referenced): reject with <c>InputValidation.EnsureFinite(data, nameof(data));</c>
    /// where the data is complete, repair with <c>InputValidation.NanToNum(data);</c> there, or parse with
    /// <c>InputValidation.ParseFinite(text)</c> (<c>ParseFiniteSingle</c>, <c>TryParseFinite</c>) in place of the parse.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnvalidatedInputCodeFix))]
    [Shared]
    public sealed class UnvalidatedInputCodeFix : CodeFixProvider
    {
        public const string EnsureFiniteKey = "NAN403.EnsureFinite";
        public const string NanToNumKey = "NAN403.NanToNum";
        public const string ParseFiniteKey = "NAN403.ParseFinite";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN403.Id);

        /// <summary>
        /// One pass per document: every chosen fix is applied to the same tree and <c>using NanGuard;</c> is added once
        /// (the batch fixer merges the identical using insertions of three or more fixes ambiguously and drops fixes).
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || model.Compilation.GetTypeByMetadataName("NanGuard.InputValidation") is null)
            {
                return;
            }

            var document = context.Document;
            foreach (var diagnostic in context.Diagnostics)
            {
                foreach (var fix in Plan(diagnostic, root, model, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(fix.Title, ct => ApplyAsync(document, new[] { fix }, ct), fix.Key),
                        diagnostic);
                }
            }
        }

        /// <summary>A fix planned on the current tree: an insertion before <see cref="Anchor"/>, or a parse replacement.</summary>
        private sealed class PlannedFix
        {
            public PlannedFix(string key, string title, SyntaxNode target, SyntaxNode replacement)
            {
                Key = key;
                Title = title;
                Target = target;
                Replacement = replacement;
            }

            public string Key { get; }

            public string Title { get; }

            /// <summary>The anchor statement (insertions) or the parse invocation (replacements).</summary>
            public SyntaxNode Target { get; }

            public SyntaxNode Replacement { get; }

            public bool IsInsertion => Key != ParseFiniteKey;
        }

        private static System.Collections.Generic.List<PlannedFix> Plan(Diagnostic diagnostic, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            var fixes = new System.Collections.Generic.List<PlannedFix>();
            if (diagnostic.Properties.TryGetValue(UnvalidatedInputAnalyzer.DataProperty, out var data) && data != null
                && diagnostic.AdditionalLocations.Count > 0
                && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree
                && Anchor(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true), model, cancellationToken) is StatementSyntax sinkAnchor)
            {
                var anchor = WhereComplete(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true), sinkAnchor);
                // Repair first: it is what `dotnet format` and a plain Fix All apply (the seed remedy, like np.nan_to_num);
                // rejecting with EnsureFinite is the second choice.
                if (diagnostic.Properties.ContainsKey(UnvalidatedInputAnalyzer.NanToNumProperty))
                {
                    var repair = SyntaxFactory.ExpressionStatement(FixUtilities.NanGuardCall("InputValidation", "NanToNum", SyntaxFactory.IdentifierName(data)));
                    fixes.Add(new PlannedFix(NanToNumKey, "Replace non-finite values in '" + data + "' (InputValidation.NanToNum)", anchor, repair));
                }

                if (diagnostic.Properties.ContainsKey(UnvalidatedInputAnalyzer.EnsureProperty))
                {
                    var ensure = SyntaxFactory.ExpressionStatement(FixUtilities.NanGuardCall(
                        "InputValidation",
                        "EnsureFinite",
                        SyntaxFactory.IdentifierName(data),
                        SyntaxFactory.InvocationExpression(
                            SyntaxFactory.IdentifierName("nameof"),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(data)))))));
                    fixes.Add(new PlannedFix(EnsureFiniteKey, "Reject non-finite values in '" + data + "' (InputValidation.EnsureFinite)", anchor, ensure));
                }
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is InvocationExpressionSyntax invocation
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
                && FiniteParse(method) is string replacement
                && invocation.ArgumentList.Arguments.All(a => a.NameColon is null))
            {
                var member = FixUtilities.NanGuardMember("InputValidation", replacement).WithTriviaOf(invocation.Expression);
                fixes.Add(new PlannedFix(ParseFiniteKey, "Parse with InputValidation." + replacement, invocation, invocation.WithExpression(member)));
            }

            return fixes;
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var chosen = new System.Collections.Generic.List<PlannedFix>();
            foreach (var diagnostic in diagnostics)
            {
                var fix = FixUtilities.ChooseForFixAll(Plan(diagnostic, root, model, context.CancellationToken), f => f.Key, context.CodeActionEquivalenceKey);
                if (fix != null)
                {
                    chosen.Add(fix);
                }
            }

            return await ApplyAsync(document, chosen, context.CancellationToken).ConfigureAwait(false);
        }

        /// <summary>Applies <paramref name="fixes"/> (planned on the current tree) together; the same insertion twice is made once.</summary>
        private static async Task<Document> ApplyAsync(Document document, System.Collections.Generic.IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || fixes.Count == 0)
            {
                return document;
            }

            var replacements = fixes.Where(f => !f.IsInsertion)
                .GroupBy(f => f.Target)
                .ToDictionary(g => g.Key, g => g.First().Replacement);
            var insertions = fixes.Where(f => f.IsInsertion)
                .GroupBy(f => (f.Target, Text: f.Replacement.ToString()))
                .Select(g => g.First())
                .ToList();

            var tracked = root.TrackNodes(replacements.Keys.Concat(insertions.Select(i => i.Target)));
            foreach (var pair in replacements)
            {
                var current = tracked.GetCurrentNode(pair.Key);
                if (current != null)
                {
                    tracked = tracked.ReplaceNode(current, pair.Value);
                }
            }

            foreach (var insertion in insertions)
            {
                if (tracked.GetCurrentNode(insertion.Target) is StatementSyntax anchor)
                {
                    tracked = FixUtilities.InsertBefore(tracked, anchor, (StatementSyntax)insertion.Replacement);
                }
            }

            return await FixUtilities.WithNanGuardImportsAsync(document, tracked, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Where the data is complete: right after the statement (a sibling of <paramref name="sinkAnchor"/>) that holds
        /// the parse, so that the check comes before any other use (a standardization, a split) and not only before the
        /// sink; <paramref name="sinkAnchor"/> itself when the parse is in the sink's statement or elsewhere.
        /// </summary>
        private static StatementSyntax WhereComplete(SyntaxNode parse, StatementSyntax sinkAnchor)
        {
            if (sinkAnchor.Parent is BlockSyntax block)
            {
                var holder = parse.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(st => st.Parent == block);
                var index = holder is null ? -1 : block.Statements.IndexOf(holder);
                if (index >= 0 && index < block.Statements.IndexOf(sinkAnchor))
                {
                    return block.Statements[index + 1];
                }
            }

            return sinkAnchor;
        }

        /// <summary>The InputValidation method that parses like <paramref name="method"/> but refuses NaN and Infinity, or null.</summary>
        private static string? FiniteParse(IMethodSymbol method)
        {
            var type = method.ContainingType?.SpecialType;
            var isConvert = method.ContainingType?.ToDisplayString() == "System.Convert";
            var p = method.Parameters.Select(x => x.RefKind == RefKind.Out ? "out" : x.Type.ContainingNamespace?.ToDisplayString() + "." + x.Type.Name).ToArray();
            var signature = string.Join(",", p);
            const string S = "System.String";
            const string F = "System.IFormatProvider";
            const string N = "System.Globalization.NumberStyles";
            if (isConvert)
            {
                var single = method.Name == "ToSingle";
                return signature == S || signature == S + "," + F ? (single ? "ParseFiniteSingle" : "ParseFinite") : null;
            }

            if (type == SpecialType.System_Double)
            {
                if (method.Name == "Parse" && (signature == S || signature == S + "," + F || signature == S + "," + N || signature == S + "," + N + "," + F))
                {
                    return "ParseFinite";
                }

                return method.Name == "TryParse" && (signature == S + ",out" || signature == S + "," + F + ",out") ? "TryParseFinite" : null;
            }

            if (type == SpecialType.System_Single)
            {
                if (method.Name == "Parse" && (signature == S || signature == S + "," + F))
                {
                    return "ParseFiniteSingle";
                }

                return method.Name == "TryParse" && signature == S + ",out" ? "TryParseFiniteSingle" : null;
            }

            return null;
        }

        /// <summary>
        /// The statement before which the data is complete and not yet used: the statement around the sink read
        /// that sits in the block declaring the data (or the method's body, for a field or parameter).
        /// </summary>
        private static StatementSyntax? Anchor(SyntaxNode reference, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = model.GetSymbolInfo(reference, cancellationToken).Symbol;
            BlockSyntax? block;
            if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Length == 1)
            {
                block = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).FirstAncestorOrSelf<BlockSyntax>();
            }
            else
            {
                block = reference.Ancestors().OfType<BlockSyntax>().LastOrDefault();
            }

            return block is null ? null : reference.Ancestors().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
        }
    }
}

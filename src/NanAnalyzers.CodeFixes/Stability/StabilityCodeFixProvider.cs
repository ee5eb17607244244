using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Stability;

namespace NanAnalyzers.CodeFixes.Stability
{
    /// <summary>One fix a stability fixer offers: replace <see cref="Node"/> by <see cref="Replacement"/>.</summary>
    internal sealed class StabilityFix
    {
        public StabilityFix(string title, string equivalenceKey, SyntaxNode node, SyntaxNode replacement)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Node = node;
            Replacement = replacement;
        }

        public string Title { get; }

        public string EquivalenceKey { get; }

        public SyntaxNode Node { get; }

        public SyntaxNode Replacement { get; }
    }

    /// <summary>What a stability fixer computes its fixes from, and where it puts them.</summary>
    internal sealed class FixRequest
    {
        public FixRequest(Document document, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            Document = document;
            Root = root;
            Model = model;
            Stability = StabilityContext.For(model.Compilation);
            CancellationToken = cancellationToken;
        }

        public Document Document { get; }

        public SyntaxNode Root { get; }

        public SemanticModel Model { get; }

        public StabilityContext Stability { get; }

        public CancellationToken CancellationToken { get; }

        public List<StabilityFix> Fixes { get; } = new List<StabilityFix>();

        public void Add(string title, string equivalenceKey, SyntaxNode node, SyntaxNode replacement)
            => Fixes.Add(new StabilityFix(title, equivalenceKey, node, replacement));
    }

    /// <summary>
    /// The base of the NAN201-NAN204 fixers: a fixer computes replacements per diagnostic; a single fix and FixAll
    /// (document, project, solution) apply them the same way. FixAll applies every replacement of a document in one
    /// pass and adds each using directive once: the batch fixer merges text changes and drops the third identical
    /// using-directive insertion as a conflict, which would leave diagnostics behind.
    /// </summary>
    public abstract class StabilityCodeFixProvider : CodeFixProvider
    {
        public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var request = await CreateRequestAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                request.Fixes.Clear();
                ComputeFixes(request, diagnostic);
                foreach (var fix in request.Fixes)
                {
                    var node = fix.Node;
                    var replacement = fix.Replacement;
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            fix.Title,
                            ct => FixUtilities.ApplyReplacementsAsync(document, new[] { (node, replacement) }, ct),
                            fix.EquivalenceKey),
                        diagnostic);
                }
            }
        }

        internal abstract void ComputeFixes(FixRequest request, Diagnostic diagnostic);

        private async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var request = await CreateRequestAsync(document, context.CancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                return document;
            }

            var replacements = new List<(SyntaxNode Node, SyntaxNode Replacement)>();
            foreach (var diagnostic in diagnostics)
            {
                request.Fixes.Clear();
                ComputeFixes(request, diagnostic);
                var fix = FixUtilities.ChooseForFixAll(request.Fixes, f => f.EquivalenceKey, context.CodeActionEquivalenceKey);
                if (fix != null)
                {
                    replacements.Add((fix.Node, fix.Replacement));
                }
            }

            return await FixUtilities.ApplyReplacementsAsync(document, replacements, context.CancellationToken).ConfigureAwait(false);
        }

        private static async Task<FixRequest?> CreateRequestAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return root is null || model is null ? null : new FixRequest(document, root, model, cancellationToken);
        }
    }
}

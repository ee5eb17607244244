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
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Training;

namespace NanAnalyzers.CodeFixes.Training
{
    /// <summary>NAN404: inserts <c>optimizer.zero_grad();</c> at the start of the training loop's body.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ZeroGradCodeFix))]
    [Shared]
    public sealed class ZeroGradCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "NAN404.InsertZeroGrad";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN404.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var symbols = KnownSymbols.For(model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var found = TrainingFixes.FindTrainingLoop(node, model, symbols, context.CancellationToken);
                if (found is null || !(found.Value.Step.Instance?.Syntax is ExpressionSyntax receiver))
                {
                    continue;
                }

                var loopBody = found.Value.LoopBody;
                var text = receiver.WithoutTrivia().ToString() + ".zero_grad();";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Insert " + text,
                        ct => InsertAsync(context.Document, loopBody, node, receiver, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> InsertAsync(Document document, StatementSyntax loopBody, SyntaxNode backward, ExpressionSyntax receiver, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var statement = SyntaxFactory.ExpressionStatement(
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver.WithoutTrivia(), SyntaxFactory.IdentifierName("zero_grad"))));

            // An optimizer declared inside the loop body cannot be used at its start: zero it right before backward().
            if (TrainingFixes.DeclaredInside(receiver, loopBody) && TrainingCode.ContainingStatement(backward) is StatementSyntax anchor)
            {
                return document.WithSyntaxRoot(FixUtilities.InsertBefore(root, anchor, statement));
            }

            return document.WithSyntaxRoot(FixUtilities.InsertAtLoopStart(root, loopBody, statement));
        }
    }
}

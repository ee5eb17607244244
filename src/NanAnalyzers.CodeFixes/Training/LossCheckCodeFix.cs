using System.Collections.Generic;
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
    /// <summary>
    /// NAN405: inserts <c>TrainingGuard.EnsureFiniteLoss(loss, epoch);</c> (NanGuard referenced): for a TorchSharp loss
    /// <c>TrainingGuard.EnsureFiniteLoss(loss.item&lt;float&gt;(), epoch);</c> right before <c>backward()</c>, for a
    /// hand-written loss right after the statement that completes it. The step argument is the loop's counter when
    /// it has one.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LossCheckCodeFix))]
    [Shared]
    public sealed class LossCheckCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "NAN405.EnsureFiniteLoss";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN405.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var guard = model?.Compilation.GetTypeByMetadataName("NanGuard.TrainingGuard");
            if (root is null || model is null || guard is null || guard.GetMembers("EnsureFiniteLoss").IsEmpty)
            {
                return;
            }

            var symbols = KnownSymbols.For(model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                var loopSyntax = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
                if (!(loopSyntax is StatementSyntax loopStatement)
                    || !(TrainingFixes.LoopBody(loopStatement) is BlockSyntax body)
                    || !(model.GetOperation(loopStatement, context.CancellationToken) is ILoopOperation loop)
                    || !(LossCheckAnalyzer.FindLoss(loop, symbols) is var found && found != null)
                    || found.Value.Loss is null)
                {
                    continue;
                }

                var loss = found.Value.Loss;
                var arguments = new List<ExpressionSyntax>();
                StatementSyntax? before = null;
                StatementSyntax? after = null;
                if (found.Value.Kind == "torch")
                {
                    var backward = TrainingCode.Invocations(loop.Body!).FirstOrDefault(i => symbols.IsBackward(i.TargetMethod));
                    before = backward is null ? null : TrainingCode.ContainingStatement(backward.Syntax);
                    arguments.Add(SyntaxFactory.ParseExpression(loss.Name + ".item<float>()"));
                }
                else
                {
                    after = body.Statements.LastOrDefault(s => Writes(s, loss.Name));
                    arguments.Add(SyntaxFactory.IdentifierName(loss.Name));
                }

                if (before is null && after is null)
                {
                    continue;
                }

                if (Counter(loopStatement, model, context.CancellationToken) is string counter)
                {
                    arguments.Add(SyntaxFactory.IdentifierName(counter));
                }

                var check = SyntaxFactory.ExpressionStatement(FixUtilities.NanGuardCall("TrainingGuard", "EnsureFiniteLoss", arguments.ToArray()));
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Check the loss with TrainingGuard.EnsureFiniteLoss",
                        ct => InsertAsync(context.Document, before, after, check, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>True when <paramref name="statement"/> assigns or declares the local <paramref name="name"/>.</summary>
        private static bool Writes(StatementSyntax statement, string name)
            => statement.DescendantNodesAndSelf().Any(n =>
                (n is AssignmentExpressionSyntax assignment && assignment.Left is IdentifierNameSyntax left && left.Identifier.ValueText == name)
                || (n is VariableDeclaratorSyntax declarator && declarator.Identifier.ValueText == name && declarator.Initializer != null));

        /// <summary>The integer counter of a <c>for</c> loop (<c>epoch</c>), or null.</summary>
        private static string? Counter(StatementSyntax loop, SemanticModel model, CancellationToken cancellationToken)
        {
            if (loop is ForStatementSyntax forStatement && forStatement.Declaration?.Variables.Count == 1
                && model.GetDeclaredSymbol(forStatement.Declaration.Variables[0], cancellationToken) is ILocalSymbol local
                && (local.Type.SpecialType == SpecialType.System_Int32 || local.Type.SpecialType == SpecialType.System_Int64))
            {
                return local.Name;
            }

            return null;
        }

        private static async Task<Document> InsertAsync(Document document, StatementSyntax? before, StatementSyntax? after, StatementSyntax check, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SyntaxNode newRoot;
            if (before != null)
            {
                newRoot = FixUtilities.InsertBefore(root, before, check);
            }
            else
            {
                var statement = check.WithLeadingTrivia(FixUtilities.Indentation(after!)).WithTrailingTrivia(FixUtilities.EndOfLine(after!));
                newRoot = root.InsertNodesAfter(after!, new[] { statement });
            }

            return await FixUtilities.WithNanGuardImportsAsync(document, newRoot, cancellationToken).ConfigureAwait(false);
        }
    }
}

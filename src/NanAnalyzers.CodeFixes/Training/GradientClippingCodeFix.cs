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
    /// NAN402: inserts <c>torch.nn.utils.clip_grad_norm_(&lt;the optimizer's parameters&gt;, 1.0);</c> before
    /// <c>step()</c>, or <c>GradientClipping.ClipByGlobalNorm(g, 1.0);</c> before a hand-written update loop.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GradientClippingCodeFix))]
    [Shared]
    public sealed class GradientClippingCodeFix : CodeFixProvider
    {
        /// <summary>
        /// The one key of both kinds (each diagnostic gets one fix, by its kind), so that FixAll and <c>dotnet format</c>
        /// clip a file with a TorchSharp step and a hand-written update in one pass.
        /// </summary>
        public const string EquivalenceKey = "NAN402.ClipGradients";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN402.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var maxNorm = NanOptions.GetMaxGradNorm(context.Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, root.SyntaxTree);
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                diagnostic.Properties.TryGetValue(GradientClippingAnalyzer.KindProperty, out var kind);
                if (kind == "torch")
                {
                    RegisterTorch(context, diagnostic, node, model, maxNorm);
                }
                else if (kind == "update")
                {
                    RegisterNanGuard(context, diagnostic, node, model, maxNorm);
                }
            }
        }

        private static void RegisterTorch(CodeFixContext context, Diagnostic diagnostic, SyntaxNode node, SemanticModel model, double maxNorm)
        {
            var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation is null
                || !(model.GetOperation(invocation, context.CancellationToken) is IInvocationOperation step)
                || step.Instance is null
                || !(TrainingCode.ContainingStatement(invocation) is StatementSyntax anchor))
            {
                return;
            }

            var parameters = OptimizerParameters(step.Instance, model, context.CancellationToken)
                ?? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, ((ExpressionSyntax)step.Instance.Syntax).WithoutTrivia(), SyntaxFactory.IdentifierName("parameters")));
            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.ParseExpression("torch.nn.utils.clip_grad_norm_"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(parameters.WithoutTrivia()),
                    SyntaxFactory.Argument(FixUtilities.NumberLiteral(maxNorm, isFloat: false)),
                })));
            var statement = SyntaxFactory.ExpressionStatement(call);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Clip gradients with " + call,
                    ct => InsertAsync(context.Document, anchor, statement, ct),
                    EquivalenceKey),
                diagnostic);
        }

        private static void RegisterNanGuard(CodeFixContext context, Diagnostic diagnostic, SyntaxNode node, SemanticModel model, double maxNorm)
        {
            if (model.Compilation.GetTypeByMetadataName("NanGuard.GradientClipping") is null)
            {
                return;
            }

            var statement = node.FirstAncestorOrSelf<ExpressionStatementSyntax>();
            if (statement is null || !(model.GetOperation(statement.Expression, context.CancellationToken) is IOperation assignment))
            {
                return;
            }

            var update = TrainingCode.AsWeightUpdate(assignment, GradientClippingAnalyzer.IsScalarFactor);
            if (!(update?.Gradient is IArrayElementReferenceOperation gradient)
                || !(gradient.ArrayReference?.Syntax is ExpressionSyntax array)
                || !(gradient.ArrayReference.Type is IArrayTypeSymbol arrayType)
                || arrayType.Rank != 1
                || !TrainingCode.IsFloating(arrayType.ElementType))
            {
                return;
            }

            var updateLoop = statement.Ancestors().FirstOrDefault(a => a is ForStatementSyntax || a is CommonForEachStatementSyntax || a is WhileStatementSyntax || a is DoStatementSyntax) as StatementSyntax;
            if (updateLoop is null)
            {
                return;
            }

            var call = FixUtilities.NanGuardCall("GradientClipping", "ClipByGlobalNorm", array, FixUtilities.NumberLiteral(maxNorm, isFloat: false));
            var clip = SyntaxFactory.ExpressionStatement(call);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Clip '" + array + "' with GradientClipping.ClipByGlobalNorm",
                    ct => InsertAsync(context.Document, updateLoop, clip, ct, addNanGuardImport: true),
                    EquivalenceKey),
                diagnostic);
        }

        private static async Task<Document> InsertAsync(Document document, StatementSyntax anchor, StatementSyntax statement, CancellationToken cancellationToken, bool addNanGuardImport = false)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var newRoot = FixUtilities.InsertBefore(root, anchor, statement);
            return addNanGuardImport
                ? await FixUtilities.WithNanGuardImportsAsync(document, newRoot, cancellationToken).ConfigureAwait(false)
                : document.WithSyntaxRoot(newRoot);
        }

        /// <summary>
        /// The first argument of the <c>torch.optim.*</c> call the optimizer was created with (<c>model.parameters()</c>),
        /// found at the local's or field's initializer or at an assignment in the same method or type; null if unknown.
        /// </summary>
        private static ExpressionSyntax? OptimizerParameters(IOperation receiver, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = TrainingCode.ReferencedSymbol(receiver);
            if (symbol is null)
            {
                return null;
            }

            var optim = model.Compilation.GetTypeByMetadataName("TorchSharp.torch+optim");
            var scope = (SyntaxNode?)receiver.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? receiver.Syntax.SyntaxTree.GetRoot(cancellationToken);
            foreach (var creation in scope.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (!(model.GetOperation(creation, cancellationToken) is IInvocationOperation invocation)
                    || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod?.ContainingType, optim)
                    || invocation.Arguments.Length == 0)
                {
                    continue;
                }

                if (TargetOf(creation, model, cancellationToken) is ISymbol target && SymbolEqualityComparer.Default.Equals(target, symbol))
                {
                    var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
                    return first?.Value?.Syntax as ExpressionSyntax;
                }
            }

            return null;
        }

        /// <summary>The variable a creation expression is stored into (<c>var opt = ...</c>, <c>opt = ...</c>, a field initializer).</summary>
        private static ISymbol? TargetOf(ExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
        {
            var parent = creation.Parent;
            while (parent is ParenthesizedExpressionSyntax || parent is CastExpressionSyntax)
            {
                parent = parent.Parent;
            }

            if (parent is EqualsValueClauseSyntax equals && equals.Parent is VariableDeclaratorSyntax declarator)
            {
                return model.GetDeclaredSymbol(declarator, cancellationToken);
            }

            if (parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
            }

            return null;
        }
    }
}

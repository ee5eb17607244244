using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Training;

namespace NanAnalyzers.CodeFixes.Training
{
    /// <summary>NAN401: replaces the learning-rate literal with the optimizer's customary default, in the literal's type and form.</summary>
    [ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LearningRateCodeFix))]
    [Shared]
    public sealed class LearningRateCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "NAN401.UseCustomaryLearningRate";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN401.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(LearningRateAnalyzer.CustomaryProperty, out var text)
                    || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var customary))
                {
                    continue;
                }

                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use the customary learning rate " + text,
                        ct => ReplaceAsync(context.Document, expression, customary, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax expression, double customary, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            var literal = FixUtilities.LiteralInFormOf(expression, customary, type);
            return document.WithSyntaxRoot(root.ReplaceNode(expression, literal));
        }
    }
}

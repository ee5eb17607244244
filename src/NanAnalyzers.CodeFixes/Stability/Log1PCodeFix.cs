using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Stability;

namespace NanAnalyzers.CodeFixes.Stability
{
    /// <summary>
    /// NAN203 fixes: <c>SafeMath.Log1P(x)</c> / <c>SafeMath.ExpM1(x)</c> (only when NanGuard is referenced: the BCL has
    /// no accurate log1p), and <c>torch.log1p(x)</c> / <c>torch.expm1(x)</c> (or <c>x.log1p()</c> / <c>x.expm1()</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(Log1PCodeFix))]
    [Shared]
    public sealed class Log1PCodeFix : CodeFixProvider
    {
        public const string SafeMathKey = "NAN203.SafeMath";
        public const string TorchKey = "NAN203.Torch";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN203.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var stability = StabilityContext.For(model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                Log1PMatch? match = null;
                foreach (var node in FixUtilities.NodesAt(root, span))
                {
                    for (var operation = model.GetOperation(node, context.CancellationToken); operation != null && match is null; operation = operation.Parent)
                    {
                        var candidate = Log1PMatchers.Match(stability, operation);
                        if (candidate != null && candidate.Reported.Syntax.Span == span)
                        {
                            match = candidate;
                        }

                        if (!operation.Syntax.Span.Contains(span) || operation.Syntax.Span.Length > span.Length + 200)
                        {
                            break;
                        }
                    }

                    if (match != null)
                    {
                        break;
                    }
                }

                if (match != null)
                {
                    Register(context, diagnostic, model, match);
                }
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, SemanticModel model, Log1PMatch match)
        {
            var target = match.Replaced.Syntax;
            if (!(FixUtilities.ExpressionOf(match.X.Syntax) is ExpressionSyntax x))
            {
                return;
            }

            if (match.IsTorch)
            {
                var name = match.IsExpM1 ? "expm1" : "log1p";
                var replacement = match.Form == CallForm.Instance
                    ? FixUtilities.Template("__0." + name + "()", x)
                    : FixUtilities.Template(FixUtilities.TorchPlaceholder + "." + name + "(__0)", x);
                context.RegisterCodeFix(
                    FixUtilities.ReplaceAction("Use " + name, TorchKey, context.Document, target, FixUtilities.AsOperand(replacement)),
                    diagnostic);
                return;
            }

            if (model.Compilation.GetTypeByMetadataName("NanGuard.SafeMath") is null)
            {
                return;
            }

            // Keep the type of the result: Math.Log(1 + f) with a float f is a double.
            var resultType = match.Replaced.Type?.SpecialType;
            var argumentType = StabilityPatterns.Strip(match.X).Type?.SpecialType;
            var argument = resultType == SpecialType.System_Double && argumentType != SpecialType.System_Double
                ? FixUtilities.Template("(double)__0", x)
                : x;
            var method = match.IsExpM1 ? "ExpM1" : "Log1P";
            var call = FixUtilities.NanGuardCall("SafeMath", method, argument);
            if (FixUtilities.BindsToMethod(model, target.SpanStart, call))
            {
                context.RegisterCodeFix(
                    FixUtilities.ReplaceAction("Use SafeMath." + method, SafeMathKey, context.Document, target, call),
                    diagnostic);
            }
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
    public sealed class Log1PCodeFix : StabilityCodeFixProvider
    {
        public const string SafeMathKey = "NAN203.SafeMath";
        public const string TorchKey = "NAN203.Torch";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN203.Id);

        internal override void ComputeFixes(FixRequest context, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            Log1PMatch? match = null;
            foreach (var node in FixUtilities.NodesAt(context.Root, span))
            {
                for (var operation = context.Model.GetOperation(node, context.CancellationToken); operation != null && match is null; operation = operation.Parent)
                {
                    var candidate = Log1PMatchers.Match(context.Stability, operation);
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
                Register(context, diagnostic, context.Model, match);
            }
        }

        private static void Register(FixRequest context, Diagnostic diagnostic, SemanticModel model, Log1PMatch match)
        {
            var target = match.Replaced.Syntax;

            // (Math.Exp(x) - 1) becomes SafeMath.ExpM1(x), not (SafeMath.ExpM1(x)).
            var unwrap = target.Parent is ParenthesizedExpressionSyntax parentheses
                         && !parentheses.OpenParenToken.TrailingTrivia.Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia))
                         && !parentheses.CloseParenToken.LeadingTrivia.Any(t => !t.IsKind(SyntaxKind.WhitespaceTrivia))
                ? parentheses
                : null;
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
                context.Add("Use " + name, TorchKey, unwrap ?? target, unwrap != null ? replacement : FixUtilities.AsPrimaryOperand(replacement));
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
                context.Add("Use SafeMath." + method, SafeMathKey, unwrap ?? target, call);
            }
        }
    }
}

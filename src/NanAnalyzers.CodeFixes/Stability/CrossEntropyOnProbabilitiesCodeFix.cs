using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Stability;

namespace NanAnalyzers.CodeFixes.Stability
{
    /// <summary>
    /// NAN202 fixes: <c>binary_cross_entropy(sigmoid(z), y, ...)</c> -> <c>binary_cross_entropy_with_logits(z, y, ...)</c>,
    /// <c>nll_loss(log(softmax(z, 1)), y, ...)</c> -> <c>cross_entropy(z, y, ...)</c> (weight and reduction kept), and the
    /// hand-written BCE -> <c>StableMath.BinaryCrossEntropyWithLogits(z, y)</c> or the inline
    /// <c>Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z)))</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CrossEntropyOnProbabilitiesCodeFix))]
    [Shared]
    public sealed class CrossEntropyOnProbabilitiesCodeFix : StabilityCodeFixProvider
    {
        public const string TorchBceKey = "NAN202.TorchBceWithLogits";
        public const string TorchCrossEntropyKey = "NAN202.TorchCrossEntropy";
        public const string StableMathKey = "NAN202.StableMath.BinaryCrossEntropyWithLogits";
        public const string InlineKey = "NAN202.InlineBceWithLogits";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN202.Id);

        internal override void ComputeFixes(FixRequest context, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            foreach (var node in FixUtilities.NodesAt(context.Root, span))
            {
                if (node.Span != span)
                {
                    continue;
                }

                var operation = context.Model.GetOperation(node, context.CancellationToken);
                if (operation is null)
                {
                    continue;
                }

                if (operation is IInvocationOperation invocation && StabilityMatchers.MatchTorchLoss(context.Stability, invocation) is TorchLossMatch torch)
                {
                    RegisterTorch(context, diagnostic, node, torch);
                    break;
                }

                var bce = operation.DescendantsAndSelf().OfType<IInvocationOperation>()
                    .Select(log => StabilityMatchers.MatchHandWrittenBce(context.Stability, log, context.CancellationToken))
                    .FirstOrDefault(m => m != null && m.Top.Syntax.Span == span);
                if (bce != null)
                {
                    RegisterHandWritten(context, diagnostic, context.Model, node, bce);
                    break;
                }
            }
        }

        private static void RegisterTorch(FixRequest context, Diagnostic diagnostic, SyntaxNode node, TorchLossMatch match)
        {
            if (!(node is InvocationExpressionSyntax call)
                || (match.ThroughLocal && !StabilityPatterns.CanMoveTo(match.Probabilities.Input, match.Loss))
                || !(StabilityPatterns.ExplicitArgument(match.Loss, 0)?.Syntax is ArgumentSyntax inputArgument)
                || !(FixUtilities.ExpressionOf(match.Probabilities.Input.Syntax) is ExpressionSyntax logits))
            {
                return;
            }

            var arguments = call.ArgumentList.Arguments;
            var index = arguments.IndexOf(inputArgument);
            if (index < 0)
            {
                return;
            }

            string name;
            if (match.IsBinary)
            {
                name = "binary_cross_entropy_with_logits";
            }
            else
            {
                // cross_entropy takes the class dimension to be 1: only softmax(z, 1) maps, and softmax's dtype does not.
                var dim = match.Probabilities.Argument("dim");
                if (dim?.Value is null || !StabilityPatterns.IsConstant(dim.Value, 1) || match.Probabilities.Argument("dtype") != null)
                {
                    return;
                }

                name = "cross_entropy";
            }

            var list = arguments.Replace(inputArgument, inputArgument.WithExpression(logits.WithTriviaFrom(inputArgument.Expression)));
            if (!match.IsBinary)
            {
                // nll_loss(input, target, weight, reduction); cross_entropy has ignore_index before reduction.
                for (var i = 0; i < list.Count; i++)
                {
                    var argument = list[i];
                    if (argument.NameColon is null && i >= 3)
                    {
                        list = list.Replace(argument, argument.WithNameColon(SyntaxFactory.NameColon("reduction")));
                    }
                }
            }

            var callee = FixUtilities.Template(FixUtilities.TorchPlaceholder + ".nn.functional." + name);
            var replacement = SyntaxFactory.InvocationExpression(callee, call.ArgumentList.WithArguments(list));
            context.Add("Use " + name + " on the logits", match.IsBinary ? TorchBceKey : TorchCrossEntropyKey, node, replacement);
        }

        private static void RegisterHandWritten(FixRequest context, Diagnostic diagnostic, SemanticModel model, SyntaxNode node, HandWrittenBceMatch match)
        {
            if (match.Target is null
                || (match.ThroughLocal && !StabilityPatterns.CanMoveTo(match.Logit, match.Top))
                || !(FixUtilities.ExpressionOf(match.Logit.Syntax) is ExpressionSyntax z)
                || !(FixUtilities.ExpressionOf(match.Target.Syntax) is ExpressionSyntax y))
            {
                return;
            }

            var negate = match.Sign > 0;
            if (model.Compilation.GetTypeByMetadataName("NanGuard.StableMath") != null)
            {
                var call = FixUtilities.NanGuardCall("StableMath", "BinaryCrossEntropyWithLogits", z, y);
                if (FixUtilities.BindsToMethod(model, node.SpanStart, call))
                {
                    var replacement = negate ? FixUtilities.AsPrimaryOperand(FixUtilities.Template("-__0", call)) : call;
                    context.Add("Use StableMath.BinaryCrossEntropyWithLogits", StableMathKey, node, replacement);
                }
            }

            if (FixUtilities.IsSimpleToRepeat(z))
            {
                var isFloat = match.LogP.TargetMethod.ReturnType.SpecialType == SpecialType.System_Single;
                var math = isFloat ? FixUtilities.MathFPlaceholder : FixUtilities.MathPlaceholder;
                var zero = isFloat ? "0f" : "0.0";
                var one = isFloat ? "1f" : "1.0";
                var template = math + ".Max(__0, " + zero + ") - __0 * __1 + " + math + ".Log(" + one + " + " + math + ".Exp(-" + math + ".Abs(__0)))";
                var inline = FixUtilities.Template(negate ? "-(" + template + ")" : template, z, y);
                context.Add("Use the stable form max(z, 0) - z * y + log(1 + exp(-|z|))", InlineKey, node, FixUtilities.AsPrimaryOperand(inline));
            }
        }
    }
}

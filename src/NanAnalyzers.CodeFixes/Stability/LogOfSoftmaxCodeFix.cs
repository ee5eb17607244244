using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Stability;

namespace NanAnalyzers.CodeFixes.Stability
{
    /// <summary>
    /// NAN201 fixes: <c>torch.nn.functional.log_softmax(x, d)</c> / <c>x.log_softmax(d)</c>,
    /// <c>torch.nn.functional.logsigmoid(x)</c> / <c>x.log_sigmoid()</c>, and for scalar code
    /// <c>StableMath.LogSigmoid(z)</c> (NanGuard referenced) or the inline <c>Math.Min(z, 0) - Math.Log(1 + Math.Exp(-Math.Abs(z)))</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogOfSoftmaxCodeFix))]
    [Shared]
    public sealed class LogOfSoftmaxCodeFix : StabilityCodeFixProvider
    {
        public const string TorchLogSoftmaxKey = "NAN201.TorchLogSoftmax";
        public const string TorchLogSigmoidKey = "NAN201.TorchLogSigmoid";
        public const string StableMathKey = "NAN201.StableMath.LogSigmoid";
        public const string InlineKey = "NAN201.InlineLogSigmoid";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN201.Id);

        internal override void ComputeFixes(FixRequest context, Diagnostic diagnostic)
        {
            foreach (var node in FixUtilities.NodesAt(context.Root, diagnostic.Location.SourceSpan))
            {
                if (node.Span != diagnostic.Location.SourceSpan
                    || !(context.Model.GetOperation(node, context.CancellationToken) is IInvocationOperation invocation))
                {
                    continue;
                }

                var match = StabilityMatchers.MatchLogOf(context.Stability, invocation, context.CancellationToken);
                if (match != null)
                {
                    Register(context, diagnostic, context.Model, node, match);
                    break;
                }
            }
        }

        private static void Register(FixRequest context, Diagnostic diagnostic, SemanticModel model, SyntaxNode node, LogOfMatch match)
        {
            if (match.ThroughLocal && !StabilityPatterns.CanMoveTo(match.Input, match.Log))
            {
                return;
            }

            var input = FixUtilities.ExpressionOf(match.Input.Syntax);
            if (input is null)
            {
                return;
            }

            if (match.IsTorch)
            {
                var replacement = TorchReplacement(match, input);
                if (replacement != null)
                {
                    var softmax = match.Kind == LogOfKind.Softmax;
                    context.Add(
                        softmax ? "Use log_softmax" : "Use logsigmoid",
                        softmax ? TorchLogSoftmaxKey : TorchLogSigmoidKey,
                        node,
                        replacement);
                }

                return;
            }

            var negate = match.Kind == LogOfKind.OneMinusSigmoid;
            var argument = negate ? FixUtilities.Template("-__0", input) : input;
            if (HasStableMath(model))
            {
                var call = FixUtilities.NanGuardCall("StableMath", "LogSigmoid", argument);
                if (FixUtilities.BindsToMethod(model, node.SpanStart, call))
                {
                    context.Add("Use StableMath.LogSigmoid", StableMathKey, node, call);
                }
            }

            if (FixUtilities.IsSimpleToRepeat(input))
            {
                var isFloat = IsFloatLog(match.Log);
                var math = isFloat ? FixUtilities.MathFPlaceholder : FixUtilities.MathPlaceholder;
                var zero = isFloat ? "0f" : "0.0";
                var one = isFloat ? "1f" : "1.0";
                var template = math + ".Min(" + (negate ? "-__0" : "__0") + ", " + zero + ") - " + math + ".Log(" + one + " + " + math + ".Exp(-" + math + ".Abs(__0)))";
                var inline = FixUtilities.AsPrimaryOperand(FixUtilities.Template(template, input));
                context.Add("Use the stable form min(z, 0) - log(1 + exp(-|z|))", InlineKey, node, inline);
            }
        }

        private static bool HasStableMath(SemanticModel model)
            => model.Compilation.GetTypeByMetadataName("NanGuard.StableMath") != null;

        private static bool IsFloatLog(IInvocationOperation log)
            => log.TargetMethod.ReturnType.SpecialType == SpecialType.System_Single;

        private static ExpressionSyntax? TorchReplacement(LogOfMatch match, ExpressionSyntax input)
        {
            var inner = match.TorchInner;
            if (inner is null)
            {
                return null;
            }

            var instance = inner.Form == CallForm.Instance;
            switch (match.Kind)
            {
                case LogOfKind.Softmax:
                    var dim = FixUtilities.ExpressionOf(inner.Argument("dim")?.Syntax);
                    if (dim is null || (match.ThroughLocal && !StabilityPatterns.CanMoveTo(inner.Argument("dim")!.Value, match.Log)))
                    {
                        return null;
                    }

                    var dtypeArgument = inner.Argument("dtype");
                    var dtype = FixUtilities.ExpressionOf(dtypeArgument?.Syntax);
                    if (dtypeArgument != null && (dtype is null || match.ThroughLocal))
                    {
                        return null;
                    }

                    if (instance)
                    {
                        return dtype is null
                            ? FixUtilities.Template("__0.log_softmax(__1)", input, dim)
                            : FixUtilities.Template("__0.log_softmax(__1, __2)", input, dim, dtype);
                    }

                    return dtype is null
                        ? FixUtilities.Template(FixUtilities.TorchPlaceholder + ".nn.functional.log_softmax(__0, __1)", input, dim)
                        : FixUtilities.Template(FixUtilities.TorchPlaceholder + ".special.log_softmax(__0, __1, __2)", input, dim, dtype);
                case LogOfKind.Sigmoid:
                    return instance
                        ? FixUtilities.Template("__0.log_sigmoid()", input)
                        : FixUtilities.Template(FixUtilities.TorchPlaceholder + ".nn.functional.logsigmoid(__0)", input);
                default:
                    return FixUtilities.Template(FixUtilities.TorchPlaceholder + ".nn.functional.logsigmoid(-__0)", input);
            }
        }
    }
}

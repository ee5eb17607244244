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
    /// NAN204 fixes: <c>torch.logsumexp(x, d)</c> / <c>x.logsumexp(d)</c> (keepdim kept; a sum over all elements becomes
    /// <c>torch.logsumexp(x.flatten(), 0)</c>), and <c>StableMath.LogSumExp(xs)</c> when NanGuard is referenced.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogSumExpCodeFix))]
    [Shared]
    public sealed class LogSumExpCodeFix : StabilityCodeFixProvider
    {
        public const string StableMathKey = "NAN204.StableMath.LogSumExp";
        public const string TorchKey = "NAN204.TorchLogSumExp";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN204.Id);

        internal override void ComputeFixes(FixRequest context, Diagnostic diagnostic)
        {
            foreach (var node in FixUtilities.NodesAt(context.Root, diagnostic.Location.SourceSpan))
            {
                if (node.Span != diagnostic.Location.SourceSpan
                    || !(context.Model.GetOperation(node, context.CancellationToken) is IInvocationOperation invocation))
                {
                    continue;
                }

                var match = Log1PMatchers.MatchLogSumExp(context.Stability, invocation);
                if (match != null)
                {
                    if (match.IsTorch)
                    {
                        RegisterTorch(context, diagnostic, node, match);
                    }
                    else
                    {
                        RegisterScalar(context, diagnostic, context.Model, node, match);
                    }

                    break;
                }
            }
        }

        private static void RegisterTorch(FixRequest context, Diagnostic diagnostic, SyntaxNode node, LogSumExpMatch match)
        {
            var sum = match.Sum;
            var exp = match.Exp;
            if (sum is null || exp is null || sum.Argument("type") != null)
            {
                return;
            }

            var x = FixUtilities.ExpressionOf(exp.Input.Syntax);
            if (x is null || (!node.Span.Contains(exp.Input.Syntax.Span) && !StabilityPatterns.CanMoveTo(exp.Input, match.Log)))
            {
                return;
            }

            var instance = match.Log.Instance != null;
            var dimArgument = sum.Argument("dim");
            var keepArgument = sum.Argument("keepdim");
            ExpressionSyntax replacement;
            if (dimArgument is null)
            {
                if (keepArgument != null || HasOtherExplicitArguments(sum))
                {
                    return;
                }

                replacement = instance
                    ? FixUtilities.Template("__0.flatten().logsumexp(0)", x)
                    : FixUtilities.Template(FixUtilities.TorchPlaceholder + ".logsumexp(__0.flatten(), 0)", x);
            }
            else
            {
                var dimType = dimArgument.Parameter?.Type.SpecialType;
                var dim = FixUtilities.ExpressionOf(dimArgument.Syntax);
                if (dim is null || (dimType != SpecialType.System_Int64 && dimType != SpecialType.System_Int32))
                {
                    return;
                }

                var keep = FixUtilities.ExpressionOf(keepArgument?.Syntax);
                if (keepArgument != null && keep is null)
                {
                    return;
                }

                if (instance)
                {
                    replacement = keep is null
                        ? FixUtilities.Template("__0.logsumexp(__1)", x, dim)
                        : FixUtilities.Template("__0.logsumexp(__1, __2)", x, dim, keep);
                }
                else
                {
                    replacement = keep is null
                        ? FixUtilities.Template(FixUtilities.TorchPlaceholder + ".logsumexp(__0, __1)", x, dim)
                        : FixUtilities.Template(FixUtilities.TorchPlaceholder + ".logsumexp(__0, __1, __2)", x, dim, keep);
                }
            }

            context.Add("Use logsumexp", TorchKey, node, replacement);
        }

        private static bool HasOtherExplicitArguments(CallMatch sum)
        {
            if (!(sum.Invocation is IInvocationOperation invocation))
            {
                return true;
            }

            var explicitCount = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    explicitCount++;
                }
            }

            // torch.sum(x) has the input as its one explicit argument; x.sum() has none.
            return explicitCount > (sum.Form == CallForm.Static ? 1 : 0);
        }

        private static void RegisterScalar(FixRequest context, Diagnostic diagnostic, SemanticModel model, SyntaxNode node, LogSumExpMatch match)
        {
            if (match.Source is null || model.Compilation.GetTypeByMetadataName("NanGuard.StableMath") is null)
            {
                return;
            }

            var source = FixUtilities.ExpressionOf(match.Source.Syntax);
            if (source is null || (!node.Span.Contains(match.Source.Syntax.Span) && !StabilityPatterns.CanMoveTo(match.Source, match.Log)))
            {
                return;
            }

            var call = FixUtilities.NanGuardCall("StableMath", "LogSumExp", source);
            if (FixUtilities.BindsToMethod(model, node.SpanStart, call))
            {
                context.Add("Use StableMath.LogSumExp", StableMathKey, node, call);
            }
        }
    }
}

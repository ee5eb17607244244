using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>
    /// NAN201: the log of a softmax or a sigmoid (<c>torch.log(torch.softmax(x, 1))</c>, <c>x.sigmoid().log()</c>,
    /// <c>Math.Log(Sigmoid(z))</c> for a user's sigmoid helper). Reported on the log call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LogOfSoftmaxAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The property naming what the log is taken of (<see cref="LogOfKind"/>).</summary>
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN201);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var stability = StabilityContext.For(start.Compilation);
                if (!stability.HasScalarMath && !stability.HasTorch)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, stability), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, StabilityContext stability)
        {
            if (!(context.Operation is IInvocationOperation invocation) || invocation.TargetMethod is null)
            {
                return;
            }

            var match = StabilityMatchers.MatchLogOf(stability, invocation, context.CancellationToken);
            if (match is null)
            {
                return;
            }

            if (match.IsTorch)
            {
                // nll_loss(log(softmax(z))) is NAN202's finding, with the better fix (cross_entropy).
                if (match.Kind == LogOfKind.Softmax && StabilityMatchers.IsNllLossInput(stability, invocation))
                {
                    return;
                }
            }
            else
            {
                // Both logs of a hand-written BCE are NAN202's finding.
                if (IsPartOfHandWrittenBce(stability, invocation, context))
                {
                    return;
                }

                // A log argument the range analysis proves positive (a guard before the log) cannot be -Infinity.
                var argument = invocation.Arguments[0].Value;
                var range = MethodRanges.For(invocation, context.CancellationToken).RangeOf(argument);
                if (StabilityPatterns.IsProvenPositive(range))
                {
                    return;
                }
            }

            var what = match.Kind == LogOfKind.Softmax ? "softmax" : match.Kind == LogOfKind.Sigmoid ? "sigmoid" : "1 - sigmoid";
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, match.Kind.ToString());
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN201,
                invocation.Syntax.GetLocation(),
                properties,
                StabilityPatterns.Shorten(invocation.Syntax),
                what,
                Suggestion(match)));
        }

        private static bool IsPartOfHandWrittenBce(StabilityContext stability, IInvocationOperation log, OperationAnalysisContext context)
        {
            var bce = StabilityMatchers.MatchHandWrittenBce(stability, log, context.CancellationToken);
            return bce != null && (bce.LogP == log || bce.LogOneMinusP == log);
        }

        private static string Suggestion(LogOfMatch match)
        {
            if (match.Kind == LogOfKind.Softmax)
            {
                return match.TorchInner?.Form == CallForm.Instance ? "x.log_softmax(dim)" : "torch.nn.functional.log_softmax(x, dim)";
            }

            if (match.IsTorch)
            {
                var negated = match.Kind == LogOfKind.OneMinusSigmoid ? "-x" : "x";
                return match.TorchInner?.Form == CallForm.Instance && match.Kind == LogOfKind.Sigmoid
                    ? "x.log_sigmoid()"
                    : "torch.nn.functional.logsigmoid(" + negated + ")";
            }

            return match.Kind == LogOfKind.OneMinusSigmoid
                ? "StableMath.LogSigmoid(-z) or min(-z, 0) - log(1 + exp(-|z|))"
                : "StableMath.LogSigmoid(z) or min(z, 0) - log(1 + exp(-|z|))";
        }
    }
}

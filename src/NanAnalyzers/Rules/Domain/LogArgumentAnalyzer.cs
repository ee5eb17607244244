using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>NAN101: the argument of a logarithm may be 0 (log is -inf) or negative (log is NaN).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LogArgumentAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN101);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilation => DomainRule.OnCompilationStart(compilation, (start, symbols) => start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation)));
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
        {
            if (!DomainCalls.TryMatch(context.Operation as IInvocationOperation, symbols, out var call) || call is null)
            {
                return;
            }

            if (call.Function != DomainFunction.Log && call.Function != DomainFunction.Log2 && call.Function != DomainFunction.Log10)
            {
                return;
            }

            if (!DomainRule.StructuralFacts(call.Value, symbols).MayBeNonPositive)
            {
                return;
            }

            var ranges = DomainRule.RangesFor(call.Invocation, context.CancellationToken);
            var facts = DomainFacts.Of(call.Value, ranges, symbols);
            if (!facts.MayBeNonPositive || IsTorchLogOfSoftmaxOrSigmoid(call.Invocation, context))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN101,
                call.Value.Syntax.GetLocation(),
                DomainRule.Properties(),
                call.Display,
                facts.NonPositiveText,
                facts.Explanation));
        }

        /// <summary>
        /// <c>torch.log(torch.softmax(x, d))</c>, <c>x.sigmoid().log()</c> and the like are NAN201's finding (or NAN202's,
        /// inside <c>nll_loss</c>): one risk, one squiggle, and their fix (<c>log_softmax</c>, <c>logsigmoid</c>,
        /// <c>cross_entropy</c>) removes the log of 0 where a clamp would only hide it.
        /// </summary>
        private static bool IsTorchLogOfSoftmaxOrSigmoid(IInvocationOperation log, OperationAnalysisContext context)
        {
            var stability = Stability.StabilityContext.For(context.Compilation);
            return stability.HasTorch && Stability.StabilityMatchers.MatchLogOf(stability, log, context.CancellationToken) is Stability.LogOfMatch match && match.IsTorch;
        }
    }
}

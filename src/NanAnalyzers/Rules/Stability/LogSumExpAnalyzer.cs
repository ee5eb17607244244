using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>
    /// NAN204: <c>log(sum(exp(x)))</c> written out: <c>Math.Log(xs.Sum(Math.Exp))</c>, <c>Math.Log(xs.Select(Math.Exp).Sum())</c>,
    /// a loop that sums <c>Math.Exp</c> and then takes <c>Math.Log</c> of the sum, <c>torch.log(torch.exp(x).sum(d))</c>.
    /// Max-shifted forms (<c>Math.Exp(x - max)</c>) are not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LogSumExpAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN204);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var stability = StabilityContext.For(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, stability), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, StabilityContext stability)
        {
            if (!(context.Operation is IInvocationOperation invocation) || invocation.TargetMethod is null)
            {
                return;
            }

            var match = Log1PMatchers.MatchLogSumExp(stability, invocation);
            if (match is null)
            {
                return;
            }

            string suggestion;
            if (match.IsTorch)
            {
                suggestion = match.Log.Instance != null ? "x.logsumexp(dim)" : "torch.logsumexp(x, dim)";
            }
            else
            {
                suggestion = "NanGuard's StableMath.LogSumExp(xs), or max + log(sum(exp(x - max)))";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN204,
                invocation.Syntax.GetLocation(),
                StabilityPatterns.Shorten(invocation.Syntax),
                suggestion));
        }
    }
}

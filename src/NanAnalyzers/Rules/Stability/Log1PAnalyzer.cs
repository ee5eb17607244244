using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>
    /// NAN203: <c>Math.Log(1 + x)</c>, <c>Math.Exp(x) - 1</c>, .NET's naive <c>double.LogP1</c>/<c>double.ExpM1</c>
    /// (and the float/MathF forms), <c>torch.log(1 + x)</c> and <c>torch.exp(x) - 1</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class Log1PAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN203);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var stability = StabilityContext.For(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, stability), OperationKind.Invocation, OperationKind.Binary);
            });
        }

        private static void Analyze(OperationAnalysisContext context, StabilityContext stability)
        {
            var match = Log1PMatchers.Match(stability, context.Operation);
            if (match is null)
            {
                return;
            }

            if (!match.IsTorch)
            {
                // |x| known to be at least 1: 1 + x and exp(x) - 1 keep their precision.
                var range = MethodRanges.For(context.Operation, context.CancellationToken).RangeOf(match.X);
                if (!range.IsUnknown && !range.MayBeNaN && !range.IsEmptyInterval && (range.Lo >= 1 || range.Hi <= -1))
                {
                    return;
                }
            }

            string suggestion;
            if (match.IsTorch)
            {
                suggestion = match.Form == CallForm.Instance
                    ? (match.IsExpM1 ? "x.expm1()" : "x.log1p()")
                    : (match.IsExpM1 ? "torch.expm1(x)" : "torch.log1p(x)");
            }
            else
            {
                suggestion = match.IsExpM1 ? "NanGuard's SafeMath.ExpM1(x)" : "NanGuard's SafeMath.Log1P(x)";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN203,
                match.Reported.Syntax.GetLocation(),
                StabilityPatterns.Shorten(match.Reported.Syntax),
                suggestion));
        }
    }
}

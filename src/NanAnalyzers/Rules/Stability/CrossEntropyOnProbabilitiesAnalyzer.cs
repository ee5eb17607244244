using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>
    /// NAN202: a cross-entropy computed on probabilities: TorchSharp <c>binary_cross_entropy(torch.sigmoid(z), y)</c>,
    /// <c>nll_loss(torch.log(torch.softmax(z, 1)), y)</c>, and the hand-written
    /// <c>-(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))</c> where p is a sigmoid that is not clamped.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CrossEntropyOnProbabilitiesAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The property naming the finding: <c>Bce</c>, <c>Nll</c> or <c>HandWritten</c>.</summary>
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN202);

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

            var torch = StabilityMatchers.MatchTorchLoss(stability, invocation);
            if (torch != null)
            {
                var kind = torch.IsBinary ? "Bce" : "Nll";
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.NAN202,
                    invocation.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
                    StabilityPatterns.Shorten(invocation.Syntax),
                    torch.IsBinary ? "torch.nn.functional.binary_cross_entropy_with_logits(z, y)" : "torch.nn.functional.cross_entropy(z, y)"));
                return;
            }

            var bce = StabilityMatchers.MatchHandWrittenBce(stability, invocation, context.CancellationToken);
            if (bce is null || bce.LogP != invocation)
            {
                return;
            }

            // A p the range analysis keeps inside (0, 1) (clamped, or guarded by a branch) cannot saturate.
            var ranges = MethodRanges.For(invocation, context.CancellationToken);
            var p = ranges.RangeOf(bce.LogP.Arguments[0].Value);
            var q = ranges.RangeOf(bce.LogOneMinusP.Arguments[0].Value);
            if (IsPositive(p) && IsPositive(q))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN202,
                bce.Top.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "HandWritten"),
                StabilityPatterns.Shorten(bce.Top.Syntax),
                "StableMath.BinaryCrossEntropyWithLogits(z, y) or max(z, 0) - z * y + log(1 + exp(-|z|))"));
        }

        private static bool IsPositive(ValueRange range) => StabilityPatterns.IsProvenPositive(range);
    }
}

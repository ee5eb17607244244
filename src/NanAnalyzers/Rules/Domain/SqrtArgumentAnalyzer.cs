using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// NAN102: the argument of a square root may be negative (sqrt is NaN); for a reciprocal square root
    /// (<c>1 / Math.Sqrt(x)</c>, <c>rsqrt</c>) or a TorchSharp <c>sqrt</c> (whose gradient is inf at 0), 0 is a risk too.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SqrtArgumentAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN102);

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

            if (call.Function != DomainFunction.Sqrt && call.Function != DomainFunction.ReciprocalSqrt)
            {
                return;
            }

            var isTorch = call.Api == DomainApi.TorchFunction || call.Api == DomainApi.TensorMethod;
            var reciprocal = call.Function == DomainFunction.ReciprocalSqrt || DomainRule.IsDivisor(call.Invocation);
            var zeroIsRisk = reciprocal || isTorch;

            var structural = DomainRule.StructuralFacts(call.Value, symbols);
            if (zeroIsRisk ? !structural.MayBeNonPositive : !structural.MayBeNegative)
            {
                return;
            }

            var ranges = DomainRule.RangesFor(call.Invocation, context.CancellationToken);
            var facts = DomainFacts.Of(call.Value, ranges, symbols);
            if (zeroIsRisk ? !facts.MayBeNonPositive : !facts.MayBeNegative)
            {
                return;
            }

            string what;
            if (facts.MayBeNegative)
            {
                what = "negative";
            }
            else if (reciprocal)
            {
                what = "0, and 1/sqrt(0) is Infinity";
            }
            else
            {
                what = "0, where the gradient of sqrt is Infinity";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN102,
                call.Value.Syntax.GetLocation(),
                DomainRule.Properties((DomainProperties.ZeroIsRisk, zeroIsRisk), (DomainProperties.NonNegative, facts.IsNonNegative)),
                call.Display,
                what,
                facts.Explanation));
        }
    }
}

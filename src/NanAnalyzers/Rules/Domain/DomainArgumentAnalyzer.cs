using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// NAN105: acos/asin of a value that may leave [-1, 1], atanh of a value that may reach ±1 or beyond,
    /// and pow of a base that may be negative with an exponent that may be non-integer.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DomainArgumentAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN105);

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

            string what;
            switch (call.Function)
            {
                case DomainFunction.Acos:
                case DomainFunction.Asin:
                {
                    var facts = Facts(context, call, symbols);
                    if (facts.IsEmpty || (facts.Lo >= -1 && facts.Hi <= 1))
                    {
                        return;
                    }

                    what = facts.Lo < -1 && facts.Hi > 1 ? "outside [-1, 1]" : facts.Hi > 1 ? "above 1" : "below -1";
                    Report(context, call, what, facts.Explanation);
                    return;
                }

                case DomainFunction.Atanh:
                {
                    var facts = Facts(context, call, symbols);
                    if (facts.IsEmpty || (facts.Lo > -1 && facts.Hi < 1))
                    {
                        return;
                    }

                    what = "outside (-1, 1), where atanh is Infinity or NaN";
                    Report(context, call, what, facts.Explanation);
                    return;
                }

                case DomainFunction.Pow:
                {
                    if (call.Exponent is null || DomainFacts.IsIntegral(call.Exponent))
                    {
                        return;
                    }

                    var facts = Facts(context, call, symbols);
                    if (!facts.MayBeNegative)
                    {
                        return;
                    }

                    what = "negative with the exponent '" + call.Exponent.Syntax + "', which may not be an integer";
                    Report(context, call, what, facts.Explanation);
                    return;
                }

                default:
                    return;
            }
        }

        private static DomainFacts Facts(OperationAnalysisContext context, DomainCall call, KnownSymbols symbols)
            => DomainFacts.Of(call.Value, DomainRule.RangesFor(call.Invocation, context.CancellationToken), symbols);

        private static void Report(OperationAnalysisContext context, DomainCall call, string what, string why)
            => context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN105,
                call.Value.Syntax.GetLocation(),
                DomainRule.Properties(),
                call.Display,
                what,
                why));
    }
}

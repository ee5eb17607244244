using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>
    /// NAN404: a TorchSharp training loop (its body calls <c>backward()</c> and an optimizer's <c>step()</c>)
    /// that never calls <c>zero_grad()</c> on the optimizer or the module, directly or through a helper it calls.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ZeroGradAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN404);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                if (symbols.TorchOptimizer is null || symbols.TorchSharpTensor is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
        {
            if (!(context.Operation is ILoopOperation loop)
                || !TrainingCode.IsTorchTrainingLoop(loop, symbols, out var backward, out _)
                || backward is null
                || loop.Body is null)
            {
                return;
            }

            if (TrainingCode.CallsOrHelperCalls(loop.Body, i => symbols.IsZeroGrad(i.TargetMethod), context.Compilation, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NAN404, backward.Syntax.GetLocation(), backward.Syntax.ToString()));
        }
    }
}

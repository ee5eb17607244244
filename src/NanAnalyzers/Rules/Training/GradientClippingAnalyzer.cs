using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>
    /// NAN402: an optimizer step that applies gradients nobody clipped: TorchSharp <c>backward()</c> ...
    /// <c>step()</c> with no <c>clip_grad_norm_</c> / <c>clip_grad_value_</c> / NanGuard clipping before the step
    /// (directly or in a helper the loop calls), and hand-written updates <c>w[i] -= lr * g[i]</c> in a training
    /// loop that never clips <c>g</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GradientClippingAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "torch" for a TorchSharp step, "update" for a hand-written update.</summary>
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN402);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                if (symbols.TorchOptimizer != null && symbols.TorchSharpTensor != null)
                {
                    start.RegisterOperationAction(c => AnalyzeLoop(c, symbols), OperationKind.Loop);
                }

                start.RegisterOperationAction(c => AnalyzeUpdate(c, symbols), OperationKind.CompoundAssignment, OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeLoop(OperationAnalysisContext context, KnownSymbols symbols)
        {
            if (!(context.Operation is ILoopOperation loop)
                || !TrainingCode.IsTorchTrainingLoop(loop, symbols, out _, out var step)
                || step is null
                || loop.Body is null)
            {
                return;
            }

            if (TrainingCode.CallsOrHelperCalls(loop.Body, i => symbols.IsGradientClipping(i.TargetMethod), context.Compilation, context.CancellationToken, step.Syntax.SpanStart))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN402,
                step.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "torch"),
                "'" + step.Syntax + "'"));
        }

        private static void AnalyzeUpdate(OperationAnalysisContext context, KnownSymbols symbols)
        {
            var update = TrainingCode.AsWeightUpdate(context.Operation, IsScalarFactor);
            if (update is null
                || !(update.Target is IArrayElementReferenceOperation)
                || !(update.Gradient is IArrayElementReferenceOperation)
                || !(update.GradientArray is ISymbol gradient)
                || TrainingCode.SameReference(((IArrayElementReferenceOperation)update.Target).ArrayReference, ((IArrayElementReferenceOperation)update.Gradient).ArrayReference))
            {
                return;
            }

            var loops = TrainingCode.EnclosingLoops(context.Operation).ToList();
            if (loops.Count < 2 || loops[loops.Count - 1].Body is null)
            {
                // An update loop inside a training loop; a lone loop is a single step, not a training loop.
                return;
            }

            var scope = loops[loops.Count - 1].Body;
            if (Clips(scope, gradient, symbols, context.Compilation, context.CancellationToken, context.Operation.Syntax.SpanStart))
            {
                return;
            }

            var statement = context.Operation.Parent is IExpressionStatementOperation expressionStatement ? expressionStatement.Syntax : context.Operation.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN402,
                statement.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "update"),
                "'" + context.Operation.Syntax + "'"));
        }

        /// <summary>A scalar factor of an update: a constant, or a floating-point local, parameter or field.</summary>
        internal static bool IsScalarFactor(IOperation operation)
        {
            if (operation.ConstantValue.HasValue)
            {
                return true;
            }

            return (operation is ILocalReferenceOperation || operation is IParameterReferenceOperation || operation is IFieldReferenceOperation)
                   && TrainingCode.IsFloating(operation.Type);
        }

        /// <summary>
        /// True when <paramref name="scope"/> clips <paramref name="gradient"/> before <paramref name="before"/>: a
        /// clipping call (NanGuard, torch, a helper that calls one), a <c>Math.Clamp/Min/Max</c> written back into it,
        /// or a rescaling <c>g[j] *= scale</c> / <c>g[j] /= norm</c>.
        /// </summary>
        private static bool Clips(IOperation scope, ISymbol gradient, KnownSymbols symbols, Compilation compilation, System.Threading.CancellationToken cancellationToken, int before)
        {
            if (TrainingCode.CallsOrHelperCalls(scope, i => symbols.IsGradientClipping(i.TargetMethod), compilation, cancellationToken, before))
            {
                return true;
            }

            foreach (var operation in scope.Descendants())
            {
                if (operation.Syntax.SpanStart >= before)
                {
                    continue;
                }

                if (operation is ICompoundAssignmentOperation compound
                    && (compound.OperatorKind == BinaryOperatorKind.Multiply || compound.OperatorKind == BinaryOperatorKind.Divide)
                    && compound.Target is IArrayElementReferenceOperation scaled
                    && SymbolEqualityComparer.Default.Equals(TrainingCode.ReferencedSymbol(scaled.ArrayReference), gradient))
                {
                    return true;
                }

                if (operation is ISimpleAssignmentOperation assignment
                    && assignment.Target is IArrayElementReferenceOperation written
                    && SymbolEqualityComparer.Default.Equals(TrainingCode.ReferencedSymbol(written.ArrayReference), gradient)
                    && assignment.Value != null
                    && TrainingCode.Invocations(assignment.Value).Any(i => IsClamp(i.TargetMethod)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsClamp(IMethodSymbol? method)
            => method != null
               && (method.ContainingType?.ToDisplayString() == "System.Math" || method.ContainingType?.ToDisplayString() == "System.MathF")
               && (method.Name == "Clamp" || method.Name == "Min" || method.Name == "Max");
    }
}

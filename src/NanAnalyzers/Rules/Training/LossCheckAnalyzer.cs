using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>
    /// NAN405 (advisory): a training loop that never checks its loss for NaN or Infinity. A training loop is a
    /// TorchSharp loop calling <c>backward()</c> and <c>step()</c> (its loss is the tensor <c>backward()</c> is called
    /// on), or a loop with a hand-written weight update that computes a loss (a floating-point local whose name
    /// contains "loss" or "cost"). Checks count in the loop, in the loops around it, and one level into
    /// the methods and local functions it calls; any use of NanGuard's <c>TrainingGuard</c> counts.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LossCheckAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: "torch" (a Tensor loss) or "scalar" (a double/float loss).</summary>
        public const string KindProperty = "Kind";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN405);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
        {
            if (!(context.Operation is ILoopOperation loop) || loop.Body is null)
            {
                return;
            }

            var found = FindLoss(loop, symbols);
            if (found is null)
            {
                return;
            }

            var (loss, lossText, kind) = found.Value;
            if (IsChecked(loop, loss, symbols, context.Compilation, context.CancellationToken))
            {
                return;
            }

            var keyword = TrainingCode.LoopKeyword(loop.Syntax);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN405,
                Location.Create(loop.Syntax.SyntaxTree, keyword.Span),
                ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
                lossText));
        }

        /// <summary>
        /// The loss of a training loop: the receiver of <c>backward()</c> in a TorchSharp loop, or the loss-named local of
        /// a hand-written one (the innermost loop holding both the update and the loss). Null when the loop does not train.
        /// </summary>
        internal static (ISymbol? Loss, string Text, string Kind)? FindLoss(ILoopOperation loop, KnownSymbols symbols)
        {
            if (loop.Body is null)
            {
                return null;
            }

            if (symbols.TorchOptimizer != null && TrainingCode.IsTorchTrainingLoop(loop, symbols, out var backward, out _) && backward != null)
            {
                var receiver = backward.Instance;
                if (receiver is null)
                {
                    return null;
                }

                return (TrainingCode.ReferencedSymbol(receiver), receiver.Syntax.ToString(), "torch");
            }

            if (!HandWritten(loop.Body, out var lossLocal) || lossLocal is null)
            {
                return null;
            }

            foreach (var inner in loop.Body.Descendants().OfType<ILoopOperation>())
            {
                if (inner.Body != null && HandWritten(inner.Body, out var innerLoss) && innerLoss != null)
                {
                    return null;
                }
            }

            return (lossLocal, lossLocal.Name, "scalar");
        }

        private static bool HandWritten(IOperation body, out ILocalSymbol? loss)
        {
            loss = null;
            var hasUpdate = false;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (!hasUpdate && (operation is ICompoundAssignmentOperation || operation is ISimpleAssignmentOperation)
                    && TrainingCode.AsWeightUpdate(operation, GradientClippingAnalyzer.IsScalarFactor) != null)
                {
                    hasUpdate = true;
                }

                if (loss is null)
                {
                    ILocalSymbol? candidate = null;
                    if (operation is IAssignmentOperation assignment && assignment.Target is ILocalReferenceOperation target)
                    {
                        candidate = target.Local;
                    }
                    else if (operation is IVariableDeclaratorOperation declarator && declarator.Symbol != null
                             && (declarator.Initializer != null || (declarator.Parent as IVariableDeclarationOperation)?.Initializer != null))
                    {
                        candidate = declarator.Symbol;
                    }

                    if (candidate != null && TrainingCode.IsFloating(candidate.Type) && IsLossName(candidate.Name))
                    {
                        loss = candidate;
                    }
                }
            }

            return hasUpdate;
        }

        private static bool IsLossName(string name)
            => name.IndexOf("loss", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("cost", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool IsChecked(ILoopOperation loop, ISymbol? loss, KnownSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            var derived = Derived(loop.Body!, loss);

            // In the loop and one level into what it calls: a check of the loss (or of a value computed from it).
            foreach (var invocation in TrainingCode.Invocations(loop.Body!))
            {
                if (IsGuard(invocation, symbols) || (IsCheck(invocation, symbols) && ReadsAny(invocation, derived)))
                {
                    return true;
                }

                var body = TrainingCode.HelperBody(invocation, compilation, cancellationToken);
                if (body is null)
                {
                    continue;
                }

                var passesLoss = ReadsAny(invocation, derived);
                foreach (var inner in TrainingCode.Invocations(body))
                {
                    if (IsGuard(inner, symbols) || (IsCheck(inner, symbols) && (passesLoss || ReadsAny(inner, derived))))
                    {
                        return true;
                    }
                }
            }

            // Around the loop (an epoch loop checking the epoch's loss): any check.
            foreach (var outer in TrainingCode.EnclosingLoops(loop))
            {
                if (outer.Body != null && TrainingCode.Invocations(outer.Body).Any(i => IsGuard(i, symbols) || IsCheck(i, symbols)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loss and the locals computed from it in the loop (<c>var l = loss.item&lt;float&gt;()</c>, <c>total += l</c>).</summary>
        private static HashSet<ISymbol> Derived(IOperation body, ISymbol? loss)
        {
            var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (loss is null)
            {
                return set;
            }

            set.Add(loss);
            for (var round = 0; round < 3; round++)
            {
                foreach (var operation in body.Descendants())
                {
                    ISymbol? target = null;
                    IOperation? value = null;
                    if (operation is IAssignmentOperation assignment)
                    {
                        target = TrainingCode.ReferencedSymbol(assignment.Target);
                        value = assignment.Value;
                    }
                    else if (operation is IVariableDeclaratorOperation declarator)
                    {
                        target = declarator.Symbol;
                        value = declarator.Initializer?.Value;
                    }

                    if (target != null && value != null && !set.Contains(target) && set.Any(s => TrainingCode.Reads(value, s)))
                    {
                        set.Add(target);
                    }
                }
            }

            return set;
        }

        private static bool ReadsAny(IInvocationOperation invocation, HashSet<ISymbol> symbols)
        {
            if (symbols.Count == 0)
            {
                return true;
            }

            return symbols.Any(s => (invocation.Instance != null && TrainingCode.Reads(invocation.Instance, s))
                                    || invocation.Arguments.Any(a => a.Value != null && TrainingCode.Reads(a.Value, s)));
        }

        private static bool IsGuard(IInvocationOperation invocation, KnownSymbols symbols)
            => symbols.NanGuardTrainingGuard != null
               && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod?.ContainingType, symbols.NanGuardTrainingGuard);

        /// <summary><c>double/float.IsNaN/IsFinite/IsInfinity...</c>, TorchSharp <c>isnan/isfinite/isinf</c>, NanGuard's checks.</summary>
        internal static bool IsCheck(IInvocationOperation invocation, KnownSymbols symbols)
        {
            var method = invocation.TargetMethod;
            var type = method?.ContainingType;
            if (method is null || type is null)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single
                || (symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half)))
            {
                return method.Name == "IsNaN" || method.Name == "IsFinite" || method.Name == "IsInfinity"
                       || method.Name == "IsPositiveInfinity" || method.Name == "IsNegativeInfinity";
            }

            if (symbols.NanGuardInputValidation != null && SymbolEqualityComparer.Default.Equals(type, symbols.NanGuardInputValidation))
            {
                return method.Name == "EnsureFinite" || method.Name == "IsAllFinite" || method.Name == "CountNonFinite";
            }

            if (symbols.TorchSharpTensor != null
                && (KnownSymbols.DerivesFrom(type, symbols.TorchSharpTensor) || SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTorch)))
            {
                return method.Name == "isnan" || method.Name == "isfinite" || method.Name == "isinf";
            }

            return false;
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// NAN103: a floating-point divisor may be 0 (<c>x / 0</c> is inf, <c>0 / 0</c> is NaN). Covers <c>/</c> and
    /// <c>/=</c> over double, float, Half and generic floating-point <c>T</c>, TorchSharp tensor <c>/</c>,
    /// <c>torch.div</c> / <c>Tensor.div</c>, MathNet <c>v / s</c> and <c>Divide(s)</c>. Integer division is not
    /// reported (it throws instead of producing NaN), nor a quotient that is only used where it is finite.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DivisorAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN103);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilation => DomainRule.OnCompilationStart(compilation, (start, symbols) =>
            {
                start.RegisterOperationAction(c => AnalyzeBinary(c, symbols), OperationKind.Binary);
                start.RegisterOperationAction(c => AnalyzeCompound(c, symbols), OperationKind.CompoundAssignment);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            }));
        }

        /// <summary>The divisor of <paramref name="operation"/> when it is a floating-point division this rule covers.</summary>
        internal static IOperation? DivisorOf(IOperation? operation, KnownSymbols symbols)
        {
            switch (operation)
            {
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Divide:
                    return IsFloatingDivision(binary.OperatorMethod, binary.Type, binary.RightOperand, symbols) ? binary.RightOperand : null;
                case ICompoundAssignmentOperation compound when compound.OperatorKind == BinaryOperatorKind.Divide:
                    return IsFloatingDivision(compound.OperatorMethod, compound.Type, compound.Value, symbols) ? compound.Value : null;
                case IInvocationOperation invocation:
                    return InvocationDivisor(invocation, symbols);
                default:
                    return null;
            }
        }

        private static bool IsFloatingDivision(IMethodSymbol? operatorMethod, ITypeSymbol? type, IOperation? divisor, KnownSymbols symbols)
        {
            if (divisor is null || type is null)
            {
                return false;
            }

            if (operatorMethod is null)
            {
                return type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single;
            }

            var containing = operatorMethod.ContainingType;
            if (containing is null)
            {
                return false;
            }

            if (symbols.Half != null && SymbolEqualityComparer.Default.Equals(containing, symbols.Half))
            {
                return true;
            }

            if (DomainCalls.IsTensor(containing, symbols))
            {
                return true;
            }

            if (DomainCalls.IsMathNet(containing, symbols))
            {
                // v / s: the divisor is the scalar; s / v is not covered (the vector's elements are not known).
                var element = containing.TypeArguments.Length == 1 ? containing.TypeArguments[0] : null;
                return element != null
                    && (element.SpecialType == SpecialType.System_Double || element.SpecialType == SpecialType.System_Single)
                    && SymbolEqualityComparer.Default.Equals(divisor.Type, element);
            }

            // T / T over a generic floating-point T.
            if (containing.TypeKind == TypeKind.Interface
                && symbols.IDivisionOperators != null
                && SymbolEqualityComparer.Default.Equals(containing.OriginalDefinition, symbols.IDivisionOperators))
            {
                return KnownSymbols.HasGenericConstraint(type, symbols.IFloatingPoint)
                    || KnownSymbols.HasGenericConstraint(type, symbols.IFloatingPointIeee754);
            }

            return false;
        }

        private static IOperation? InvocationDivisor(IInvocationOperation invocation, KnownSymbols symbols)
        {
            var method = invocation.TargetMethod;
            if (method is null || method.ContainingType is null)
            {
                return null;
            }

            var name = method.Name;
            var isDivide = name == "div" || name == "div_" || name == "divide" || name == "true_divide";
            if (isDivide && method.IsStatic && symbols.TorchSharpTorch != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.TorchSharpTorch))
            {
                return DomainCalls.ArgumentValue(invocation, 1);
            }

            if (isDivide && !method.IsStatic && DomainCalls.IsTensor(method.ContainingType, symbols))
            {
                return DomainCalls.ArgumentValue(invocation, 0);
            }

            if (name == "Divide" && !method.IsStatic && DomainCalls.IsMathNet(method.ContainingType, symbols))
            {
                var element = method.ContainingType.TypeArguments.Length == 1 ? method.ContainingType.TypeArguments[0] : null;
                if (element != null && (element.SpecialType == SpecialType.System_Double || element.SpecialType == SpecialType.System_Single))
                {
                    return DomainCalls.ArgumentValue(invocation, 0);
                }
            }

            return null;
        }

        /// <summary>
        /// The normaliser of a max-shifted softmax: a local that starts at 0 and only ever grows by
        /// <c>+= Math.Exp(x - max)</c>. The term of the maximum itself is exp(0) = 1, so the sum is at least 1.
        /// </summary>
        internal static bool IsSoftmaxNormaliser(IOperation divisor, KnownSymbols symbols)
        {
            if (!(DomainFacts.Strip(divisor) is ILocalReferenceOperation reference))
            {
                return false;
            }

            var body = MethodRanges.FindBody(divisor);
            if (body is null)
            {
                return false;
            }

            var local = reference.Local;
            var grows = false;
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        if (declarator.Initializer?.Value != null && !IsZero(declarator.Initializer.Value))
                        {
                            return false;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        if (!IsZero(assignment.Value))
                        {
                            return false;
                        }

                        break;
                    case ICompoundAssignmentOperation compound when IsLocal(compound.Target, local):
                        if (compound.OperatorKind != BinaryOperatorKind.Add
                            || !(DomainFacts.Strip(compound.Value) is IInvocationOperation exp)
                            || !DomainCalls.TryMatch(exp, symbols, out var call)
                            || call is null
                            || call.Function != DomainFunction.Exp
                            || !ExpOverflowAnalyzer.IsMaxShifted(call.Value, symbols))
                        {
                            return false;
                        }

                        grows = true;
                        break;
                    case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                        return false;
                }
            }

            return grows;
        }

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool IsZero(IOperation? value)
            => value != null
               && value.ConstantValue.HasValue
               && MethodRanges.TryGetNumber(value.ConstantValue.Value, out var number)
               && number == 0;

        private static void AnalyzeBinary(OperationAnalysisContext context, KnownSymbols symbols)
            => Analyze(context, context.Operation, symbols);

        private static void AnalyzeCompound(OperationAnalysisContext context, KnownSymbols symbols)
            => Analyze(context, context.Operation, symbols);

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownSymbols symbols)
            => Analyze(context, context.Operation, symbols);

        private static void Analyze(OperationAnalysisContext context, IOperation division, KnownSymbols symbols)
        {
            var divisor = DivisorOf(division, symbols);
            if (divisor is null || divisor.Syntax is null)
            {
                return;
            }

            // 1 / Math.Sqrt(x): NAN102 reports the square root's argument; one diagnostic is enough.
            if (DomainFacts.Strip(divisor) is IInvocationOperation sqrt
                && DomainCalls.TryMatch(sqrt, symbols, out var call)
                && call != null
                && (call.Function == DomainFunction.Sqrt || call.Function == DomainFunction.ReciprocalSqrt))
            {
                return;
            }

            // A non-zero constant divisor (x / 2.0, x / n where n is a const) needs no analysis of the method.
            var stripped = DomainFacts.Strip(divisor);
            if (stripped.ConstantValue.HasValue && MethodRanges.TryGetNumber(stripped.ConstantValue.Value, out var constant)
                && constant != 0 && !double.IsNaN(constant))
            {
                return;
            }

            if (!DomainRule.StructuralFacts(divisor, symbols).MayBeZero)
            {
                return;
            }

            var ranges = DomainRule.RangesFor(division, context.CancellationToken);
            var facts = DomainFacts.Of(divisor, ranges, symbols);
            if (!facts.MayBeZero)
            {
                return;
            }

            if (ranges.IsOnlyUsedWhereFinite(division) || IsSoftmaxNormaliser(divisor, symbols))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN103,
                divisor.Syntax.GetLocation(),
                DomainRule.Properties((DomainProperties.NonNegative, facts.IsNonNegative)),
                divisor.Syntax.ToString(),
                facts.Explanation));
        }
    }
}

using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>
    /// NAN104: an exponential whose argument may exceed ln(MaxValue) of its type (709.78 for double, 88.72
    /// for float and tensors) overflows to +inf, and inf/inf or inf - inf is NaN. Not reported: a max-shifted
    /// argument (<c>Math.Exp(x - max)</c>) and an exp whose infinity is harmless (<c>1 / (1 + Math.Exp(-x))</c>
    /// is 0, not NaN). <c>TensorPrimitives.SoftMax</c> is always reported: it does not subtract the maximum.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExpOverflowAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN104);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(compilation => DomainRule.OnCompilationStart(compilation, (start, symbols) => start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation)));
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
        {
            var invocation = context.Operation as IInvocationOperation;
            if (invocation is null)
            {
                return;
            }

            if (DomainCalls.IsTensorPrimitivesSoftMax(invocation, symbols))
            {
                var source = DomainCalls.ArgumentValue(invocation, 0);
                if (source?.Syntax != null)
                {
                    var builder = ImmutableDictionary.CreateBuilder<string, string?>();
                    builder[DomainProperties.Shape] = DomainProperties.SoftMaxShape;
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.NAN104,
                        source.Syntax.GetLocation(),
                        builder.ToImmutable(),
                        "TensorPrimitives.SoftMax",
                        "it does not subtract the maximum, so any input above 88.72 makes exp Infinity and the result Infinity/Infinity = NaN (SoftMax([1000f, 1000f, 999f]) is NaN, NaN, NaN)"));
                }

                return;
            }

            if (!DomainCalls.TryMatch(invocation, symbols, out var call) || call is null || call.Function != DomainFunction.Exp)
            {
                return;
            }

            var limit = DomainRule.ExpLimit(call);
            var structural = DomainRule.StructuralFacts(call.Value, symbols);
            if (structural.IsEmpty || structural.Hi <= limit || IsMaxShifted(call.Value, symbols))
            {
                return;
            }

            var ranges = DomainRule.RangesFor(invocation, context.CancellationToken);
            var facts = DomainFacts.Of(call.Value, ranges, symbols);
            if (facts.IsEmpty || facts.Hi <= limit)
            {
                return;
            }

            if (IsInfinityHarmless(invocation, ranges, symbols))
            {
                return;
            }

            var type = call.IsFloat ? (call.Element == ElementType.Half ? "Half" : "float") : "double";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN104,
                call.Value.Syntax.GetLocation(),
                DomainRule.Properties(),
                call.Display,
                facts.Explanation + ", and exp overflows above " + limit.ToString("0.##", CultureInfo.InvariantCulture) + " in " + type));
        }

        /// <summary>
        /// <c>x - m</c> where <c>m</c> is a maximum: a call of Max/Maximum/max/amax (LINQ, TensorPrimitives,
        /// MathNet, TorchSharp), such a call's <c>.values</c>, or a local whose assignments include one, or
        /// that a loop raises with <c>m = Math.Max(m, v)</c> or <c>if (v &gt; m) m = v</c>.
        /// </summary>
        internal static bool IsMaxShifted(IOperation value, KnownSymbols symbols)
        {
            if (!(DomainFacts.Strip(value) is IBinaryOperation binary) || binary.OperatorKind != BinaryOperatorKind.Subtract || binary.RightOperand is null)
            {
                return false;
            }

            var m = DomainFacts.Strip(binary.RightOperand);
            if (IsMaximum(m))
            {
                return true;
            }

            if (!(m is ILocalReferenceOperation local))
            {
                return false;
            }

            var body = MethodRanges.FindBody(value);
            if (body is null)
            {
                return false;
            }

            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator
                        when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                             && declarator.Initializer?.Value != null
                             && IsMaximum(DomainFacts.Strip(declarator.Initializer.Value)):
                        return true;
                    case ISimpleAssignmentOperation assignment
                        when assignment.Target is ILocalReferenceOperation target
                             && SymbolEqualityComparer.Default.Equals(target.Local, local.Local)
                             && assignment.Value != null:
                        if (IsMaximum(DomainFacts.Strip(assignment.Value)) || IsRaisedUnderComparison(assignment, local.Local))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool IsMaximum(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var name = invocation.TargetMethod?.Name;
                    return name == "Max" || name == "Maximum" || name == "max" || name == "amax" || name == "MaxMagnitude";
                case IFieldReferenceOperation field when field.Instance != null:
                    return IsMaximum(DomainFacts.Strip(field.Instance));
                case IPropertyReferenceOperation property when property.Instance != null:
                    return IsMaximum(DomainFacts.Strip(property.Instance));
                default:
                    return false;
            }
        }

        /// <summary><c>if (v &gt; m) m = v;</c> (or <c>m &lt; v</c>, <c>&gt;=</c>): the running maximum of a loop.</summary>
        private static bool IsRaisedUnderComparison(ISimpleAssignmentOperation assignment, ILocalSymbol local)
        {
            for (var parent = assignment.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IConditionalOperation conditional)
                {
                    if (conditional.Condition is IBinaryOperation comparison)
                    {
                        var left = DomainFacts.Strip(comparison.LeftOperand);
                        var right = DomainFacts.Strip(comparison.RightOperand);
                        var greater = comparison.OperatorKind == BinaryOperatorKind.GreaterThan || comparison.OperatorKind == BinaryOperatorKind.GreaterThanOrEqual;
                        var less = comparison.OperatorKind == BinaryOperatorKind.LessThan || comparison.OperatorKind == BinaryOperatorKind.LessThanOrEqual;
                        if ((greater && IsLocal(right, local)) || (less && IsLocal(left, local)))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (parent is IBlockOperation || parent is IExpressionStatementOperation)
                {
                    continue;
                }

                return false;
            }

            return false;
        }

        private static bool IsLocal(IOperation operation, ILocalSymbol local)
            => operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        /// <summary>
        /// <c>c / (1 + Math.Exp(-x))</c> with a finite <c>c</c>: an infinite exp makes the quotient 0, not NaN.
        /// The exp may be added to or multiplied by finite non-negative terms on the way to the divisor.
        /// </summary>
        internal static bool IsInfinityHarmless(IOperation exp, MethodRanges ranges, KnownSymbols symbols)
        {
            var current = exp;
            var parent = current.Parent;
            while (parent != null)
            {
                if (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    current = parent;
                    parent = parent.Parent;
                    continue;
                }

                if (parent is IBinaryOperation binary && binary.LeftOperand != null && binary.RightOperand != null)
                {
                    var other = ReferenceEquals(binary.LeftOperand, current) ? binary.RightOperand : binary.RightOperand == current ? binary.LeftOperand : null;
                    if (other is null)
                    {
                        return false;
                    }

                    if (binary.OperatorKind == BinaryOperatorKind.Add || binary.OperatorKind == BinaryOperatorKind.Multiply)
                    {
                        var facts = DomainFacts.Of(other, ranges, symbols);
                        var finiteNonNegative = !facts.IsEmpty && facts.Lo >= 0 && !double.IsInfinity(facts.Hi) && !facts.Range.MayBeNaN;
                        var positive = binary.OperatorKind == BinaryOperatorKind.Multiply ? facts.Lo > 0 : true;
                        if (!finiteNonNegative || !positive)
                        {
                            return false;
                        }

                        current = parent;
                        parent = parent.Parent;
                        continue;
                    }

                    if (binary.OperatorKind == BinaryOperatorKind.Divide && ReferenceEquals(binary.RightOperand, current))
                    {
                        var dividend = DomainFacts.Of(binary.LeftOperand, ranges, symbols);
                        return !dividend.IsEmpty && !double.IsInfinity(dividend.Lo) && !double.IsInfinity(dividend.Hi);
                    }
                }

                return false;
            }

            return false;
        }
    }
}

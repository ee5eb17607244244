using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Ranges;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>The property keys the domain analyzers hand to the fixer (the conclusions of the analysis).</summary>
    internal static class DomainProperties
    {
        /// <summary>"true" when the guarded value is known to be &gt;= 0 (a divisor or a torch.sqrt argument).</summary>
        public const string NonNegative = "NonNegative";

        /// <summary>"true" when 0 itself is the risk (1/sqrt(0), rsqrt, the gradient of torch.sqrt): the fix clamps to eps, not 0.</summary>
        public const string ZeroIsRisk = "ZeroIsRisk";

        /// <summary>"SoftMax" for a TensorPrimitives.SoftMax call.</summary>
        public const string Shape = "Shape";

        public const string SoftMaxShape = "SoftMax";
    }

    /// <summary>What the five domain analyzers share: registration, the divisor test, reporting.</summary>
    internal static class DomainRule
    {
        /// <summary>ln(double.MaxValue): exp of anything above overflows to +inf.</summary>
        public static readonly double DoubleExpLimit = Math.Log(double.MaxValue);

        /// <summary>ln(float.MaxValue): MathF.Exp of anything above overflows to +inf (MathF.Exp(89f) is +inf).</summary>
        public static readonly double SingleExpLimit = Math.Log(float.MaxValue);

        /// <summary>ln(Half.MaxValue) = ln(65504).</summary>
        public static readonly double HalfExpLimit = Math.Log(65504.0);

        /// <summary>Calls <paramref name="register"/> for a compilation that references any API the family covers.</summary>
        public static void OnCompilationStart(CompilationStartAnalysisContext start, Action<CompilationStartAnalysisContext, KnownSymbols> register)
        {
            var symbols = KnownSymbols.For(start.Compilation);
            if (symbols.Math is null && symbols.MathF is null && symbols.TorchSharpTorch is null && symbols.MathNetVector is null)
            {
                return;
            }

            register(start, symbols);
        }

        public static ImmutableDictionary<string, string?> Properties(params (string Key, bool Value)[] flags)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            foreach (var (key, value) in flags)
            {
                if (value)
                {
                    builder[key] = "true";
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True when <paramref name="operation"/> (through conversions and parentheses) is the divisor of a
        /// floating-point division: the right operand of <c>/</c> or the value of <c>/=</c>.
        /// </summary>
        public static bool IsDivisor(IOperation operation)
        {
            var current = operation;
            var parent = current.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Divide:
                    return ReferenceEquals(binary.RightOperand, current);
                case ICompoundAssignmentOperation compound when compound.OperatorKind == BinaryOperatorKind.Divide:
                    return ReferenceEquals(compound.Value, current);
                default:
                    return false;
            }
        }

        /// <summary>The exp overflow limit for the element type of <paramref name="call"/>.</summary>
        public static double ExpLimit(DomainCall call)
        {
            switch (call.Element)
            {
                case ElementType.Single:
                case ElementType.Tensor:
                    return SingleExpLimit;
                case ElementType.Half:
                    return HalfExpLimit;
                default:
                    return DoubleExpLimit;
            }
        }

        public static MethodRanges RangesFor(IOperation operation, System.Threading.CancellationToken cancellationToken)
            => MethodRanges.For(operation, cancellationToken);

        /// <summary>
        /// What the shape of <paramref name="value"/> alone says (<c>Math.Max(d, eps)</c>, <c>x * x + eps</c>, a guard
        /// around it), without the method's range analysis: the analysis only ever narrows this, so when it already
        /// rules the risk out, the method need not be analysed at all.
        /// </summary>
        public static DomainFacts StructuralFacts(IOperation value, KnownSymbols symbols)
            => DomainFacts.Of(value, MethodRanges.Empty, symbols);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Comparison
{
    /// <summary>What kind of comparison with NaN a binary operation is.</summary>
    internal enum NaNComparisonKind
    {
        /// <summary><c>x == NaN</c>: always false; fixable as <c>T.IsNaN(x)</c>.</summary>
        Equality,

        /// <summary><c>x != NaN</c>: always true; fixable as <c>!T.IsNaN(x)</c>.</summary>
        Inequality,

        /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>: always false; no fix (the intent is unknown).</summary>
        Relational,
    }

    /// <summary>What the code fix writes for a comparison.</summary>
    internal enum NaNComparisonFix
    {
        /// <summary>No fix: a relational comparison, two NaN operands, or a lifted comparison no rewrite fits.</summary>
        None,

        /// <summary><c>T.IsNaN(x)</c> / <c>!T.IsNaN(x)</c>.</summary>
        IsNaNCall,

        /// <summary>
        /// <c>x is double.NaN</c> / <c>x is not double.NaN</c> for a nullable <c>x</c> of the comparison's type (a
        /// <c>double?</c> or <c>float?</c>): the constant pattern matches NaN, and is false for null.
        /// </summary>
        NaNPattern,
    }

    /// <summary>A comparison with NaN, as <see cref="NaNComparison.TryMatch"/> found it.</summary>
    internal sealed class NaNComparisonMatch
    {
        public NaNComparisonMatch(IBinaryOperation operation, NaNComparisonKind kind, ITypeSymbol comparisonType, bool nanOnLeft, bool bothNaN)
        {
            Operation = operation;
            Kind = kind;
            ComparisonType = comparisonType;
            NaNOnLeft = nanOnLeft;
            BothNaN = bothNaN;
        }

        public IBinaryOperation Operation { get; }

        public NaNComparisonKind Kind { get; }

        /// <summary>
        /// The type the comparison is performed in, after conversions (<c>double</c> for
        /// <c>d == float.NaN</c>, <c>T</c> for <c>x == T.NaN</c>); for a lifted comparison, the
        /// underlying type of the nullable.
        /// </summary>
        public ITypeSymbol ComparisonType { get; }

        /// <summary>True when NaN is the left operand (<c>double.NaN == x</c>).</summary>
        public bool NaNOnLeft { get; }

        /// <summary>True when both operands are NaN (<c>double.NaN == double.NaN</c>): a constant, no fix.</summary>
        public bool BothNaN { get; }

        /// <summary>A lifted comparison (<c>double? x; x == double.NaN</c>): <c>T.IsNaN(x)</c> would not compile.</summary>
        public bool IsLifted => Operation.IsLifted;

        /// <summary>The operand that is not NaN (the left one when both are).</summary>
        public IOperation OtherOperand => NaNOnLeft && !BothNaN ? Operation.RightOperand : Operation.LeftOperand;

        /// <summary>What the fix writes (<see cref="NaNComparisonFix.None"/>: no fix is offered).</summary>
        public NaNComparisonFix Fix
        {
            get
            {
                if (Kind == NaNComparisonKind.Relational || BothNaN)
                {
                    return NaNComparisonFix.None;
                }

                if (!IsLifted)
                {
                    return NaNComparisonFix.IsNaNCall;
                }

                // Lifted: look at the operand as written, before its implicit conversion to the nullable type.
                var written = OtherOperand;
                while (written is IConversionOperation conversion && conversion.IsImplicit && conversion.OperatorMethod is null)
                {
                    written = conversion.Operand;
                }

                var writtenType = written.Type?.WithNullableAnnotation(NullableAnnotation.None);
                if (SymbolEqualityComparer.Default.Equals(writtenType, ComparisonType))
                {
                    // `x == (double?)double.NaN` with a double x: the plain fix applies.
                    return NaNComparisonFix.IsNaNCall;
                }

                var isConstantType = ComparisonType.SpecialType == SpecialType.System_Double || ComparisonType.SpecialType == SpecialType.System_Single;
                return isConstantType
                    && writtenType is INamedTypeSymbol named
                    && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                    && named.TypeArguments.Length == 1
                    && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], ComparisonType)
                    ? NaNComparisonFix.NaNPattern
                    : NaNComparisonFix.None;
            }
        }
    }

    /// <summary>
    /// Recognises <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> performed in an IEEE
    /// floating-point type (<c>double</c>, <c>float</c>, <c>System.Half</c>, or a type parameter constrained to
    /// <c>IFloatingPointIeee754&lt;T&gt;</c>) with an operand that is NaN: a constant whose value is NaN
    /// (<c>double.NaN</c>, <c>float.NaN</c>, a user constant, <c>0.0 / 0.0</c>), <c>Half.NaN</c>, or <c>T.NaN</c>.
    /// Shared by the analyzer and the fixer, so both decide the same way. Matching is by resolved symbol
    /// and constant value, never by text.
    /// </summary>
    internal static class NaNComparison
    {
        private const int MaxConstraintDepth = 8;

        public static bool TryMatch(IBinaryOperation? operation, KnownSymbols? symbols, out NaNComparisonMatch? match)
        {
            match = null;
            if (operation is null || symbols is null)
            {
                return false;
            }

            NaNComparisonKind kind;
            switch (operation.OperatorKind)
            {
                case BinaryOperatorKind.Equals:
                    kind = NaNComparisonKind.Equality;
                    break;
                case BinaryOperatorKind.NotEquals:
                    kind = NaNComparisonKind.Inequality;
                    break;
                case BinaryOperatorKind.LessThan:
                case BinaryOperatorKind.LessThanOrEqual:
                case BinaryOperatorKind.GreaterThan:
                case BinaryOperatorKind.GreaterThanOrEqual:
                    kind = NaNComparisonKind.Relational;
                    break;
                default:
                    return false;
            }

            var left = operation.LeftOperand;
            var right = operation.RightOperand;
            if (left is null || right is null || left is IInvalidOperation || right is IInvalidOperation)
            {
                return false;
            }

            var comparisonType = GetComparisonType(operation, symbols);
            if (comparisonType is null)
            {
                return false;
            }

            var nanLeft = IsNaN(left, symbols);
            var nanRight = IsNaN(right, symbols);
            if (!nanLeft && !nanRight)
            {
                return false;
            }

            // The generic-math operators take `TSelf?`: the fix and the message name the type itself.
            comparisonType = comparisonType.WithNullableAnnotation(NullableAnnotation.None);
            match = new NaNComparisonMatch(operation, kind, comparisonType, nanLeft, nanLeft && nanRight);
            return true;
        }

        /// <summary>
        /// The IEEE floating-point type the operator compares in, or null when the operator is not an IEEE
        /// comparison (a user-defined operator of another type, a reference comparison of boxed values ...).
        /// </summary>
        private static ITypeSymbol? GetComparisonType(IBinaryOperation operation, KnownSymbols symbols)
        {
            var method = operation.OperatorMethod;
            ITypeSymbol? type;
            if (method is null)
            {
                // A built-in operator: the operands carry their implicit conversions, so their type is the
                // type of the comparison (double for `d == float.NaN`).
                type = operation.LeftOperand?.Type;
                if (type is null || !SymbolEqualityComparer.Default.Equals(type, operation.RightOperand?.Type))
                {
                    return null;
                }

                type = Unwrap(type, operation.IsLifted);
                return type != null && (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single)
                    ? type
                    : null;
            }

            if (method.Parameters.Length != 2)
            {
                return null;
            }

            type = Unwrap(method.Parameters[0].Type, operation.IsLifted);
            if (type is null || !SymbolEqualityComparer.Default.Equals(Unwrap(method.Parameters[1].Type, operation.IsLifted), type))
            {
                return null;
            }

            // Half's own operators.
            if (symbols.Half != null
                && SymbolEqualityComparer.Default.Equals(type, symbols.Half)
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Half))
            {
                return type;
            }

            // Generic math: IEqualityOperators<T, T, bool>.op_Equality / IComparisonOperators<...> on a type
            // parameter constrained to IFloatingPointIeee754<T>.
            if (type is ITypeParameterSymbol typeParameter
                && method.ContainingType?.TypeKind == TypeKind.Interface
                && IsIeeeTypeParameter(typeParameter, symbols))
            {
                return type;
            }

            return null;
        }

        private static ITypeSymbol? Unwrap(ITypeSymbol? type, bool lifted)
        {
            if (type is null || !lifted)
            {
                return type;
            }

            return type is INamedTypeSymbol named
                && named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
                && named.TypeArguments.Length == 1
                ? named.TypeArguments[0]
                : type;
        }

        /// <summary>True for a type parameter whose constraints include <c>IFloatingPointIeee754&lt;itself&gt;</c>.</summary>
        public static bool IsIeeeTypeParameter(ITypeParameterSymbol typeParameter, KnownSymbols symbols)
            => symbols.IFloatingPointIeee754 != null && HasIeeeConstraint(typeParameter, typeParameter, symbols.IFloatingPointIeee754, 0);

        private static bool HasIeeeConstraint(ITypeParameterSymbol typeParameter, ITypeParameterSymbol self, INamedTypeSymbol ieee, int depth)
        {
            if (depth > MaxConstraintDepth)
            {
                return false;
            }

            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (constraint is ITypeParameterSymbol other)
                {
                    if (HasIeeeConstraint(other, self, ieee, depth + 1))
                    {
                        return true;
                    }

                    continue;
                }

                if (IsIeeeOf(constraint, self, ieee))
                {
                    return true;
                }

                foreach (var inherited in constraint.AllInterfaces)
                {
                    if (IsIeeeOf(inherited, self, ieee))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsIeeeOf(ITypeSymbol type, ITypeSymbol self, INamedTypeSymbol ieee)
            => type is INamedTypeSymbol named
               && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ieee)
               && named.TypeArguments.Length == 1
               && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], self);

        /// <summary>
        /// True when <paramref name="operand"/> is NaN: a constant whose value is NaN (through any implicit or
        /// explicit numeric conversion), <c>Half.NaN</c>, or the <c>NaN</c> of a type parameter
        /// (<c>IFloatingPointIeee754&lt;T&gt;.NaN</c>).
        /// </summary>
        public static bool IsNaN(IOperation? operand, KnownSymbols symbols)
        {
            for (var depth = 0; operand != null && depth < 16; depth++)
            {
                if (operand.ConstantValue.HasValue)
                {
                    // A constant is what it is: (double)(int)double.NaN is not NaN.
                    return IsNaNConstant(operand.ConstantValue);
                }

                switch (operand)
                {
                    case IPropertyReferenceOperation property:
                        return IsNaNProperty(property.Property, symbols);
                    case IConversionOperation conversion:
                        if (conversion.OperatorMethod != null && !IsHalfConversion(conversion.OperatorMethod, symbols))
                        {
                            // A user-defined conversion may map NaN to anything.
                            return false;
                        }

                        if (!IsFloatingTarget(conversion.Type, symbols))
                        {
                            // NaN converted to an integer (or boxed to object) is no longer a floating NaN.
                            return false;
                        }

                        operand = conversion.Operand;
                        break;
                    default:
                        return false;
                }
            }

            return false;
        }

        private static bool IsNaNConstant(Optional<object?> constant)
        {
            if (!constant.HasValue)
            {
                return false;
            }

            switch (constant.Value)
            {
                case double d:
                    return double.IsNaN(d);
                case float f:
                    return float.IsNaN(f);
                default:
                    return false;
            }
        }

        private static bool IsNaNProperty(IPropertySymbol? property, KnownSymbols symbols)
        {
            if (property is null || !property.IsStatic || property.Name != "NaN" || property.ContainingType is null)
            {
                return false;
            }

            var containing = property.ContainingType;
            if (symbols.Half != null && SymbolEqualityComparer.Default.Equals(containing, symbols.Half))
            {
                return true;
            }

            // T.NaN binds to the interface's static abstract property.
            return symbols.IFloatingPointIeee754 != null
                && SymbolEqualityComparer.Default.Equals(containing.OriginalDefinition, symbols.IFloatingPointIeee754);
        }

        private static bool IsFloatingTarget(ITypeSymbol? type, KnownSymbols symbols)
        {
            type = Unwrap(type, lifted: true);
            return symbols.IsIeeeFloatingPoint(type)
                || (type is ITypeParameterSymbol typeParameter && IsIeeeTypeParameter(typeParameter, symbols));
        }

        /// <summary>Half's conversions (<c>(Half)double.NaN</c>) keep NaN a NaN.</summary>
        private static bool IsHalfConversion(IMethodSymbol method, KnownSymbols symbols)
            => symbols.Half != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Half);
    }
}

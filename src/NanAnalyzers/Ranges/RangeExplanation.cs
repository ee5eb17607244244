using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Ranges
{
    /// <summary>The human reasons behind a range, and the "discarded infinity" question.</summary>
    internal static class RangeExplanation
    {
        private const int MaxTextLength = 40;

        public static string Explain(MethodRanges ranges, IOperation value, IOperation? body)
        {
            if (value is null)
            {
                return "nothing bounds the value";
            }

            var range = ranges.RangeOf(value);
            var core = RangeEngine.StripConversions(value);
            var text = "'" + Shorten(value.Syntax.ToString()) + "'";
            if (range.IsUnknown || (range.MayBeNaN && range.MayBeNegativeInfinity && range.MayBePositiveInfinity))
            {
                switch (core)
                {
                    case IParameterReferenceOperation:
                        return text + " is a parameter: nothing bounds it";
                    case IFieldReferenceOperation:
                        return text + " is a field: nothing bounds it";
                    case IPropertyReferenceOperation:
                        return text + " is a property: nothing bounds it";
                    case IArrayElementReferenceOperation:
                        return text + " is an array element: nothing bounds it";
                    case IInvocationOperation invocation:
                        return text + " is the result of '" + invocation.TargetMethod.Name + "': nothing bounds it";
                    default:
                        return "nothing bounds " + text;
                }
            }

            var what = string.Empty;
            if (core is ILocalReferenceOperation local && body != null && IsAccumulated(local.Local, body))
            {
                what = "a sum ";
            }
            else if (core is IPropertyReferenceOperation { Property.Name: "Length" or "Count" or "LongLength" })
            {
                what = "a count ";
            }
            else if (core is IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" })
            {
                what = "a count ";
            }

            var explanation = text + " is " + what + "in " + range;
            if (what.Length > 0 && range.MayBeZero)
            {
                explanation += " (it may be 0)";
            }

            return explanation;
        }

        private static bool IsAccumulated(ILocalSymbol local, IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target }
                    && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Shorten(string text)
        {
            text = text.Replace("\r", " ").Replace("\n", " ");
            return text.Length <= MaxTextLength ? text : text.Substring(0, MaxTextLength - 3) + "...";
        }

        public static bool IsOnlyUsedWhereFinite(MethodRanges ranges, IOperation operation, IOperation? body, KnownSymbols? symbols)
        {
            if (body is null || symbols is null)
            {
                return false;
            }

            var value = operation;
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                value = parent;
                parent = parent.Parent;
            }

            if (IsHarmlessUse(value, parent, symbols))
            {
                return true;
            }

            ILocalSymbol? local = null;
            var definitionEnd = operation.Syntax.Span.End;
            switch (parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    local = declarator.Symbol;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value:
                    local = target.Local;
                    break;
                case IArgumentOperation { Parent: IInvocationOperation invocation }
                    when KnownCalls.FamilyOf(invocation.TargetMethod, symbols) == KnownCalls.Family.ScalarMath
                        && (invocation.TargetMethod.Name == "Min" || invocation.TargetMethod.Name == "Max" || invocation.TargetMethod.Name == "Clamp"):
                    return ranges.RangeOf(invocation).IsFinite;
            }

            if (local is null || local.IsRef)
            {
                return false;
            }

            var reads = 0;
            foreach (var candidate in body.Descendants())
            {
                if (!(candidate is ILocalReferenceOperation reference) || reference.IsDeclaration
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    || reference.Syntax.SpanStart < definitionEnd)
                {
                    continue;
                }

                if (reference.Parent is ISimpleAssignmentOperation redefinition && redefinition.Target == reference)
                {
                    continue;
                }

                if (MethodRanges.FindBody(reference) != body)
                {
                    return false; // read by a lambda or local function
                }

                var use = (IOperation)reference;
                var useParent = use.Parent;
                while (useParent is IConversionOperation)
                {
                    use = useParent;
                    useParent = useParent.Parent;
                }

                reads++;
                if (IsHarmlessUse(use, useParent, symbols))
                {
                    continue;
                }

                // Guarded: NaN and +inf are excluded where it is used (rate < 1). A -inf left only by a
                // numerator of unknown sign is accepted: a guard like rate < 1 is written for a positive one.
                var range = ranges.RangeOf(reference);
                if (!range.IsEmptyInterval && (range.MayBeNaN || range.MayBePositiveInfinity))
                {
                    return false;
                }
            }

            return reads > 0;
        }

        /// <summary>A use that only decides a branch: a comparison, or a finiteness check.</summary>
        private static bool IsHarmlessUse(IOperation value, IOperation? parent, KnownSymbols symbols)
        {
            switch (parent)
            {
                case IBinaryOperation { OperatorMethod: null } binary:
                    switch (binary.OperatorKind)
                    {
                        case BinaryOperatorKind.LessThan:
                        case BinaryOperatorKind.LessThanOrEqual:
                        case BinaryOperatorKind.GreaterThan:
                        case BinaryOperatorKind.GreaterThanOrEqual:
                        case BinaryOperatorKind.Equals:
                        case BinaryOperatorKind.NotEquals:
                            return true;
                    }

                    return false;
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    return KnownCalls.ClassificationCheck(invocation.TargetMethod, symbols) != null;
                case IRelationalPatternOperation:
                case IIsPatternOperation:
                    return true;
                default:
                    return false;
            }
        }
    }
}

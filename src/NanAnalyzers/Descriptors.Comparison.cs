using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    internal static partial class Descriptors
    {
        /// <summary>
        /// NAN301: a comparison with NaN, which is never true (or, for <c>!=</c>, always true).
        /// Arguments: {0} the comparison (quoted) or "This comparison"; {1} "false" or "true";
        /// {2} what to write instead.
        /// </summary>
        public static readonly DiagnosticDescriptor NAN301 = Create(
            "NAN301",
            "Comparison with NaN is never true",
            "{0} is always {1}: NaN is unordered and unequal to every value, itself included; {2}",
            ComparisonCategory,
            "Every equality or ordered comparison with NaN is false, and '!=' is true, whatever the other operand is, so a test such as 'x == double.NaN' never detects a NaN. Use T.IsNaN(x) (double.IsNaN, float.IsNaN, Half.IsNaN, or T.IsNaN in generic math).");
    }
}

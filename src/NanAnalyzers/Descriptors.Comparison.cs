using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    internal static partial class Descriptors
    {
        /// <summary>NAN301: a comparison with NaN, which is never true (or, for <c>!=</c>, always true).</summary>
        public static readonly DiagnosticDescriptor NAN301 = Create(
            "NAN301",
            "Comparison with NaN is never true",
            "'{0}' is always {1}: NaN compares unequal to every value, itself included; use {2}",
            ComparisonCategory,
            "Every ordered or equality comparison with NaN is false (and '!=' is true), so a test such as 'x == double.NaN' never detects a NaN. Use T.IsNaN(x).");
    }
}

using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    /// <summary>
    /// The one factory for every <see cref="DiagnosticDescriptor"/> of the package: each rule gets its
    /// ID, category, default severity and help link the same way. The rules themselves live in the
    /// family files (<c>Descriptors.Domain.cs</c>, <c>Descriptors.Stability.cs</c>,
    /// <c>Descriptors.Comparison.cs</c>, <c>Descriptors.Training.cs</c>).
    /// </summary>
    internal static partial class Descriptors
    {
        /// <summary>The repository the help links point into.</summary>
        public const string RepositoryUrl = "https://github.com/NanAnalyzers/NanAnalyzers";

        public const string DomainCategory = "NaN.Domain";
        public const string StabilityCategory = "NaN.Stability";
        public const string ComparisonCategory = "NaN.Comparison";
        public const string TrainingCategory = "NaN.Training";

        /// <summary>The help link of a rule: its page under <c>docs/rules</c>.</summary>
        public static string HelpLink(string id) => RepositoryUrl + "/blob/main/docs/rules/" + id + ".md";

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            string description,
            DiagnosticSeverity severity = DiagnosticSeverity.Warning)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id));
        }
    }
}

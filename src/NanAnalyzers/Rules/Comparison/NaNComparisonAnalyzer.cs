using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Comparison
{
    /// <summary>
    /// NAN301: <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> with a NaN operand. Every such
    /// comparison is false (<c>!=</c> is true) whatever the other operand is, so it never detects a NaN.
    /// Reported on the comparison.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NaNComparisonAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxShownLength = 60;

        private const int MaxOperandLength = 30;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NAN301);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Binary);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols)
        {
            if (context.Operation is not IBinaryOperation binary
                || !NaNComparison.TryMatch(binary, symbols, out var match)
                || match is null)
            {
                return;
            }

            var syntax = binary.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN301,
                syntax.GetLocation(),
                Quoted(OneLine(syntax, MaxShownLength)) ?? "This comparison",
                match.Kind == NaNComparisonKind.Inequality ? "true" : "false",
                Advice(match)));
        }

        /// <summary>The advice at the end of the message: what to write instead.</summary>
        private static string Advice(NaNComparisonMatch match)
        {
            var type = match.ComparisonType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            if (match.BothNaN)
            {
                return "both operands are NaN, so the result is a constant; to test a value use " + type + ".IsNaN(x)";
            }

            var other = OneLine(match.OtherOperand.Syntax, MaxOperandLength) ?? "x";
            if (match.IsLifted && match.Fix != NaNComparisonFix.IsNaNCall)
            {
                // Before `.HasValue` or `is`, an operand such as `(float?)f` or `a + n` needs parentheses.
                if (other != "x" && !IsPrimary(match.OtherOperand.Syntax))
                {
                    other = "(" + other + ")";
                }

                if (match.Fix == NaNComparisonFix.NaNPattern)
                {
                    return "use " + other + (match.Kind == NaNComparisonKind.Inequality ? " is not " : " is ") + type + ".NaN";
                }

                return "to test the nullable value use " + other + ".HasValue && " + type + ".IsNaN(" + other + ".Value)";
            }

            switch (match.Kind)
            {
                case NaNComparisonKind.Equality:
                    return "use " + type + ".IsNaN(" + other + ")";
                case NaNComparisonKind.Inequality:
                    return "use !" + type + ".IsNaN(" + other + ")";
                default:
                    return "to test for NaN use " + type + ".IsNaN(" + other + ")";
            }
        }

        private static bool IsPrimary(SyntaxNode syntax)
            => syntax is IdentifierNameSyntax
               || syntax is MemberAccessExpressionSyntax
               || syntax is InvocationExpressionSyntax
               || syntax is ElementAccessExpressionSyntax
               || syntax is ParenthesizedExpressionSyntax
               || syntax is ThisExpressionSyntax;

        private static string? Quoted(string? text) => text is null ? null : "'" + text + "'";

        /// <summary>
        /// The code of <paramref name="node"/> on one line, without its comments (tokens one space apart where
        /// the source had any trivia between them), or null when it is longer than <paramref name="maxLength"/>
        /// and so too long to read in a message.
        /// </summary>
        private static string? OneLine(SyntaxNode node, int maxLength)
        {
            var builder = new StringBuilder();
            var previous = default(SyntaxToken);
            foreach (var token in node.DescendantTokens())
            {
                if (builder.Length > 0 && (previous.TrailingTrivia.Count > 0 || token.LeadingTrivia.Count > 0))
                {
                    builder.Append(' ');
                }

                builder.Append(token.Text);
                previous = token;
                if (builder.Length > maxLength)
                {
                    return null;
                }
            }

            return builder.Length == 0 ? null : builder.ToString();
        }
    }
}

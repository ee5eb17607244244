using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace NanAnalyzers.CodeFixes.Common
{
    /// <summary>Pieces every fixer shares: NanGuard calls with their using directive, epsilon literals, trivia.</summary>
    internal static partial class FixUtilities
    {
        /// <summary>
        /// The fix FixAll under <paramref name="requestedKey"/> applies to a diagnostic with the planned
        /// <paramref name="fixes"/> (in the order offered): the one of that kind where the diagnostic offers it, its
        /// first otherwise. <c>dotnet format</c> runs FixAll with the key of the first action of the first diagnostic it
        /// meets, in an order it does not fix; were only that kind applied (<c>binary_cross_entropy_with_logits</c> on
        /// one line), the diagnostics of other shapes (<c>cross_entropy</c> on the next) would stay, depending on that
        /// order. Fix All fixes all: each diagnostic by the kind asked for where it applies, by its recommended fix where
        /// it does not.
        /// </summary>
        public static T? ChooseForFixAll<T>(System.Collections.Generic.IReadOnlyList<T> fixes, Func<T, string> keyOf, string? requestedKey)
            where T : class
        {
            foreach (var fix in fixes)
            {
                if (keyOf(fix) == requestedKey)
                {
                    return fix;
                }
            }

            return fixes.Count > 0 ? fixes[0] : null;
        }

        /// <summary>
        /// <c>global::NanGuard.&lt;type&gt;.&lt;method&gt;</c>, annotated for the simplifier. The name carries no symbol
        /// annotation, so the code-action clean-up alone only shortens it to <c>NanGuard.&lt;type&gt;</c>: a fixer
        /// that uses it returns its document through <see cref="WithNanGuardImportsAsync"/>, which adds
        /// <c>using NanGuard;</c> and lets the clean-up reduce the name to <c>&lt;type&gt;.&lt;method&gt;</c>.
        /// </summary>
        public static ExpressionSyntax NanGuardMember(string typeName, string methodName)
        {
            var type = SyntaxFactory.ParseTypeName("global::NanGuard." + typeName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            return SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                (ExpressionSyntax)type,
                SyntaxFactory.IdentifierName(methodName));
        }

        /// <summary>
        /// <paramref name="document"/> with its root replaced and a <c>using NanGuard;</c> added for the names built by
        /// <see cref="NanGuardMember"/> (they carry no symbol annotation, so the clean-up alone would only shorten
        /// <c>global::NanGuard.X</c> to <c>NanGuard.X</c>).
        /// </summary>
        public static async System.Threading.Tasks.Task<Document> WithNanGuardImportsAsync(Document document, SyntaxNode newRoot, System.Threading.CancellationToken cancellationToken)
        {
            var changed = document.WithSyntaxRoot(newRoot);
            return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, null, cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>NanGuard.&lt;type&gt;.&lt;method&gt;(args)</c> as an invocation (see <see cref="NanGuardMember"/>).</summary>
        public static InvocationExpressionSyntax NanGuardCall(string typeName, string methodName, params ExpressionSyntax[] arguments)
        {
            var list = SyntaxFactory.SeparatedList(Array.ConvertAll(arguments, a => SyntaxFactory.Argument(a.WithoutTrivia())));
            return SyntaxFactory.InvocationExpression(NanGuardMember(typeName, methodName), SyntaxFactory.ArgumentList(list));
        }

        /// <summary>
        /// A literal for <paramref name="value"/> in the given type: <c>1E-12</c> for double, <c>1E-07F</c> for float,
        /// written the short round-trip way (<c>1e-12</c>, <c>1e-7f</c>).
        /// </summary>
        public static LiteralExpressionSyntax NumberLiteral(double value, bool isFloat)
        {
            if (isFloat)
            {
                var f = (float)value;
                var text = FormatShort(f.ToString("R", CultureInfo.InvariantCulture)) + "f";
                return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(text, f));
            }

            var d = FormatShort(value.ToString("R", CultureInfo.InvariantCulture));
            if (d.IndexOfAny(new[] { '.', 'e', 'E' }) < 0)
            {
                d += ".0";
            }

            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(d, value));
        }

        /// <summary>"1E-12" -> "1e-12", "1E-07" -> "1e-7", "1E+20" -> "1e20".</summary>
        private static string FormatShort(string roundTrip)
        {
            var e = roundTrip.IndexOf('E');
            if (e < 0)
            {
                return roundTrip;
            }

            var mantissa = roundTrip.Substring(0, e);
            var exponent = roundTrip.Substring(e + 1);
            var negative = exponent.StartsWith("-", StringComparison.Ordinal);
            exponent = exponent.TrimStart('+', '-').TrimStart('0');
            if (exponent.Length == 0)
            {
                exponent = "0";
            }

            return mantissa + "e" + (negative ? "-" : string.Empty) + exponent;
        }

        /// <summary><paramref name="replacement"/> with the leading and trailing trivia of <paramref name="original"/>.</summary>
        public static TNode WithTriviaOf<TNode>(this TNode replacement, SyntaxNode original)
            where TNode : SyntaxNode
            => replacement.WithLeadingTrivia(original.GetLeadingTrivia()).WithTrailingTrivia(original.GetTrailingTrivia());
    }
}

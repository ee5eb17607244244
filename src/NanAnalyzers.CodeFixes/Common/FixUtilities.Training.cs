using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace NanAnalyzers.CodeFixes.Common
{
    internal static partial class FixUtilities
    {
        /// <summary>
        /// A literal for <paramref name="value"/> written in the type and form of <paramref name="original"/>: its
        /// suffix (<c>f</c>, <c>F</c>, <c>d</c>, <c>m</c>) and its exponent notation are kept, so <c>1f</c> becomes
        /// <c>0.001f</c>, <c>0.5</c> becomes <c>0.001</c> and <c>1e0</c> becomes <c>1e-3</c>. When the original is
        /// not a literal, the suffix follows <paramref name="type"/>.
        /// </summary>
        public static LiteralExpressionSyntax LiteralInFormOf(ExpressionSyntax original, double value, ITypeSymbol? type)
        {
            var suffix = string.Empty;
            var exponent = false;
            if (original is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression))
            {
                var text = literal.Token.Text;
                var hex = text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) || text.StartsWith("0b", System.StringComparison.OrdinalIgnoreCase);
                var last = text[text.Length - 1];
                if (!hex && "fFdDmM".IndexOf(last) >= 0)
                {
                    suffix = last.ToString();
                }

                exponent = !hex && text.IndexOfAny(new[] { 'e', 'E' }) >= 0;
            }
            else if (type?.SpecialType == SpecialType.System_Single)
            {
                suffix = "f";
            }

            var isFloat = suffix == "f" || suffix == "F";
            var isDecimal = suffix == "m" || suffix == "M";
            string body;
            if (exponent)
            {
                body = value.ToString("0.###############e0", CultureInfo.InvariantCulture);
            }
            else
            {
                body = isFloat
                    ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
                    : value.ToString("R", CultureInfo.InvariantCulture);
                if (body.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 && !isFloat && !isDecimal && suffix.Length == 0)
                {
                    body += ".0";
                }
            }

            var full = body + suffix;
            SyntaxToken token;
            if (isFloat)
            {
                token = SyntaxFactory.Literal(full, (float)value);
            }
            else if (isDecimal)
            {
                token = SyntaxFactory.Literal(full, (decimal)value);
            }
            else
            {
                token = SyntaxFactory.Literal(full, value);
            }

            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, token).WithTriviaOf(original);
        }

        /// <summary>
        /// <paramref name="statement"/> inserted before <paramref name="anchor"/> (a statement in a block, or the
        /// single-statement body of a loop or an <c>if</c>, which becomes a block), with the anchor's indentation.
        /// </summary>
        public static SyntaxNode InsertBefore(SyntaxNode root, StatementSyntax anchor, StatementSyntax statement)
        {
            statement = statement.WithLeadingTrivia(Indentation(anchor)).WithTrailingTrivia(EndOfLine(anchor));
            if (anchor.Parent is BlockSyntax)
            {
                // Blank lines above the anchor go above the new statement; comments stay with the anchor.
                var leading = anchor.GetLeadingTrivia();
                var firstContent = 0;
                while (firstContent < leading.Count
                       && (leading[firstContent].IsKind(SyntaxKind.WhitespaceTrivia) || leading[firstContent].IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    firstContent++;
                }

                var split = 0;
                for (var i = 0; i < firstContent; i++)
                {
                    if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
                    {
                        split = i + 1;
                    }
                }

                var blank = SyntaxFactory.TriviaList(leading.Take(split));
                statement = statement.WithLeadingTrivia(blank.AddRange(Indentation(anchor)));
                var anchorWithoutBlank = anchor.WithLeadingTrivia(SyntaxFactory.TriviaList(leading.Skip(split)));
                return root.ReplaceNode(anchor, new SyntaxNode[] { statement, anchorWithoutBlank });
            }

            var block = SyntaxFactory.Block(statement.WithAdditionalAnnotations(Formatter.Annotation), anchor.WithAdditionalAnnotations(Formatter.Annotation))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return root.ReplaceNode(anchor, block);
        }

        /// <summary>The end-of-line the document around <paramref name="node"/> uses (LF or CRLF).</summary>
        public static SyntaxTrivia EndOfLine(SyntaxNode node)
        {
            var root = node.SyntaxTree.GetRoot();
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.LineFeed;
        }

        /// <summary>The whitespace that indents the first line of <paramref name="node"/>.</summary>
        public static SyntaxTriviaList Indentation(SyntaxNode node)
        {
            var leading = node.GetLeadingTrivia();
            var result = SyntaxFactory.TriviaList();
            foreach (var trivia in leading)
            {
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    result = result.Add(trivia);
                }
                else
                {
                    result = SyntaxFactory.TriviaList();
                }
            }

            return result;
        }

        /// <summary><paramref name="statement"/> as the first statement of the body of <paramref name="loop"/> (a block is made when needed).</summary>
        public static SyntaxNode InsertAtLoopStart(SyntaxNode root, StatementSyntax loopBody, StatementSyntax statement)
        {
            if (loopBody is BlockSyntax block)
            {
                if (block.Statements.Count > 0)
                {
                    return InsertBefore(root, block.Statements[0], statement);
                }

                var indented = statement.WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(block, block.AddStatements(indented).WithAdditionalAnnotations(Formatter.Annotation));
            }

            return InsertBefore(root, loopBody, statement);
        }
    }
}

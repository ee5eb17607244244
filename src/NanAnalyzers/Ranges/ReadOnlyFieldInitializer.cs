using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanAnalyzers.Ranges
{
    /// <summary>The numeric literal a <c>static readonly</c> field is initialised with (<c>= 1e-12</c>, <c>= -1f</c>), if any.</summary>
    internal static class ReadOnlyFieldInitializer
    {
        public static double? LiteralValue(SyntaxNode declarator)
        {
            if (!(declarator is VariableDeclaratorSyntax { Initializer: { } initializer }))
            {
                return null;
            }

            var expression = initializer.Value;
            var negate = false;
            while (true)
            {
                if (expression is ParenthesizedExpressionSyntax parenthesized)
                {
                    expression = parenthesized.Expression;
                }
                else if (expression is PrefixUnaryExpressionSyntax prefix && (prefix.IsKind(SyntaxKind.UnaryMinusExpression) || prefix.IsKind(SyntaxKind.UnaryPlusExpression)))
                {
                    negate ^= prefix.IsKind(SyntaxKind.UnaryMinusExpression);
                    expression = prefix.Operand;
                }
                else
                {
                    break;
                }
            }

            if (!(expression is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.NumericLiteralExpression)
                || !MethodRanges.TryGetNumber(literal.Token.Value, out var value))
            {
                return null;
            }

            return negate ? -value : value;
        }
    }
}

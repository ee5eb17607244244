using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanAnalyzers.Ranges
{
    /// <summary>The numeric literal a <c>static readonly</c> field is initialised with (<c>= 1e-12</c>, <c>= -1f</c>), if any.</summary>
    internal static class ReadOnlyFieldInitializer
    {
        /// <summary>
        /// The length of the array a field is initialised with: <c>= { a, b }</c>, <c>= new[] { a, b }</c>,
        /// <c>= new double[] { a, b }</c>, <c>= new double[3]</c>, <c>= [a, b]</c> (no spread), if any.
        /// </summary>
        public static int? ArrayLength(SyntaxNode declarator)
        {
            if (!(declarator is VariableDeclaratorSyntax { Initializer: { } initializer }))
            {
                return null;
            }

            switch (initializer.Value)
            {
                case InitializerExpressionSyntax list when list.IsKind(SyntaxKind.ArrayInitializerExpression):
                    return list.Expressions.Count;
                case ImplicitArrayCreationExpressionSyntax implicitCreation when implicitCreation.Commas.Count == 0:
                    return implicitCreation.Initializer.Expressions.Count;
                case ArrayCreationExpressionSyntax creation when creation.Type.RankSpecifiers.Count == 1 && creation.Type.RankSpecifiers[0].Sizes.Count == 1:
                    if (creation.Initializer != null)
                    {
                        return creation.Initializer.Expressions.Count;
                    }

                    return creation.Type.RankSpecifiers[0].Sizes[0] is LiteralExpressionSyntax size && size.Token.Value is int n && n >= 0 ? n : (int?)null;
                case CollectionExpressionSyntax collection:
                    foreach (var element in collection.Elements)
                    {
                        if (!(element is ExpressionElementSyntax))
                        {
                            return null;
                        }
                    }

                    return collection.Elements.Count;
                default:
                    return null;
            }
        }

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

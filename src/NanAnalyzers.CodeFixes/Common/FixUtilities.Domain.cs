using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace NanAnalyzers.CodeFixes.Common
{
    /// <summary>Syntax pieces the domain fixes (NAN101–NAN105) build their guards from.</summary>
    internal static partial class FixUtilities
    {
        /// <summary><c>global::System.&lt;name&gt;</c>, reduced by the simplifier to <c>Math</c> / <c>MathF</c> where <c>using System;</c> is in scope.</summary>
        public static ExpressionSyntax SystemType(string name)
            => SyntaxFactory.ParseExpression("global::System." + name).WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary><c>receiver.name(args)</c>.</summary>
        public static InvocationExpressionSyntax Invoke(ExpressionSyntax receiver, string name, params ExpressionSyntax[] arguments)
            => SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AsReceiver(receiver), SyntaxFactory.IdentifierName(name)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments.Select(a => SyntaxFactory.Argument(a)))));

        /// <summary><paramref name="expression"/>, parenthesized unless it can stand before a <c>.</c> as it is.</summary>
        public static ExpressionSyntax AsReceiver(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax _:
                case GenericNameSyntax _:
                case MemberAccessExpressionSyntax _:
                case InvocationExpressionSyntax _:
                case ElementAccessExpressionSyntax _:
                case ParenthesizedExpressionSyntax _:
                case ThisExpressionSyntax _:
                case PredefinedTypeSyntax _:
                case QualifiedNameSyntax _:
                case AliasQualifiedNameSyntax _:
                    return expression;
                default:
                    return SyntaxFactory.ParenthesizedExpression(expression);
            }
        }

        /// <summary><paramref name="expression"/> in parentheses unless it is a primary expression (for an operand of <c>/</c>).</summary>
        public static ExpressionSyntax AsOperand(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case BinaryExpressionSyntax _:
                case ConditionalExpressionSyntax _:
                case AssignmentExpressionSyntax _:
                case CastExpressionSyntax _:
                case LambdaExpressionSyntax _:
                    return SyntaxFactory.ParenthesizedExpression(expression);
                default:
                    return expression;
            }
        }

        /// <summary><c>left + right</c> (an additive or multiplicative left operand needs no parentheses: + is left-associative).</summary>
        public static BinaryExpressionSyntax Add(ExpressionSyntax left, ExpressionSyntax right)
            => SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, IsArithmetic(left) ? left : AsOperand(left), AsOperand(right));

        private static bool IsArithmetic(ExpressionSyntax expression)
            => expression.IsKind(SyntaxKind.AddExpression)
               || expression.IsKind(SyntaxKind.SubtractExpression)
               || expression.IsKind(SyntaxKind.MultiplyExpression)
               || expression.IsKind(SyntaxKind.DivideExpression)
               || expression.IsKind(SyntaxKind.ModuloExpression);

        /// <summary><c>left - right</c>.</summary>
        public static BinaryExpressionSyntax Subtract(ExpressionSyntax left, ExpressionSyntax right)
            => SyntaxFactory.BinaryExpression(SyntaxKind.SubtractExpression, AsOperand(left), AsOperand(right));

        /// <summary><c>-value</c>.</summary>
        public static PrefixUnaryExpressionSyntax Negate(ExpressionSyntax value)
            => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, value);

        /// <summary>An <c>int</c> literal.</summary>
        public static LiteralExpressionSyntax IntLiteral(int value)
            => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary>
        /// <paramref name="replacement"/> in place of <paramref name="original"/>: the replacement takes the
        /// original's leading and trailing trivia, so a comment before or after the value stays where it was.
        /// </summary>
        public static SyntaxNode ReplaceKeepingTrivia(SyntaxNode root, SyntaxNode original, SyntaxNode replacement)
            => root.ReplaceNode(original, replacement.WithTriviaOf(original));
    }
}

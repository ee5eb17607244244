using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace NanAnalyzers.CodeFixes.Common
{
    /// <summary>Pieces the stability fixers (NAN201-NAN204) share: expression templates, TorchSharp and NanGuard roots.</summary>
    internal static partial class FixUtilities
    {
        /// <summary>The placeholder of a template that stands for <c>global::TorchSharp.torch</c>.</summary>
        public const string TorchPlaceholder = "TORCH__";

        /// <summary>The placeholder of a template that stands for <c>global::System.Math</c>.</summary>
        public const string MathPlaceholder = "MATH__";

        /// <summary>The placeholder of a template that stands for <c>global::System.MathF</c>.</summary>
        public const string MathFPlaceholder = "MATHF__";

        /// <summary>
        /// Builds an expression from <paramref name="template"/>: <c>__0</c>, <c>__1</c> ... are replaced by
        /// <paramref name="holes"/> (parenthesized where they are not primary expressions; the parentheses are
        /// removed again by the simplifier where they are not needed), <see cref="TorchPlaceholder"/> by
        /// <c>torch</c>, <see cref="MathPlaceholder"/> by <c>Math</c> (with the using directive added when missing).
        /// </summary>
        public static ExpressionSyntax Template(string template, params ExpressionSyntax[] holes)
        {
            var parsed = SyntaxFactory.ParseExpression(template);
            var names = parsed.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText.EndsWith("__", StringComparison.Ordinal) || n.Identifier.ValueText.StartsWith("__", StringComparison.Ordinal))
                .ToArray();
            return parsed.ReplaceNodes(names, (original, _) =>
            {
                var text = original.Identifier.ValueText;
                switch (text)
                {
                    case TorchPlaceholder:
                        return TypeRoot("TorchSharp.torch");
                    case MathPlaceholder:
                        return TypeRoot("System.Math");
                    case MathFPlaceholder:
                        return TypeRoot("System.MathF");
                }

                var index = int.Parse(text.Substring(2), System.Globalization.CultureInfo.InvariantCulture);
                return AsOperand(holes[index]);
            });
        }

        /// <summary><c>global::&lt;type&gt;</c> as an expression, reduced by the simplifier (adding the using directive).</summary>
        public static ExpressionSyntax TypeRoot(string fullName)
            => SyntaxFactory.ParseExpression("global::" + fullName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary><paramref name="expression"/>, parenthesized (for the simplifier to undo where it can) unless it is primary.</summary>
        public static ExpressionSyntax AsOperand(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax _:
                case GenericNameSyntax _:
                case MemberAccessExpressionSyntax _:
                case InvocationExpressionSyntax _:
                case ElementAccessExpressionSyntax _:
                case LiteralExpressionSyntax _:
                case ParenthesizedExpressionSyntax _:
                case ThisExpressionSyntax _:
                    return expression;
                default:
                    return SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia())
                        .WithTriviaFrom(expression)
                        .WithAdditionalAnnotations(Simplifier.Annotation);
            }
        }

        /// <summary>
        /// True when <paramref name="expression"/> is cheap and free of side effects, so a fix may write it twice:
        /// a name, a member access or element access of names and literals, a literal.
        /// </summary>
        public static bool IsSimpleToRepeat(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax _:
                case LiteralExpressionSyntax _:
                case ThisExpressionSyntax _:
                    return true;
                case ParenthesizedExpressionSyntax p:
                    return IsSimpleToRepeat(p.Expression);
                case MemberAccessExpressionSyntax m:
                    return IsSimpleToRepeat(m.Expression);
                case ElementAccessExpressionSyntax e:
                    return IsSimpleToRepeat(e.Expression) && e.ArgumentList.Arguments.All(a => IsSimpleToRepeat(a.Expression));
                case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                    return IsSimpleToRepeat(u.Operand);
                default:
                    return false;
            }
        }

        /// <summary>The expression of an operation's syntax (the argument's expression for an argument).</summary>
        public static ExpressionSyntax? ExpressionOf(SyntaxNode? syntax)
        {
            switch (syntax)
            {
                case ArgumentSyntax argument:
                    return argument.Expression;
                case ExpressionSyntax expression:
                    return expression;
                default:
                    return null;
            }
        }

        /// <summary>True when <paramref name="candidate"/> binds to a method at <paramref name="position"/> (a NanGuard overload exists for these arguments).</summary>
        public static bool BindsToMethod(SemanticModel model, int position, ExpressionSyntax candidate)
        {
            var info = model.GetSpeculativeSymbolInfo(position, candidate, SpeculativeBindingOption.BindAsExpression);
            return info.Symbol is IMethodSymbol;
        }

        /// <summary>A code action that replaces <paramref name="node"/> by <paramref name="replacement"/>, keeping its trivia.</summary>
        public static CodeAction ReplaceAction(string title, string equivalenceKey, Document document, SyntaxNode node, SyntaxNode replacement)
            => CodeAction.Create(
                title,
                ct => ReplaceAsync(document, node, replacement, ct),
                equivalenceKey);

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var current = root.FindNode(node.Span, getInnermostNodeForTie: true);
            if (current.Span != node.Span || current.RawKind != node.RawKind)
            {
                current = node;
            }

            if (!root.Contains(current))
            {
                return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(current, replacement.WithTriviaOf(current)));
        }

        /// <summary>
        /// The innermost node at <paramref name="span"/> and its ancestors, innermost first: the fixers try each
        /// until their matcher recognises the operation the diagnostic was reported on.
        /// </summary>
        public static System.Collections.Generic.IEnumerable<SyntaxNode> NodesAt(SyntaxNode root, TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current != null && current.Span.Contains(span); current = current.Parent)
            {
                yield return current;
            }
        }
    }
}

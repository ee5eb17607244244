using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
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
                var hole = AsPrimaryOperand(holes[index]);

                // The template's spacing around the placeholder, and the hole's own comments.
                return hole
                    .WithLeadingTrivia(original.GetLeadingTrivia().AddRange(Comments(hole.GetLeadingTrivia())))
                    .WithTrailingTrivia(Comments(hole.GetTrailingTrivia()).AddRange(original.GetTrailingTrivia()));
            });
        }

        /// <summary>The comments of <paramref name="trivia"/>, each followed by a space, without its whitespace and line breaks.</summary>
        private static SyntaxTriviaList Comments(SyntaxTriviaList trivia)
        {
            var result = SyntaxFactory.TriviaList();
            foreach (var item in trivia)
            {
                if (item.IsKind(SyntaxKind.SingleLineCommentTrivia) || item.IsKind(SyntaxKind.MultiLineCommentTrivia))
                {
                    result = result.Add(SyntaxFactory.Space).Add(item);
                }
            }

            return result;
        }

        /// <summary><c>global::&lt;type&gt;</c> as an expression, reduced by the simplifier (adding the using directive).</summary>
        public static ExpressionSyntax TypeRoot(string fullName)
            => SyntaxFactory.ParseExpression("global::" + fullName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary><paramref name="expression"/>, parenthesized (for the simplifier to undo where it can) unless it is primary.</summary>
        public static ExpressionSyntax AsPrimaryOperand(ExpressionSyntax expression)
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

        /// <summary>
        /// Replaces each node by its replacement (keeping the node's trivia, and appending the comments of the node that
        /// the replacement does not carry), in one pass, then adds the using directives the replacements need, once.
        /// Nodes inside another replaced node are left for a later pass.
        /// </summary>
        public static async Task<Document> ApplyReplacementsAsync(
            Document document,
            System.Collections.Generic.IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)> replacements,
            CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || replacements.Count == 0)
            {
                return document;
            }

            var map = new System.Collections.Generic.Dictionary<SyntaxNode, SyntaxNode>();
            var namespaces = new System.Collections.Generic.List<string>();
            foreach (var (node, replacement) in replacements)
            {
                if (!root.Contains(node) || map.ContainsKey(node)
                    || replacements.Any(other => other.Node != node && other.Node.Span.Contains(node.Span) && root.Contains(other.Node)))
                {
                    continue;
                }

                map[node] = WithCommentsOf(replacement.WithTriviaOf(node), node);
                foreach (var name in NamespacesToImport(replacement, model, node.SpanStart))
                {
                    if (!namespaces.Contains(name))
                    {
                        namespaces.Add(name);
                    }
                }
            }

            var newRoot = root.ReplaceNodes(map.Keys, (original, _) => map[original]);
            if (newRoot is CompilationUnitSyntax unit && namespaces.Count > 0)
            {
                newRoot = AddUsings(unit, namespaces.ToArray());
            }

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>
        /// <paramref name="replacement"/> (which already has the node's outer trivia) followed by the comments inside <paramref name="original"/> (not its outer
        /// trivia, which the caller keeps) that the replacement does not already carry: a fix never drops a comment.
        /// </summary>
        private static SyntaxNode WithCommentsOf(SyntaxNode replacement, SyntaxNode original)
        {
            var kept = new System.Collections.Generic.HashSet<string>(
                replacement.DescendantTrivia(descendIntoTrivia: true).Where(IsComment).Select(t => t.ToString()));
            var outer = new System.Collections.Generic.HashSet<SyntaxTrivia>(original.GetLeadingTrivia().Concat(original.GetTrailingTrivia()));
            var lost = original.DescendantTrivia(descendIntoTrivia: true)
                .Where(t => IsComment(t) && !outer.Contains(t) && !kept.Contains(t.ToString()))
                .ToArray();
            if (lost.Length == 0)
            {
                return replacement;
            }

            var moved = SyntaxFactory.TriviaList();
            foreach (var comment in lost)
            {
                moved = moved.Add(SyntaxFactory.Space).Add(comment);
            }

            return replacement.WithTrailingTrivia(moved.AddRange(replacement.GetTrailingTrivia()));
        }

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);

        /// <summary>
        /// The namespaces of the <c>global::N.T</c> nodes of <paramref name="replacement"/> annotated for import
        /// (<see cref="Simplifier.AddImportsAnnotation"/>) whose short name <c>T</c> does not already bind to that type
        /// at <paramref name="position"/>. With the using directive in place the simplifier reduces <c>global::N.T</c> to <c>T</c>.
        /// </summary>
        private static string[] NamespacesToImport(SyntaxNode replacement, SemanticModel model, int position)
        {
            const string prefix = "global::";
            var result = new System.Collections.Generic.List<string>();
            foreach (var node in replacement.GetAnnotatedNodes(Simplifier.AddImportsAnnotation))
            {
                var text = node.ToString();
                if (!text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var type = model.Compilation.GetTypeByMetadataName(text.Substring(prefix.Length));
                var ns = type?.ContainingNamespace;
                if (type is null || ns is null || ns.IsGlobalNamespace || type.ContainingType != null)
                {
                    continue;
                }

                var shortName = SyntaxFactory.ParseExpression(type.Name);
                var bound = model.GetSpeculativeSymbolInfo(position, shortName, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
                if (SymbolEqualityComparer.Default.Equals(bound, type))
                {
                    continue;
                }

                var name = ns.ToDisplayString();
                if (!result.Contains(name))
                {
                    result.Add(name);
                }
            }

            return result.ToArray();
        }

        /// <summary><paramref name="unit"/> with <c>using N;</c> for each namespace it lacks, after its plain using directives.</summary>
        private static CompilationUnitSyntax AddUsings(CompilationUnitSyntax unit, string[] namespaces)
        {
            var usings = unit.Usings;
            foreach (var name in namespaces)
            {
                if (usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == name))
                {
                    continue;
                }

                var newLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                var endOfLine = newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.EndOfLine("\n");
                var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(name))
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(endOfLine);
                var index = 0;
                while (index < usings.Count && usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                       && (usings[index].Name?.ToString().StartsWith("System", StringComparison.Ordinal) == true
                           || string.CompareOrdinal(usings[index].Name?.ToString(), name) < 0))
                {
                    index++;
                }

                if (usings.Count == 0)
                {
                    // A file without usings: the directive goes first, after the file's leading trivia, and a blank line follows it.
                    directive = directive.WithLeadingTrivia(unit.GetLeadingTrivia()).WithTrailingTrivia(endOfLine, endOfLine);
                    unit = unit.WithoutLeadingTrivia();
                }
                else if (index == 0)
                {
                    // Keep a file header (the leading trivia of the first using) at the top of the file.
                    directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                    usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
                }

                usings = usings.Insert(index, directive);
            }

            return unit.WithUsings(usings);
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

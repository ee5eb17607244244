using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using NanAnalyzers.Rules.Comparison;

namespace NanAnalyzers.CodeFixes.Comparison
{
    /// <summary>
    /// NAN301: rewrites <c>x == NaN</c> to <c>T.IsNaN(x)</c> and <c>x != NaN</c> to <c>!T.IsNaN(x)</c>, where
    /// <c>T</c> is the type the comparison is performed in after conversions (<c>d == float.NaN</c> with a
    /// double <c>d</c> becomes <c>double.IsNaN(d)</c>); a nullable <c>double?</c>/<c>float?</c> operand gets the
    /// constant pattern <c>n is double.NaN</c> / <c>n is not double.NaN</c> instead. Every comment is kept.
    /// Relational comparisons, <c>NaN == NaN</c> and lifted comparisons no pattern fits are reported without a fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NaNComparisonCodeFixProvider))]
    [Shared]
    public sealed class NaNComparisonCodeFixProvider : CodeFixProvider
    {
        /// <summary>
        /// The equivalence key of the one fix kind, "test with IsNaN", for <c>==</c> (<c>T.IsNaN(x)</c>) and
        /// <c>!=</c> (<c>!T.IsNaN(x)</c>) alike: Fix All and <c>dotnet format analyzers --diagnostics NAN301</c>
        /// run the fix-all of the first action they find, so two keys would leave every comparison of the other
        /// operator unfixed.
        /// </summary>
        public const string UseIsNaNKey = "NAN301.UseIsNaN";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NAN301.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var symbols = KnownSymbols.For(model.Compilation);
            foreach (var diagnostic in context.Diagnostics)
            {
                var binary = FindComparison(root, diagnostic.Location.SourceSpan);
                if (binary is null
                    || model.GetOperation(binary, context.CancellationToken) is not IBinaryOperation operation
                    || !NaNComparison.TryMatch(operation, symbols, out var match)
                    || match is null
                    || match.Fix == NaNComparisonFix.None)
                {
                    continue;
                }

                var negate = match.Kind == NaNComparisonKind.Inequality;
                var fix = match.Fix;
                var typeName = match.ComparisonType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var title = fix == NaNComparisonFix.NaNPattern
                    ? (negate ? "Use 'is not " : "Use 'is ") + typeName + ".NaN'"
                    : (negate ? "Use !" : "Use ") + typeName + ".IsNaN(...)";
                var document = context.Document;
                var nanOnLeft = match.NaNOnLeft;
                var type = match.ComparisonType;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        ct => RewriteAsync(document, binary, type, nanOnLeft, negate, fix, ct),
                        UseIsNaNKey),
                    diagnostic);
            }
        }

        private static BinaryExpressionSyntax? FindComparison(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            for (var node = root.FindNode(span, getInnermostNodeForTie: true); node != null; node = node.Parent)
            {
                if (node is BinaryExpressionSyntax binary && binary.Span == span)
                {
                    return binary;
                }

                if (node.Span.Length > span.Length)
                {
                    break;
                }
            }

            return null;
        }

        private static async Task<Document> RewriteAsync(Document document, BinaryExpressionSyntax binary, ITypeSymbol type, bool nanOnLeft, bool negate, NaNComparisonFix fix, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var generator = SyntaxGenerator.GetGenerator(document);
            var replacement = fix == NaNComparisonFix.NaNPattern
                ? BuildPattern(binary, type, nanOnLeft, negate)
                : BuildReplacement(generator, binary, type, nanOnLeft, negate);
            return document.WithSyntaxRoot(root.ReplaceNode(binary, replacement));
        }

        /// <summary>
        /// <c>T.IsNaN(other)</c> or <c>!T.IsNaN(other)</c>, with the comparison's leading and trailing trivia
        /// outside and every comment that sat between or inside the dropped parts (the operator, the NaN
        /// operand) kept next to the operand.
        /// </summary>
        internal static ExpressionSyntax BuildReplacement(SyntaxGenerator generator, BinaryExpressionSyntax binary, ITypeSymbol type, bool nanOnLeft, bool negate)
        {
            var argument = OperandWithComments(binary, nanOnLeft);
            if (argument is ParenthesizedExpressionSyntax)
            {
                // (a + b) == double.NaN -> double.IsNaN(a + b): the clean-up removes the parentheses that the
                // argument position makes redundant, and keeps them where they matter.
                argument = argument.WithAdditionalAnnotations(Simplifier.Annotation);
            }

            var typeSyntax = TypeAsExpression(generator, type);

            // Tokens without elastic trivia: the clean-up must not re-format around the kept comments.
            ExpressionSyntax result = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    typeSyntax,
                    Token(SyntaxKind.DotToken),
                    SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxTriviaList.Empty, "IsNaN", SyntaxTriviaList.Empty))),
                SyntaxFactory.ArgumentList(
                    Token(SyntaxKind.OpenParenToken),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument)),
                    Token(SyntaxKind.CloseParenToken)));

            if (negate)
            {
                result = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Token(SyntaxKind.ExclamationToken), result);
                if (NeedsParentheses(binary))
                {
                    result = Parenthesize(result);
                }
            }

            return result
                .WithLeadingTrivia(binary.GetLeadingTrivia())
                .WithTrailingTrivia(binary.GetTrailingTrivia());
        }

        /// <summary>
        /// <c>x is double.NaN</c> or <c>x is not double.NaN</c> (<c>!(x is double.NaN)</c> before C# 9) for a
        /// nullable <c>x</c>; comments kept as in <see cref="BuildReplacement"/>.
        /// </summary>
        internal static ExpressionSyntax BuildPattern(BinaryExpressionSyntax binary, ITypeSymbol type, bool nanOnLeft, bool negate)
        {
            var operand = OperandWithComments(binary, nanOnLeft);
            if (!IsPrimary(operand))
            {
                operand = Parenthesize(operand);
            }

            var keyword = type.SpecialType == SpecialType.System_Single ? SyntaxKind.FloatKeyword : SyntaxKind.DoubleKeyword;
            var nanConstant = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.PredefinedType(Token(keyword)),
                Token(SyntaxKind.DotToken),
                SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxTriviaList.Empty, "NaN", SyntaxTriviaList.Empty)));

            var trailing = operand.GetTrailingTrivia();
            var spaceBefore = trailing.Count == 0 || !trailing[trailing.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia);
            var isToken = SyntaxFactory.Token(
                spaceBefore ? SyntaxFactory.TriviaList(SyntaxFactory.Space) : SyntaxTriviaList.Empty,
                SyntaxKind.IsKeyword,
                SyntaxFactory.TriviaList(SyntaxFactory.Space));

            var supportsNot = binary.SyntaxTree.Options is CSharpParseOptions options && options.LanguageVersion >= LanguageVersion.CSharp9;
            PatternSyntax pattern = SyntaxFactory.ConstantPattern(nanConstant);
            ExpressionSyntax result;
            if (negate && supportsNot)
            {
                pattern = SyntaxFactory.UnaryPattern(
                    SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.NotKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                    pattern);
                result = SyntaxFactory.IsPatternExpression(operand, isToken, pattern);
            }
            else
            {
                result = SyntaxFactory.IsPatternExpression(operand, isToken, pattern);
                if (negate)
                {
                    result = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Token(SyntaxKind.ExclamationToken), Parenthesize(result));
                }
            }

            return result
                .WithLeadingTrivia(binary.GetLeadingTrivia())
                .WithTrailingTrivia(binary.GetTrailingTrivia());
        }

        /// <summary>True for the expressions that bind tighter than <c>is</c> and need no parentheses before it.</summary>
        private static bool IsPrimary(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax
               || expression is MemberAccessExpressionSyntax
               || expression is InvocationExpressionSyntax
               || expression is ElementAccessExpressionSyntax
               || expression is ParenthesizedExpressionSyntax
               || expression is ConditionalAccessExpressionSyntax
               || expression is LiteralExpressionSyntax
               || expression is ThisExpressionSyntax;

        private static ParenthesizedExpressionSyntax Parenthesize(ExpressionSyntax expression)
            => SyntaxFactory.ParenthesizedExpression(Token(SyntaxKind.OpenParenToken), expression, Token(SyntaxKind.CloseParenToken));

        /// <summary>
        /// The operand that is not NaN, without the comparison's outer trivia, carrying every comment that sat
        /// between or inside the dropped parts (the operator and the NaN operand).
        /// </summary>
        private static ExpressionSyntax OperandWithComments(BinaryExpressionSyntax binary, bool nanOnLeft)
        {
            var nan = nanOnLeft ? binary.Left : binary.Right;
            var other = nanOnLeft ? binary.Right : binary.Left;
            var operatorToken = binary.OperatorToken;

            ExpressionSyntax argument;
            if (nanOnLeft)
            {
                // NaN /*1*/ == /*2*/ x  ->  T.IsNaN(/*1*/ /*2*/ x); the comparison's trailing trivia is x's.
                var between = new List<SyntaxTrivia>();
                between.AddRange(InnerTrivia(nan));
                between.AddRange(nan.GetTrailingTrivia());
                between.AddRange(operatorToken.LeadingTrivia);
                between.AddRange(operatorToken.TrailingTrivia);
                between.AddRange(other.GetLeadingTrivia());
                argument = other.WithoutTrivia().WithLeadingTrivia(KeepComments(between, beforeOperand: true));
            }
            else
            {
                // x /*1*/ == /*2*/ NaN  ->  T.IsNaN(x /*1*/ /*2*/); the comparison's leading trivia is x's.
                var between = new List<SyntaxTrivia>();
                between.AddRange(other.GetTrailingTrivia());
                between.AddRange(operatorToken.LeadingTrivia);
                between.AddRange(operatorToken.TrailingTrivia);
                between.AddRange(nan.GetLeadingTrivia());
                between.AddRange(InnerTrivia(nan));
                argument = other.WithoutTrivia().WithTrailingTrivia(KeepComments(between, beforeOperand: false));
            }

            return argument;
        }

        private static SyntaxToken Token(SyntaxKind kind) => SyntaxFactory.Token(SyntaxTriviaList.Empty, kind, SyntaxTriviaList.Empty);

        /// <summary>
        /// The type as the receiver of <c>.IsNaN</c>: the keyword for <c>double</c>/<c>float</c> (immune to a user
        /// type or local named <c>Double</c>), the name of a type parameter, otherwise the fully qualified name in
        /// expression form (<c>global::System.Half</c>), which the clean-up simplifies as far as the context allows.
        /// </summary>
        private static ExpressionSyntax TypeAsExpression(SyntaxGenerator generator, ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Double:
                    return SyntaxFactory.PredefinedType(Token(SyntaxKind.DoubleKeyword));
                case SpecialType.System_Single:
                    return SyntaxFactory.PredefinedType(Token(SyntaxKind.FloatKeyword));
            }

            if (type is ITypeParameterSymbol typeParameter)
            {
                return SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxTriviaList.Empty, typeParameter.Name, SyntaxTriviaList.Empty));
            }

            if (type is INamedTypeSymbol named && !named.IsGenericType)
            {
                // Parsed as an expression (member accesses, not a qualified type name), like code a user writes.
                return SyntaxFactory.ParseExpression(named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            }

            return ((ExpressionSyntax)generator.TypeExpression(type)).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        /// <summary>
        /// True when a prefix <c>!</c> in place of <paramref name="binary"/> would bind differently: a binary
        /// operand can only sit there in code that the parser produced from an error, but the check is cheap and
        /// keeps the rewrite safe for trees built by other fixes.
        /// </summary>
        private static bool NeedsParentheses(BinaryExpressionSyntax binary)
        {
            switch (binary.Parent)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Expression == binary;
                case ConditionalAccessExpressionSyntax conditionalAccess:
                    return conditionalAccess.Expression == binary;
                case ElementAccessExpressionSyntax elementAccess:
                    return elementAccess.Expression == binary;
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression == binary;
                case PostfixUnaryExpressionSyntax _:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The trivia inside <paramref name="node"/>: all but its first token's leading and last token's trailing.</summary>
        private static IEnumerable<SyntaxTrivia> InnerTrivia(SyntaxNode node)
        {
            var first = node.GetFirstToken();
            var last = node.GetLastToken();
            foreach (var token in node.DescendantTokens())
            {
                if (token != first)
                {
                    foreach (var trivia in token.LeadingTrivia)
                    {
                        yield return trivia;
                    }
                }

                if (token != last)
                {
                    foreach (var trivia in token.TrailingTrivia)
                    {
                        yield return trivia;
                    }
                }
            }
        }

        /// <summary>
        /// The comments of <paramref name="trivia"/>, one space apart, with a space on the operand's side (and a
        /// line break after a <c>//</c> comment, so the code after it stays code). Whitespace alone is dropped.
        /// Preprocessor directives and disabled text are kept verbatim.
        /// </summary>
        private static SyntaxTriviaList KeepComments(List<SyntaxTrivia> trivia, bool beforeOperand)
        {
            var hasComment = false;
            foreach (var t in trivia)
            {
                if (t.IsDirective || t.IsKind(SyntaxKind.DisabledTextTrivia) || t.IsKind(SyntaxKind.SkippedTokensTrivia))
                {
                    return SyntaxFactory.TriviaList(trivia);
                }

                hasComment |= IsComment(t);
            }

            if (!hasComment)
            {
                return SyntaxFactory.TriviaList();
            }

            var kept = new List<SyntaxTrivia>();
            var lineEnded = false;
            for (var i = 0; i < trivia.Count; i++)
            {
                var t = trivia[i];
                if (!IsComment(t))
                {
                    continue;
                }

                if (!beforeOperand || kept.Count > 0)
                {
                    if (!lineEnded)
                    {
                        kept.Add(SyntaxFactory.Space);
                    }
                }

                kept.Add(t);
                lineEnded = false;
                if (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                {
                    kept.Add(LineBreakAfter(trivia, i));
                    var indentation = IndentationAfter(trivia, i);
                    if (indentation.HasValue)
                    {
                        kept.Add(indentation.Value);
                    }

                    lineEnded = true;
                }
            }

            if (beforeOperand && !lineEnded)
            {
                kept.Add(SyntaxFactory.Space);
            }

            return SyntaxFactory.TriviaList(kept);
        }

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)
               || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
               || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
               || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);

        /// <summary>The line break that followed the <c>//</c> comment at <paramref name="index"/> (LF if none is found).</summary>
        private static SyntaxTrivia LineBreakAfter(List<SyntaxTrivia> trivia, int index)
        {
            for (var i = index + 1; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia[i];
                }
            }

            return SyntaxFactory.LineFeed;
        }

        /// <summary>The indentation of the line after the <c>//</c> comment at <paramref name="index"/> (none if not found).</summary>
        private static SyntaxTrivia? IndentationAfter(List<SyntaxTrivia> trivia, int index)
        {
            for (var i = index + 1; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return i + 1 < trivia.Count && trivia[i + 1].IsKind(SyntaxKind.WhitespaceTrivia) ? trivia[i + 1] : (SyntaxTrivia?)null;
                }
            }

            return null;
        }
    }
}

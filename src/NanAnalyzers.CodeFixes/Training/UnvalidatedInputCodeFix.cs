using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Training;

namespace NanAnalyzers.CodeFixes.Training
{
    /// <summary>
    /// NAN403, three fixes (NanGuard referenced): reject with <c>InputValidation.EnsureFinite(data, nameof(data));</c>
    /// where the data is complete, repair with <c>InputValidation.NanToNum(data);</c> there, or parse with
    /// <c>InputValidation.ParseFinite(text)</c> (<c>ParseFiniteSingle</c>, <c>TryParseFinite</c>) in place of the parse.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnvalidatedInputCodeFix))]
    [Shared]
    public sealed class UnvalidatedInputCodeFix : CodeFixProvider
    {
        public const string EnsureFiniteKey = "NAN403.EnsureFinite";
        public const string NanToNumKey = "NAN403.NanToNum";
        public const string ParseFiniteKey = "NAN403.ParseFinite";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Descriptors.NAN403.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || model.Compilation.GetTypeByMetadataName("NanGuard.InputValidation") is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.TryGetValue(UnvalidatedInputAnalyzer.DataProperty, out var data) && data != null
                    && diagnostic.AdditionalLocations.Count > 0
                    && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree
                    && Anchor(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true), model, context.CancellationToken) is StatementSyntax anchor)
                {
                    // Repair first: it is what `dotnet format` and a plain Fix All apply (the seed remedy, like np.nan_to_num);
                    // rejecting with EnsureFinite is the second choice.
                    if (diagnostic.Properties.ContainsKey(UnvalidatedInputAnalyzer.NanToNumProperty))
                    {
                        var repair = SyntaxFactory.ExpressionStatement(FixUtilities.NanGuardCall("InputValidation", "NanToNum", SyntaxFactory.IdentifierName(data)));
                        context.RegisterCodeFix(
                            CodeAction.Create("Replace non-finite values in '" + data + "' (InputValidation.NanToNum)", ct => InsertAsync(context.Document, anchor, repair, ct), NanToNumKey),
                            diagnostic);
                    }

                    if (diagnostic.Properties.ContainsKey(UnvalidatedInputAnalyzer.EnsureProperty))
                    {
                        var ensure = SyntaxFactory.ExpressionStatement(FixUtilities.NanGuardCall(
                            "InputValidation",
                            "EnsureFinite",
                            SyntaxFactory.IdentifierName(data),
                            SyntaxFactory.InvocationExpression(
                                SyntaxFactory.IdentifierName("nameof"),
                                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(data)))))));
                        context.RegisterCodeFix(
                            CodeAction.Create("Reject non-finite values in '" + data + "' (InputValidation.EnsureFinite)", ct => InsertAsync(context.Document, anchor, ensure, ct), EnsureFiniteKey),
                            diagnostic);
                    }
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is InvocationExpressionSyntax invocation
                    && model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method
                    && FiniteParse(method) is string replacement
                    && invocation.ArgumentList.Arguments.All(a => a.NameColon is null))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Parse with InputValidation." + replacement, ct => ReplaceParseAsync(context.Document, invocation, replacement, ct), ParseFiniteKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The InputValidation method that parses like <paramref name="method"/> but refuses NaN and Infinity, or null.</summary>
        private static string? FiniteParse(IMethodSymbol method)
        {
            var type = method.ContainingType?.SpecialType;
            var isConvert = method.ContainingType?.ToDisplayString() == "System.Convert";
            var p = method.Parameters.Select(x => x.RefKind == RefKind.Out ? "out" : x.Type.ContainingNamespace?.ToDisplayString() + "." + x.Type.Name).ToArray();
            var signature = string.Join(",", p);
            const string S = "System.String";
            const string F = "System.IFormatProvider";
            const string N = "System.Globalization.NumberStyles";
            if (isConvert)
            {
                var single = method.Name == "ToSingle";
                return signature == S || signature == S + "," + F ? (single ? "ParseFiniteSingle" : "ParseFinite") : null;
            }

            if (type == SpecialType.System_Double)
            {
                if (method.Name == "Parse" && (signature == S || signature == S + "," + F || signature == S + "," + N || signature == S + "," + N + "," + F))
                {
                    return "ParseFinite";
                }

                return method.Name == "TryParse" && (signature == S + ",out" || signature == S + "," + F + ",out") ? "TryParseFinite" : null;
            }

            if (type == SpecialType.System_Single)
            {
                if (method.Name == "Parse" && (signature == S || signature == S + "," + F))
                {
                    return "ParseFiniteSingle";
                }

                return method.Name == "TryParse" && signature == S + ",out" ? "TryParseFiniteSingle" : null;
            }

            return null;
        }

        /// <summary>
        /// The statement before which the data is complete and not yet used: the statement around the sink read
        /// that sits in the block declaring the data (or the method's body, for a field or parameter).
        /// </summary>
        private static StatementSyntax? Anchor(SyntaxNode reference, SemanticModel model, CancellationToken cancellationToken)
        {
            var symbol = model.GetSymbolInfo(reference, cancellationToken).Symbol;
            BlockSyntax? block;
            if (symbol is ILocalSymbol local && local.DeclaringSyntaxReferences.Length == 1)
            {
                block = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).FirstAncestorOrSelf<BlockSyntax>();
            }
            else
            {
                block = reference.Ancestors().OfType<BlockSyntax>().LastOrDefault();
            }

            return block is null ? null : reference.Ancestors().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
        }

        private static async Task<Document> InsertAsync(Document document, StatementSyntax anchor, StatementSyntax statement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            return await FixUtilities.WithNanGuardImportsAsync(document, FixUtilities.InsertBefore(root, anchor, statement), cancellationToken).ConfigureAwait(false);
        }

        private static async Task<Document> ReplaceParseAsync(Document document, InvocationExpressionSyntax invocation, string replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var member = FixUtilities.NanGuardMember("InputValidation", replacement).WithTriviaOf(invocation.Expression);
            var replaced = invocation.WithExpression(member);
            return await FixUtilities.WithNanGuardImportsAsync(document, root.ReplaceNode(invocation, replaced), cancellationToken).ConfigureAwait(false);
        }
    }
}

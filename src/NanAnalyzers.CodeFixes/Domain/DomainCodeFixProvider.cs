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
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.CodeFixes.Common;
using NanAnalyzers.Rules.Domain;

namespace NanAnalyzers.CodeFixes.Domain
{
    /// <summary>
    /// The fixes of NAN101–NAN105, in two forms: the NanGuard call (<c>SafeMath.Log(p)</c>,
    /// <c>StableMath.Softmax(x, y)</c>) when the compilation references NanGuard, and the inline guard
    /// always (<c>Math.Log(Math.Max(p, eps))</c>, <c>torch.log(p.clamp_min(eps))</c>, <c>a / (d + eps)</c>,
    /// <c>Math.Acos(Math.Clamp(c, -1.0, 1.0))</c>). One equivalence key per rule and form, so FixAll applies
    /// one form everywhere.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DomainCodeFixProvider))]
    [Shared]
    public sealed class DomainCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("NAN101", "NAN102", "NAN103", "NAN104", "NAN105");

        /// <summary>
        /// FixAll applies every fix of one kind in a document in one pass and adds <c>using NanGuard;</c> once.
        /// (The batch fixer merges text diffs of separately fixed documents; three identical using insertions
        /// give ambiguous diffs that conflict, and FixAll then needs a second pass.)
        /// </summary>
        public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var fixes = await ComputeFixesAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                foreach (var fix in fixes)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            fix.Title,
                            cancellationToken => ApplyAsync(document, new[] { fix }, cancellationToken),
                            fix.EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var chosen = new System.Collections.Generic.List<PlannedFix>();
            foreach (var diagnostic in diagnostics)
            {
                var fixes = await ComputeFixesAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                var fix = FixUtilities.ChooseForFixAll(fixes, f => f.EquivalenceKey, context.CodeActionEquivalenceKey);
                if (fix != null)
                {
                    chosen.Add(fix);
                }
            }

            return chosen.Count == 0 ? document : await ApplyAsync(document, chosen, context.CancellationToken).ConfigureAwait(false);
        }

        /// <summary>Replaces every planned node (a fix nested inside another is left for the next pass) and adds the using directives.</summary>
        private static async Task<Document> ApplyAsync(Document document, System.Collections.Generic.IReadOnlyList<PlannedFix> fixes, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var byNode = new System.Collections.Generic.Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var fix in fixes)
            {
                if (!byNode.ContainsKey(fix.Original) && !fixes.Any(other => other.Original != fix.Original && other.Original.Span.Contains(fix.Original.Span) && other.Original.Contains(fix.Original)))
                {
                    byNode.Add(fix.Original, fix.Replacement.WithTriviaOf(fix.Original));
                }
            }

            return await FixUtilities.WithNanGuardImportsAsync(document, root.ReplaceNodes(byNode.Keys, (original, _) => byNode[original]), cancellationToken).ConfigureAwait(false);
        }

        private static async Task<System.Collections.Generic.IReadOnlyList<PlannedFix>> ComputeFixesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var fixes = new System.Collections.Generic.List<PlannedFix>();
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || !diagnostic.Location.IsInSource)
            {
                return fixes;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var value = node as ExpressionSyntax ?? (node as ArgumentSyntax)?.Expression;
            if (value is null || value.Span != diagnostic.Location.SourceSpan)
            {
                return fixes;
            }

            var request = new FixRequest(document, diagnostic, model, KnownSymbols.For(model.Compilation), value, cancellationToken, fixes);
            if (diagnostic.Id == "NAN103")
            {
                RegisterDivisionFixes(request);
            }
            else if (diagnostic.Properties.TryGetValue(DomainProperties.Shape, out var shape) && shape == DomainProperties.SoftMaxShape)
            {
                RegisterSoftMaxFix(request);
            }
            else
            {
                RegisterCallFixes(request);
            }

            return fixes;
        }

        private sealed class PlannedFix
        {
            public PlannedFix(string title, string equivalenceKey, SyntaxNode original, SyntaxNode replacement)
            {
                Title = title;
                EquivalenceKey = equivalenceKey;
                Original = original;
                Replacement = replacement;
            }

            public string Title { get; }

            public string EquivalenceKey { get; }

            public SyntaxNode Original { get; }

            public SyntaxNode Replacement { get; }
        }

        private sealed class FixRequest
        {
            private readonly System.Collections.Generic.List<PlannedFix> fixes;

            public FixRequest(Document document, Diagnostic diagnostic, SemanticModel model, KnownSymbols symbols, ExpressionSyntax value, CancellationToken cancellationToken, System.Collections.Generic.List<PlannedFix> fixes)
            {
                Document = document;
                Diagnostic = diagnostic;
                Model = model;
                Symbols = symbols;
                Value = value;
                CancellationToken = cancellationToken;
                this.fixes = fixes;
            }

            public Document Document { get; }

            public Diagnostic Diagnostic { get; }

            public SemanticModel Model { get; }

            public KnownSymbols Symbols { get; }

            public ExpressionSyntax Value { get; }

            public CancellationToken CancellationToken { get; }

            public string Id => Diagnostic.Id;

            public bool Flag(string key) => Diagnostic.Properties.TryGetValue(key, out var v) && v == "true";

            public double Epsilon(bool isFloat)
                => NanOptions.GetEpsilon(Document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, Value.SyntaxTree, isFloat);

            public bool HasNanGuardMember(string typeName, string member)
            {
                var type = Model.Compilation.GetTypeByMetadataName("NanGuard." + typeName);
                return type != null && type.GetMembers(member).OfType<IMethodSymbol>().Any(m => m.DeclaredAccessibility == Accessibility.Public);
            }

            public void Register(string title, string equivalenceKey, SyntaxNode original, SyntaxNode replacement)
                => fixes.Add(new PlannedFix(title, equivalenceKey, original, replacement));
        }

        // ---- NAN101, NAN102, NAN104, NAN105: calls ------------------------------------------------------

        private static DomainCall? FindCall(FixRequest request)
        {
            foreach (var ancestor in request.Value.Ancestors())
            {
                if (ancestor is StatementSyntax || ancestor is MemberDeclarationSyntax)
                {
                    break;
                }

                if (!(ancestor is InvocationExpressionSyntax))
                {
                    continue;
                }

                var operation = request.Model.GetOperation(ancestor, request.CancellationToken) as IInvocationOperation;
                if (DomainCalls.TryMatch(operation, request.Symbols, out var call) && call != null && call.Value.Syntax == request.Value)
                {
                    return call;
                }
            }

            return null;
        }

        private static void RegisterCallFixes(FixRequest request)
        {
            var call = FindCall(request);
            if (call is null || !(call.Invocation.Syntax is InvocationExpressionSyntax invocation))
            {
                return;
            }

            var zeroIsRisk = request.Flag(DomainProperties.ZeroIsRisk);

            // (1) NanGuard: SafeMath.X(args) in place of Math.X(args).
            var safeName = SafeMathName(call, zeroIsRisk);
            if (safeName != null && request.HasNanGuardMember("SafeMath", safeName))
            {
                var member = FixUtilities.NanGuardMember("SafeMath", safeName).WithTriviaOf(invocation.Expression);
                var replaced = invocation.WithExpression(member);
                var argument = invocation.ArgumentList.Arguments.FirstOrDefault(a => a.Expression == request.Value);
                if (argument != null && NeedsCastToParameter(call))
                {
                    // Math.Log(f) with a float f: keep the double overload, SafeMath.Log((double)f).
                    var cast = SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.DoubleKeyword)), FixUtilities.AsOperand(request.Value.WithoutTrivia()))
                        .WithTriviaOf(request.Value);
                    replaced = replaced.WithArgumentList(invocation.ArgumentList.ReplaceNode(argument, argument.WithExpression(cast)));
                }

                if (zeroIsRisk && call.Function == DomainFunction.Sqrt)
                {
                    var epsilon = FixUtilities.NumberLiteral(request.Epsilon(call.IsFloat), call.IsFloat);
                    replaced = replaced.WithArgumentList(replaced.ArgumentList.AddArguments(SyntaxFactory.Argument(epsilon)));
                }

                request.Register("Use SafeMath." + safeName, request.Id + ".SafeMath", invocation, replaced);
            }

            // (2) Inline: guard the value where it is.
            var guard = InlineGuard(request, call, zeroIsRisk, out var title);
            if (guard != null && title != null)
            {
                // (a - b).sqrt(): the value sits in parentheses that the guard's own receiver form replaces.
                SyntaxNode original = request.Value;
                if (guard is InvocationExpressionSyntax && request.Value.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    original = parenthesized;
                }

                request.Register(title, request.Id + ".Clamp", original, guard);
            }
        }

        private static string? SafeMathName(DomainCall call, bool zeroIsRisk)
        {
            if (call.Api != DomainApi.Scalar || (call.Element != ElementType.Double && call.Element != ElementType.Single))
            {
                return null;
            }

            switch (call.Function)
            {
                case DomainFunction.Log:
                    return call.Invocation.TargetMethod.Parameters.Length == 1 ? "Log" : null;
                case DomainFunction.Log2:
                    return "Log2";
                case DomainFunction.Log10:
                    return "Log10";
                case DomainFunction.Sqrt:
                    // SafeMath.Sqrt(v) clamps to 0; where 0 is the risk the fix passes an epsilon: SafeMath.Sqrt(v, eps).
                    return "Sqrt";
                case DomainFunction.Exp:
                    return "Exp";
                case DomainFunction.Acos:
                    return "Acos";
                case DomainFunction.Asin:
                    return "Asin";
                case DomainFunction.Atanh:
                    return "Atanh";
                case DomainFunction.Pow:
                    return "Pow";
                default:
                    return null;
            }
        }

        /// <summary>True when the value is converted to the parameter type (a float passed to Math.Log).</summary>
        private static bool NeedsCastToParameter(DomainCall call)
            => call.Value is IConversionOperation conversion
               && conversion.IsImplicit
               && conversion.Operand?.Type != null
               && !SymbolEqualityComparer.Default.Equals(conversion.Operand.Type, conversion.Type)
               && call.Element == ElementType.Double;

        private static ExpressionSyntax? InlineGuard(FixRequest request, DomainCall call, bool zeroIsRisk, out string? title)
        {
            title = null;
            var value = request.Value.WithoutTrivia();
            var isFloat = call.IsFloat;
            var eps = request.Epsilon(isFloat);
            var epsText = FixUtilities.NumberLiteral(eps, isFloat).Token.Text;

            switch (call.Api)
            {
                case DomainApi.Scalar:
                    return ScalarGuard(request, call, value, eps, zeroIsRisk, ref title, epsText);
                case DomainApi.TorchFunction:
                case DomainApi.TensorMethod:
                    return TorchGuard(request, call, value, eps, ref title);
                case DomainApi.MathNet:
                    return MathNetGuard(call, value, eps, zeroIsRisk, ref title, epsText);
                default:
                    return null;
            }
        }

        private static ExpressionSyntax? ScalarGuard(FixRequest request, DomainCall call, ExpressionSyntax value, double eps, bool zeroIsRisk, ref string? title, string epsText)
        {
            var element = call.Element;
            if (element == ElementType.Generic && !KnownSymbols.HasGenericConstraint(call.ElementSymbol, request.Symbols.INumber))
            {
                // T.Max / T.CreateChecked need INumber<T>: without it there is no inline form.
                return null;
            }

            var type = MathType(request, call, clamp: false);
            var clampType = MathType(request, call, clamp: true);
            switch (call.Function)
            {
                case DomainFunction.Log:
                case DomainFunction.Log2:
                case DomainFunction.Log10:
                    title = "Clamp the argument to at least " + epsText;
                    return FixUtilities.Invoke(type, "Max", value, Epsilon(type, element, eps));
                case DomainFunction.Sqrt:
                case DomainFunction.ReciprocalSqrt:
                    if (zeroIsRisk)
                    {
                        title = "Clamp the argument to at least " + epsText;
                        return FixUtilities.Invoke(type, "Max", value, Epsilon(type, element, eps));
                    }

                    title = "Clamp the argument to at least 0";
                    return FixUtilities.Invoke(type, "Max", value, Zero(type, element));
                case DomainFunction.Exp:
                    if (element != ElementType.Double && element != ElementType.Single)
                    {
                        return null;
                    }

                    var limit = element == ElementType.Single ? 88.0 : 709.0;
                    title = "Clamp the argument to at most " + FixUtilities.NumberLiteral(limit, element == ElementType.Single).Token.Text;
                    return FixUtilities.Invoke(type, "Min", value, FixUtilities.NumberLiteral(limit, element == ElementType.Single));
                case DomainFunction.Acos:
                case DomainFunction.Asin:
                {
                    var one = One(clampType, element);
                    title = "Clamp the argument to [-1, 1]";
                    return FixUtilities.Invoke(clampType, "Clamp", value, FixUtilities.Negate(one), One(clampType, element));
                }

                case DomainFunction.Atanh:
                {
                    if (element != ElementType.Double && element != ElementType.Single)
                    {
                        return null;
                    }

                    var isFloat = element == ElementType.Single;
                    title = "Clamp the argument into (-1, 1)";
                    return FixUtilities.Invoke(
                        clampType,
                        "Clamp",
                        value,
                        FixUtilities.Add(FixUtilities.Negate(FixUtilities.NumberLiteral(1, isFloat)), FixUtilities.NumberLiteral(eps, isFloat)),
                        FixUtilities.Subtract(FixUtilities.NumberLiteral(1, isFloat), FixUtilities.NumberLiteral(eps, isFloat)));
                }

                case DomainFunction.Pow:
                    title = "Clamp the base to at least 0";
                    return FixUtilities.Invoke(type, "Max", value, Zero(type, element));
                default:
                    return null;
            }
        }

        private static ExpressionSyntax? TorchGuard(FixRequest request, DomainCall call, ExpressionSyntax value, double eps, ref string? title)
        {
            // Tensor scalars are double literals (implicitly TorchSharp.Scalar); the float epsilon applies.
            var epsLiteral = FixUtilities.NumberLiteral(eps, false);
            var epsText = epsLiteral.Token.Text;
            switch (call.Function)
            {
                case DomainFunction.Log:
                case DomainFunction.Log2:
                case DomainFunction.Log10:
                    title = "Clamp the tensor to at least " + epsText;
                    return FixUtilities.Invoke(value, "clamp_min", epsLiteral);
                case DomainFunction.Sqrt:
                case DomainFunction.ReciprocalSqrt:
                    if (request.Flag(DomainProperties.NonNegative))
                    {
                        title = "Add " + epsText + " to the tensor";
                        var sum = FixUtilities.Add(value, epsLiteral);
                        return call.Api == DomainApi.TensorMethod ? (ExpressionSyntax)SyntaxFactory.ParenthesizedExpression(sum) : sum;
                    }

                    title = "Clamp the tensor to at least " + epsText;
                    return FixUtilities.Invoke(value, "clamp_min", epsLiteral);
                case DomainFunction.Exp:
                    title = "Clamp the tensor to at most 88";
                    return FixUtilities.Invoke(value, "clamp_max", FixUtilities.NumberLiteral(88, false));
                case DomainFunction.Acos:
                case DomainFunction.Asin:
                    title = "Clamp the tensor to [-1, 1]";
                    return FixUtilities.Invoke(value, "clamp", FixUtilities.Negate(FixUtilities.NumberLiteral(1, false)), FixUtilities.NumberLiteral(1, false));
                case DomainFunction.Atanh:
                    title = "Clamp the tensor into (-1, 1)";
                    return FixUtilities.Invoke(
                        value,
                        "clamp",
                        FixUtilities.Add(FixUtilities.Negate(FixUtilities.NumberLiteral(1, false)), epsLiteral),
                        FixUtilities.Subtract(FixUtilities.NumberLiteral(1, false), FixUtilities.NumberLiteral(eps, false)));
                case DomainFunction.Pow:
                    title = "Clamp the base to at least 0";
                    return FixUtilities.Invoke(value, "clamp_min", FixUtilities.NumberLiteral(0, false));
                default:
                    return null;
            }
        }

        private static ExpressionSyntax? MathNetGuard(DomainCall call, ExpressionSyntax value, double eps, bool zeroIsRisk, ref string? title, string epsText)
        {
            var isFloat = call.Element == ElementType.Single;
            switch (call.Function)
            {
                case DomainFunction.Log:
                case DomainFunction.Log2:
                case DomainFunction.Log10:
                    title = "Clamp the elements to at least " + epsText;
                    return FixUtilities.Invoke(value, "PointwiseMaximum", FixUtilities.NumberLiteral(eps, isFloat));
                case DomainFunction.Sqrt:
                    title = zeroIsRisk ? "Clamp the elements to at least " + epsText : "Clamp the elements to at least 0";
                    return FixUtilities.Invoke(value, "PointwiseMaximum", FixUtilities.NumberLiteral(zeroIsRisk ? eps : 0, isFloat));
                case DomainFunction.Exp:
                {
                    var limit = isFloat ? 88.0 : 709.0;
                    title = "Clamp the elements to at most " + FixUtilities.NumberLiteral(limit, isFloat).Token.Text;
                    return FixUtilities.Invoke(value, "PointwiseMinimum", FixUtilities.NumberLiteral(limit, isFloat));
                }

                case DomainFunction.Acos:
                case DomainFunction.Asin:
                    title = "Clamp the elements to [-1, 1]";
                    return FixUtilities.Invoke(
                        FixUtilities.Invoke(value, "PointwiseMaximum", FixUtilities.Negate(FixUtilities.NumberLiteral(1, isFloat))),
                        "PointwiseMinimum",
                        FixUtilities.NumberLiteral(1, isFloat));
                case DomainFunction.Pow:
                    title = "Clamp the elements to at least 0";
                    return FixUtilities.Invoke(value, "PointwiseMaximum", FixUtilities.NumberLiteral(0, isFloat));
                default:
                    return null;
            }
        }

        /// <summary>
        /// The type whose <c>Max</c>/<c>Min</c>/<c>Clamp</c> the guard calls: the receiver of the call as written
        /// (<c>Math</c>, <c>MathF</c>, <c>double</c>, <c>T</c>), except that <c>MathF</c> has no <c>Clamp</c> (then <c>Math</c>).
        /// </summary>
        private static ExpressionSyntax MathType(FixRequest request, DomainCall call, bool clamp)
        {
            if (call.Invocation.Syntax is InvocationExpressionSyntax invocation
                && invocation.Expression is MemberAccessExpressionSyntax access
                && request.Model.GetSymbolInfo(access.Expression, request.CancellationToken).Symbol is ITypeSymbol receiver)
            {
                if (clamp && SymbolEqualityComparer.Default.Equals(receiver, request.Symbols.MathF))
                {
                    return FixUtilities.SystemType("Math");
                }

                return access.Expression.WithoutTrivia();
            }

            if (call.ElementSymbol is ITypeParameterSymbol parameter)
            {
                return SyntaxFactory.IdentifierName(parameter.Name);
            }

            var containing = call.Invocation.TargetMethod.ContainingType;
            if (containing.SpecialType == SpecialType.System_Double || containing.SpecialType == SpecialType.System_Single)
            {
                return SyntaxFactory.PredefinedType(SyntaxFactory.Token(containing.SpecialType == SpecialType.System_Double ? SyntaxKind.DoubleKeyword : SyntaxKind.FloatKeyword));
            }

            return FixUtilities.SystemType(call.Element == ElementType.Single && !clamp ? "MathF" : "Math");
        }

        private static ExpressionSyntax Epsilon(ExpressionSyntax type, ElementType element, double eps)
        {
            switch (element)
            {
                case ElementType.Double:
                    return FixUtilities.NumberLiteral(eps, false);
                case ElementType.Single:
                    return FixUtilities.NumberLiteral(eps, true);
                default:
                    return FixUtilities.Invoke(type, "CreateChecked", FixUtilities.NumberLiteral(eps, false));
            }
        }

        private static ExpressionSyntax Zero(ExpressionSyntax type, ElementType element)
            => element == ElementType.Double || element == ElementType.Single
                ? (ExpressionSyntax)FixUtilities.IntLiteral(0)
                : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixUtilities.AsReceiver(type), SyntaxFactory.IdentifierName("Zero"));

        private static ExpressionSyntax One(ExpressionSyntax type, ElementType element)
            => element == ElementType.Double || element == ElementType.Single
                ? (ExpressionSyntax)FixUtilities.NumberLiteral(1, element == ElementType.Single)
                : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixUtilities.AsReceiver(type), SyntaxFactory.IdentifierName("One"));

        // ---- NAN104: TensorPrimitives.SoftMax -------------------------------------------------------------

        private static void RegisterSoftMaxFix(FixRequest request)
        {
            var invocation = request.Value.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null
                || !(request.Model.GetOperation(invocation, request.CancellationToken) is IInvocationOperation operation)
                || !DomainCalls.IsTensorPrimitivesSoftMax(operation, request.Symbols)
                || DomainCalls.ArgumentValue(operation, 0)?.Syntax != request.Value
                || !request.HasNanGuardMember("StableMath", "Softmax"))
            {
                return;
            }

            var member = FixUtilities.NanGuardMember("StableMath", "Softmax").WithTriviaOf(invocation.Expression);
            request.Register("Use StableMath.Softmax (subtracts the maximum)", "NAN104.StableMath", invocation, invocation.WithExpression(member));
        }

        // ---- NAN103: divisions ----------------------------------------------------------------------------

        private static void RegisterDivisionFixes(FixRequest request)
        {
            IOperation? division = null;
            IOperation? divisor = null;
            foreach (var ancestor in request.Value.Ancestors())
            {
                if (ancestor is StatementSyntax || ancestor is MemberDeclarationSyntax)
                {
                    break;
                }

                var operation = request.Model.GetOperation(ancestor, request.CancellationToken);
                var candidate = DivisorAnalyzer.DivisorOf(operation, request.Symbols);
                if (candidate != null && candidate.Syntax == request.Value)
                {
                    division = operation;
                    divisor = candidate;
                    break;
                }
            }

            if (division is null || divisor is null)
            {
                return;
            }

            var isTensor = division.Type != null && DomainCalls.IsTensor(division.Type, request.Symbols);
            var isScalar = (division is IBinaryOperation b && b.OperatorMethod is null) || (division is ICompoundAssignmentOperation c && c.OperatorMethod is null);
            var isFloat = isTensor || IsFloatDivision(division);
            var eps = request.Epsilon(isFloat);
            var epsText = FixUtilities.NumberLiteral(eps, isFloat).Token.Text;

            // (1) NanGuard: SafeMath.Divide(a, d).
            if (isScalar && request.HasNanGuardMember("SafeMath", "Divide"))
            {
                if (division is IBinaryOperation binary && binary.Syntax is BinaryExpressionSyntax binarySyntax)
                {
                    var call = FixUtilities.NanGuardCall("SafeMath", "Divide", binarySyntax.Left, binarySyntax.Right)
                        .WithArgumentList(ArgumentsKeepingComments(binarySyntax.Left, binarySyntax.OperatorToken, binarySyntax.Right));
                    request.Register("Use SafeMath.Divide", "NAN103.SafeMath", binarySyntax, call);
                }
                else if (division is ICompoundAssignmentOperation compound
                         && compound.Syntax is AssignmentExpressionSyntax assignment
                         && compound.Target?.Type != null
                         && SymbolEqualityComparer.Default.Equals(compound.Target.Type, compound.Type))
                {
                    var call = FixUtilities.NanGuardCall("SafeMath", "Divide", assignment.Left, assignment.Right)
                        .WithArgumentList(ArgumentsKeepingComments(assignment.Left.WithoutTrailingTrivia(), assignment.OperatorToken, assignment.Right));
                    var replacement = SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        assignment.Left,
                        SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTriviaFrom(assignment.OperatorToken),
                        call.WithTriviaOf(assignment.Right));
                    request.Register("Use SafeMath.Divide", "NAN103.SafeMath", assignment, replacement);
                }
            }

            // (2) Inline.
            var value = request.Value.WithoutTrivia();
            ExpressionSyntax? guarded;
            string title;
            if (DomainFacts.IsIntegerType(DomainFacts.Strip(divisor).Type))
            {
                // A count or a length: divide by at least 1.
                guarded = FixUtilities.Invoke(FixUtilities.SystemType("Math"), "Max", value, FixUtilities.IntLiteral(1));
                title = "Divide by at least 1";
            }
            else if (request.Flag(DomainProperties.NonNegative))
            {
                var epsExpression = DivisionEpsilon(request, division, eps, isFloat);
                if (epsExpression is null)
                {
                    return;
                }

                var sum = FixUtilities.Add(value, epsExpression);
                guarded = division is ICompoundAssignmentOperation || request.Value.Parent is ArgumentSyntax
                    ? (ExpressionSyntax)sum
                    : SyntaxFactory.ParenthesizedExpression(sum);
                title = "Add " + epsText + " to the divisor";
            }
            else if (isScalar && IsDuplicable(divisor) && (division.Type?.SpecialType == SpecialType.System_Double || division.Type?.SpecialType == SpecialType.System_Single))
            {
                // A signed divisor: keep its sign, keep it at least eps away from 0.
                var type = FixUtilities.SystemType(division.Type.SpecialType == SpecialType.System_Single ? "MathF" : "Math");
                var literal = FixUtilities.NumberLiteral(eps, division.Type.SpecialType == SpecialType.System_Single);
                guarded = FixUtilities.Invoke(
                    type,
                    "CopySign",
                    FixUtilities.Invoke(type, "Max", FixUtilities.Invoke(type, "Abs", value), literal),
                    value);
                title = "Keep the divisor at least " + epsText + " away from 0";
            }
            else
            {
                return;
            }

            // (max - min) as the divisor: the guard brings its own parentheses or needs none.
            SyntaxNode original = request.Value;
            if (request.Value.Parent is ParenthesizedExpressionSyntax parenthesized
                && (guarded is InvocationExpressionSyntax || guarded is ParenthesizedExpressionSyntax))
            {
                original = parenthesized;
            }

            request.Register(title, "NAN103.Epsilon", original, guarded);
        }

        private static bool IsFloatDivision(IOperation division)
        {
            var type = division.Type;
            if (type is INamedTypeSymbol named && named.TypeArguments.Length == 1)
            {
                type = named.TypeArguments[0];
            }

            return type?.SpecialType == SpecialType.System_Single;
        }

        private static ExpressionSyntax? DivisionEpsilon(FixRequest request, IOperation division, double eps, bool isFloat)
        {
            var type = division.Type;
            if (type is ITypeParameterSymbol parameter)
            {
                if (!KnownSymbols.HasGenericConstraint(parameter, request.Symbols.INumber))
                {
                    return null;
                }

                return FixUtilities.Invoke(SyntaxFactory.IdentifierName(parameter.Name), "CreateChecked", FixUtilities.NumberLiteral(eps, false));
            }

            if (request.Symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, request.Symbols.Half))
            {
                return FixUtilities.Invoke(SyntaxFactory.IdentifierName("Half"), "CreateChecked", FixUtilities.NumberLiteral(eps, false));
            }

            // Tensors take a double literal (a TorchSharp.Scalar); double and float code and MathNet their own type.
            var tensor = type != null && DomainCalls.IsTensor(type, request.Symbols);
            return FixUtilities.NumberLiteral(eps, isFloat && !tensor);
        }

        /// <summary>A divisor that can be written twice: locals, parameters, fields, constants and arithmetic on them.</summary>
        private static bool IsDuplicable(IOperation divisor)
        {
            foreach (var operation in divisor.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalReferenceOperation _:
                    case IParameterReferenceOperation _:
                    case IFieldReferenceOperation _:
                    case ILiteralOperation _:
                    case IConversionOperation _:
                    case IParenthesizedOperation _:
                    case IBinaryOperation _:
                    case IUnaryOperation _:
                    case IInstanceReferenceOperation _:
                        continue;
                    case IArrayElementReferenceOperation _:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The argument list <c>(left, right)</c>. Comments around the operator are kept: block comments after the
        /// first argument, line comments after the closing parenthesis (followed by the line break they need).
        /// </summary>
        private static ArgumentListSyntax ArgumentsKeepingComments(ExpressionSyntax left, SyntaxToken operatorToken, ExpressionSyntax right)
        {
            var trivia = left.GetTrailingTrivia()
                .Concat(operatorToken.LeadingTrivia)
                .Concat(operatorToken.TrailingTrivia)
                .Concat(right.GetLeadingTrivia())
                .ToList();
            var blockComments = trivia.Where(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia)).SelectMany(t => new[] { SyntaxFactory.Space, t });
            var lineComments = trivia.Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia)).SelectMany(t => new[] { SyntaxFactory.Space, t, SyntaxFactory.ElasticCarriageReturnLineFeed }).ToList();
            var first = SyntaxFactory.Argument(left.WithoutTrivia().WithTrailingTrivia(blockComments));
            var second = SyntaxFactory.Argument(right.WithoutTrivia());
            var list = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { first, second }));
            if (lineComments.Count > 0)
            {
                list = list.WithCloseParenToken(list.CloseParenToken.WithTrailingTrivia(lineComments));
            }

            return list;
        }
    }
}

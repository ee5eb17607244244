using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>
    /// What the stability rules (and their fixers) know about one compilation: its <see cref="KnownSymbols"/>
    /// and which of its own methods are sigmoid helpers (<c>static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));</c>),
    /// decided once per method.
    /// </summary>
    internal sealed class StabilityContext
    {
        private const int MaxHelperDepth = 3;

        private static readonly ConditionalWeakTable<Compilation, StabilityContext> Cache = new ConditionalWeakTable<Compilation, StabilityContext>();

        private readonly ConcurrentDictionary<IMethodSymbol, bool> sigmoidHelpers = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        private StabilityContext(Compilation compilation)
        {
            Compilation = compilation;
            Symbols = KnownSymbols.For(compilation);
        }

        public Compilation Compilation { get; }

        public KnownSymbols Symbols { get; }

        /// <summary>True when any scalar math type is known (always, in practice).</summary>
        public bool HasScalarMath => Symbols.Math != null;

        /// <summary>True when TorchSharp is referenced.</summary>
        public bool HasTorch => Symbols.TorchSharpTorch != null && Symbols.TorchSharpTensor != null;

        public static StabilityContext For(Compilation compilation) => Cache.GetValue(compilation, c => new StabilityContext(c));

        /// <summary>
        /// True when <paramref name="method"/> is a method of this compilation with one parameter whose result is
        /// the logistic sigmoid of that parameter: <c>1 / (1 + Math.Exp(-z))</c> in double or float (directly, through
        /// a local, or through another such helper).
        /// </summary>
        public bool IsSigmoidHelper(IMethodSymbol? method, CancellationToken cancellationToken)
            => IsSigmoidHelper(method, 0, cancellationToken);

        internal bool IsSigmoidHelper(IMethodSymbol? method, int depth, CancellationToken cancellationToken)
        {
            if (method is null || depth > MaxHelperDepth)
            {
                return false;
            }

            method = method.OriginalDefinition;
            if (method.Parameters.Length != 1
                || method.IsExtern
                || method.IsAbstract
                || (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction)
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            if (sigmoidHelpers.TryGetValue(method, out var known))
            {
                return known;
            }

            var result = ComputeIsSigmoidHelper(method, depth, cancellationToken);
            sigmoidHelpers.TryAdd(method, result);
            return result;
        }

        private bool ComputeIsSigmoidHelper(IMethodSymbol method, int depth, CancellationToken cancellationToken)
        {
            var reference = method.DeclaringSyntaxReferences[0];
            if (!Compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return false;
            }

            var node = reference.GetSyntax(cancellationToken);
            ExpressionSyntax? returned = null;
            BlockSyntax? body = null;
            ArrowExpressionClauseSyntax? arrow = null;
            switch (node)
            {
                case MethodDeclarationSyntax m:
                    arrow = m.ExpressionBody;
                    body = m.Body;
                    break;
                case LocalFunctionStatementSyntax f:
                    arrow = f.ExpressionBody;
                    body = f.Body;
                    break;
            }

            if (arrow != null)
            {
                returned = arrow.Expression;
            }
            else if (body != null && body.Statements.Count > 0 && body.Statements.Count <= 4
                     && body.Statements[body.Statements.Count - 1] is ReturnStatementSyntax ret)
            {
                returned = ret.Expression;
            }

            if (returned is null)
            {
                return false;
            }

            var model = GetSemanticModel(reference.SyntaxTree);
            var operation = model.GetOperation(returned, cancellationToken);
            if (operation is null)
            {
                return false;
            }

            var value = StabilityPatterns.Resolve(operation);
            if (!StabilityPatterns.TryMatchScalarSigmoid(this, value, depth + 1, cancellationToken, out var input))
            {
                return false;
            }

            return StabilityPatterns.Strip(input) is IParameterReferenceOperation p
                   && SymbolEqualityComparer.Default.Equals(p.Parameter.OriginalDefinition, method.Parameters[0]);
        }

        [SuppressMessage(
            "MicrosoftCodeAnalysisPerformance",
            "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer",
            Justification = "A helper's body lives in another tree than the operation being analysed; each helper is looked at once (its verdict is cached), and the model is not kept: holding every tree's model for the compilation's life kept their bound trees alive.")]
        private SemanticModel GetSemanticModel(SyntaxTree tree)
            => Compilation.GetSemanticModel(tree);
    }
}

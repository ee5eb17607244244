using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// The range analysis of one method, lambda or local-function body, computed at most once per body
    /// per compilation and shared by every rule (<see cref="For"/>). Ranges are recorded per syntax node of
    /// every evaluated value, joined over every time flow reaches it.
    /// </summary>
    internal sealed class MethodRanges
    {
        /// <summary>The work (block visits x state size + operations) one body may cost before it is given up as unknown.</summary>
        internal const long BodyBudget = 1_000_000;

        /// <summary>How many bodies' analyses (and graphs) are kept per compilation (see <see cref="RecentCache{TKey, TValue}"/>).</summary>
        internal const int CachedBodies = 64;

        private static readonly ConditionalWeakTable<Compilation, RecentCache<SyntaxNode, MethodRanges>> Cache =
            new ConditionalWeakTable<Compilation, RecentCache<SyntaxNode, MethodRanges>>();

        private static readonly ConditionalWeakTable<Compilation, RecentCache<SyntaxNode, GraphBox>> Graphs =
            new ConditionalWeakTable<Compilation, RecentCache<SyntaxNode, GraphBox>>();

        private readonly RangeResults results;
        private readonly IOperation? body;
        private readonly KnownSymbols? symbols;

        private MethodRanges(RangeResults results, IOperation? body, KnownSymbols? symbols, bool analysed)
        {
            this.results = results;
            this.body = body;
            this.symbols = symbols;
            IsAnalysed = analysed;
        }

        /// <summary>An analysis that knows nothing: every value is unknown.</summary>
        internal static MethodRanges Empty { get; } = new MethodRanges(new RangeResults(), null, null, false);

        /// <summary>What the analysis recorded (for tests).</summary>
        internal RangeResults Results => results;

        /// <summary>True when the body was analysed (false: no graph, over budget, or invalid; every answer is unknown).</summary>
        public bool IsAnalysed { get; }

        /// <summary>The analysis of the body containing <paramref name="operation"/>. Never null.</summary>
        public static MethodRanges For(IOperation operation, CancellationToken cancellationToken)
        {
            var compilation = operation?.SemanticModel?.Compilation;
            if (operation is null || compilation is null)
            {
                return Empty;
            }

            var body = FindBody(operation);
            if (body?.Syntax is null)
            {
                return Empty;
            }

            var perCompilation = Cache.GetValue(compilation, _ => new RecentCache<SyntaxNode, MethodRanges>(CachedBodies));
            return perCompilation.GetOrAdd(body.Syntax, _ => Compute(body, compilation, cancellationToken));
        }

        private static MethodRanges Compute(IOperation body, Compilation compilation, CancellationToken cancellationToken)
        {
            var graph = GraphOf(body, compilation, cancellationToken);
            if (graph is null)
            {
                return Empty;
            }

            var symbols = KnownSymbols.For(compilation);
            var engine = new RangeEngine(graph, symbols, BodyBudget, 0, cancellationToken);
            if (!engine.Run())
            {
                return Empty;
            }

            return new MethodRanges(engine.Results, body, symbols, true);
        }

        /// <summary>The control-flow graph of a body: created for a root, found in the parent's graph for a lambda or local function.</summary>
        private static ControlFlowGraph? GraphOf(IOperation body, Compilation compilation, CancellationToken cancellationToken)
        {
            var perCompilation = Graphs.GetValue(compilation, _ => new RecentCache<SyntaxNode, GraphBox>(CachedBodies));
            return perCompilation.GetOrAdd(body.Syntax, _ => new GraphBox(CreateGraph(body, compilation, cancellationToken))).Graph;
        }

        private static ControlFlowGraph? CreateGraph(IOperation body, Compilation compilation, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ControlFlowGraph? graph = null;
            switch (body)
            {
                case IAnonymousFunctionOperation lambda:
                    {
                        var parent = lambda.Parent is null ? null : FindBody(lambda.Parent);
                        var parentGraph = parent is null ? null : GraphOf(parent, compilation, cancellationToken);
                        var flow = parentGraph is null ? null : FindAnonymousFunction(parentGraph, lambda.Symbol);
                        graph = flow is null ? null : parentGraph!.GetAnonymousFunctionControlFlowGraph(flow, cancellationToken);
                        break;
                    }

                case ILocalFunctionOperation localFunction:
                    {
                        var parent = localFunction.Parent is null ? null : FindBody(localFunction.Parent);
                        var parentGraph = parent is null ? null : GraphOf(parent, compilation, cancellationToken);
                        if (parentGraph != null && ContainsLocalFunction(parentGraph, localFunction.Symbol))
                        {
                            graph = parentGraph.GetLocalFunctionControlFlowGraph(localFunction.Symbol, cancellationToken);
                        }

                        break;
                    }

                case IMethodBodyOperation methodBody when methodBody.Parent is null:
                    graph = ControlFlowGraph.Create(methodBody, cancellationToken);
                    break;
                case IConstructorBodyOperation constructorBody when constructorBody.Parent is null:
                    graph = ControlFlowGraph.Create(constructorBody, cancellationToken);
                    break;
                case IFieldInitializerOperation fieldInitializer when fieldInitializer.Parent is null:
                    graph = ControlFlowGraph.Create(fieldInitializer, cancellationToken);
                    break;
                case IPropertyInitializerOperation propertyInitializer when propertyInitializer.Parent is null:
                    graph = ControlFlowGraph.Create(propertyInitializer, cancellationToken);
                    break;
                case IParameterInitializerOperation parameterInitializer when parameterInitializer.Parent is null:
                    graph = ControlFlowGraph.Create(parameterInitializer, cancellationToken);
                    break;
                case IBlockOperation block when block.Parent is null:
                    graph = ControlFlowGraph.Create(block, cancellationToken);
                    break;
            }

            return graph;
        }

        private static bool ContainsLocalFunction(ControlFlowGraph graph, IMethodSymbol symbol)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                if (SymbolEqualityComparer.Default.Equals(localFunction, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static IFlowAnonymousFunctionOperation? FindAnonymousFunction(ControlFlowGraph graph, IMethodSymbol symbol)
        {
            var stack = new Stack<IOperation>();
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    stack.Push(operation);
                }

                if (block.BranchValue != null)
                {
                    stack.Push(block.BranchValue);
                }
            }

            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                if (operation is IFlowAnonymousFunctionOperation flow)
                {
                    if (SymbolEqualityComparer.Default.Equals(flow.Symbol, symbol))
                    {
                        return flow;
                    }

                    continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (child != null)
                    {
                        stack.Push(child);
                    }
                }
            }

            return null;
        }

        /// <summary>The range of <paramref name="value"/> at its own program point.</summary>
        public ValueRange RangeOf(IOperation value)
        {
            if (value is null)
            {
                return ValueRange.Unknown(NumericKind.Double);
            }

            var known = symbols ?? (value.SemanticModel?.Compilation is { } compilation ? KnownSymbols.For(compilation) : null);
            var kind = known is null ? KindOf(value.Type) : RangeEngine.SlotInfo.ElementKind(value.Type, known);

            if (value.ConstantValue.HasValue && TryGetNumber(value.ConstantValue.Value, out var constant))
            {
                return ValueRange.Constant(constant, kind);
            }

            if (results.TryGet(value, out var range))
            {
                return range;
            }

            return known is null ? ValueRange.Unknown(kind) : RangeEngine.SlotInfo.For(value.Type, known).Top;
        }

        /// <summary>
        /// A short human reason for the range of <paramref name="value"/>, for diagnostic messages: "'rng.NextDouble()'
        /// is in [0, 1)", "'sum' is a sum in [0, +inf]", "'p' is a parameter: nothing bounds it". Never null.
        /// </summary>
        public string Explain(IOperation value) => RangeExplanation.Explain(this, value, body);

        /// <summary>
        /// True when the result of <paramref name="operation"/> (a division, an exp) is only used under a condition
        /// that excludes Inf/NaN (<c>rate = t / norm; if (rate &lt; 1) use(rate)</c>), or only decides a branch.
        /// </summary>
        public bool IsOnlyUsedWhereFinite(IOperation operation)
            => IsAnalysed && operation != null && RangeExplanation.IsOnlyUsedWhereFinite(this, operation, body, symbols);

        private sealed class GraphBox
        {
            public GraphBox(ControlFlowGraph? graph)
            {
                Graph = graph;
            }

            public ControlFlowGraph? Graph { get; }
        }

        internal static NumericKind KindOf(ITypeSymbol? type)
        {
            if (type is null)
            {
                return NumericKind.Double;
            }

            if (type.SpecialType == SpecialType.System_Single)
            {
                return NumericKind.Single;
            }

            if (type.Name == "Half" && type.ContainingNamespace?.ToDisplayString() == "System")
            {
                return NumericKind.Half;
            }

            return NumericKind.Double;
        }

        internal static bool TryGetNumber(object? value, out double number)
        {
            switch (value)
            {
                case double d:
                    number = d;
                    return true;
                case float f:
                    number = f;
                    return true;
                case int i:
                    number = i;
                    return true;
                case long l:
                    number = l;
                    return true;
                case uint ui:
                    number = ui;
                    return true;
                case ulong ul:
                    number = ul;
                    return true;
                case short s:
                    number = s;
                    return true;
                case ushort us:
                    number = us;
                    return true;
                case byte b:
                    number = b;
                    return true;
                case sbyte sb:
                    number = sb;
                    return true;
                case decimal m:
                    number = (double)m;
                    return true;
                case char c:
                    number = c;
                    return true;
                default:
                    number = 0;
                    return false;
            }
        }

        /// <summary>The nearest enclosing body: lambda, local function, or the member's root operation.</summary>
        internal static IOperation? FindBody(IOperation operation)
        {
            IOperation? current = operation;
            IOperation? last = operation;
            while (current != null)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }

                last = current;
                current = current.Parent;
            }

            return last;
        }
    }
}

using System;
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
    /// The return range of a small helper in the same compilation (a user's <c>Sigmoid</c>, <c>Softplus</c>):
    /// its body analysed once with unknown arguments, cached per method symbol per compilation. Only
    /// non-virtual methods and local functions with a small graph; recursion and deep call chains give unknown.
    /// </summary>
    internal static class HelperSummaries
    {
        private const int MaxBlocks = 48;
        private const int MaxDepth = 3;
        private const long Budget = 40_000;

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, Summary>> Cache =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, Summary>>();

        [ThreadStatic]
        private static HashSet<IMethodSymbol>? inProgress;

        public static ValueRange? ReturnRange(IInvocationOperation invocation, ControlFlowGraph callerGraph, KnownSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod?.OriginalDefinition;
            if (method is null || depth >= MaxDepth || method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.IsAbstract || method.IsVirtual || method.IsExtern || (method.IsOverride && !method.IsSealed && !(method.ContainingType?.IsSealed ?? false))
                || method.IsGenericMethod || method.IsAsync)
            {
                return null;
            }

            if (method is null || (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction))
            {
                return null;
            }

            var perCompilation = Cache.GetValue(symbols.Compilation, _ => new ConcurrentDictionary<IMethodSymbol, Summary>(SymbolEqualityComparer.Default));
            if (perCompilation.TryGetValue(method, out var cached))
            {
                return cached.Range;
            }

            var visiting = inProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (!visiting.Add(method))
            {
                return null; // recursion: unknown
            }

            ValueRange? range;
            try
            {
                var graph = GraphOf(invocation, method, callerGraph, symbols, cancellationToken);
                range = graph is null ? null : Analyse(graph, symbols, depth, cancellationToken);
            }
            finally
            {
                visiting.Remove(method);
            }

            perCompilation.TryAdd(method, new Summary(range));
            return range;
        }

        private static ValueRange? Analyse(ControlFlowGraph graph, KnownSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            if (graph.Blocks.Length > MaxBlocks)
            {
                return null;
            }

            var engine = new RangeEngine(graph, symbols, Budget, depth + 1, cancellationToken);
            if (!engine.Run())
            {
                return null;
            }

            return engine.ReturnRange;
        }

        private static ControlFlowGraph? GraphOf(IInvocationOperation invocation, IMethodSymbol method, ControlFlowGraph callerGraph, KnownSymbols symbols, CancellationToken cancellationToken)
        {
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                // GetLocalFunctionControlFlowGraphInScope throws when the function is not in scope (invalid code).
                for (var graph = callerGraph; graph != null; graph = graph.Parent)
                {
                    foreach (var localFunction in graph.LocalFunctions)
                    {
                        if (SymbolEqualityComparer.Default.Equals(localFunction, method))
                        {
                            return graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                        }
                    }
                }

                return null;
            }

            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var reference = method.DeclaringSyntaxReferences[0];
            var tree = reference.SyntaxTree;
            if (!symbols.Compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

            var model = invocation.SemanticModel?.SyntaxTree == tree ? invocation.SemanticModel : ModelFor(symbols.Compilation, tree);
            if (model is null)
            {
                return null;
            }

            var body = model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) as IMethodBodyOperation;
            if (body is null || body.Parent != null || (body.BlockBody is null && body.ExpressionBody is null))
            {
                return null;
            }

            return ControlFlowGraph.Create(body, cancellationToken);
        }

        // A helper declared in another file needs that file's model; this happens once per helper per
        // compilation (the summary is cached), so the cost RS1030 warns about is not paid per call.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        private static SemanticModel ModelFor(Compilation compilation, SyntaxTree tree) => compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

        private sealed class Summary
        {
            public Summary(ValueRange? range)
            {
                Range = range;
            }

            public ValueRange? Range { get; }
        }
    }
}

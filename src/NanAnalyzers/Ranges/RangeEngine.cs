using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// The abstract interpretation of one control-flow graph: a forward fixpoint over basic blocks with a
    /// state of one <see cref="ValueRange"/> per tracked local, parameter and flow capture, refined on both
    /// edges of conditional branches, joined (hull) at merges and widened after a few visits. Every visit records
    /// the range of every evaluated value per syntax node, joined with what earlier visits recorded: the states
    /// of a block only grow from visit to visit and the transfer functions are monotone, so the join over the
    /// visits is what the last visit (at the fixpoint) evaluates, and no second pass over the graph is needed.
    /// </summary>
    internal sealed partial class RangeEngine
    {
        /// <summary>Visits of a block after which its changing ends are widened to infinity.</summary>
        private const int WidenAfter = 3;

        /// <summary>Expression nesting deeper than this is not evaluated (unknown), to bound the stack.</summary>
        private const int MaxDepth = 120;

        private readonly ControlFlowGraph cfg;
        private readonly KnownSymbols symbols;
        private readonly CancellationToken cancellationToken;
        private readonly Dictionary<ISymbol, int> symbolSlots = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        private readonly Dictionary<CaptureId, int> captureSlots = new Dictionary<CaptureId, int>();
        private readonly List<SlotInfo> slots = new List<SlotInfo>();
        private readonly HashSet<ISymbol> memoryOnly = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly Dictionary<MemoryKey, ValueRange> memory = new Dictionary<MemoryKey, ValueRange>();
        private readonly Dictionary<IOperation, ValueRange> evaluated = new Dictionary<IOperation, ValueRange>();
        private readonly Dictionary<int, int> captureAliases = new Dictionary<int, int>();

        // Scratch lists of what to remove from captureAliases / memory (reused: the engine runs on one thread).
        private readonly List<int> staleSlots = new List<int>();
        private readonly List<MemoryKey> staleKeys = new List<MemoryKey>();

        // The walk of CollectSlots (reused for every operation of every block).
        private readonly Stack<IOperation> slotStack = new Stack<IOperation>();

        // The out-edges of the block being transferred (reused: the caller reads them before the next transfer).
        private readonly List<(int Successor, ValueRange[] State)> edges = new List<(int Successor, ValueRange[] State)>(2);
        private readonly int summaryDepth;
        private long budget;
        private int depth;

        public RangeEngine(ControlFlowGraph cfg, KnownSymbols symbols, long budget, int summaryDepth, CancellationToken cancellationToken)
        {
            this.cfg = cfg;
            this.symbols = symbols;
            this.budget = budget;
            this.summaryDepth = summaryDepth;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>Every evaluated value's range, per syntax node and type.</summary>
        public RangeResults Results { get; } = new RangeResults();

        /// <summary>The join of every returned value (for helper summaries).</summary>
        public ValueRange? ReturnRange { get; private set; }

        /// <summary>True when the analysis ran out of budget: nothing it found may be used.</summary>
        public bool OverBudget { get; private set; }

        /// <summary>Runs the analysis. Returns false when over budget.</summary>
        public bool Run()
        {
            var blocks = cfg.Blocks;
            budget -= blocks.Length * 4L;
            if (budget < 0)
            {
                OverBudget = true;
                return false;
            }

            CollectSlots();
            var inStates = new ValueRange[]?[blocks.Length];
            var visits = new int[blocks.Length];
            var queued = new bool[blocks.Length];
            var worklist = new SortedSet<int>();

            // Widening happens only on back edges (to a block at or before the source), so every cycle
            // widens and a loop head's refinement still applies to the body after it.
            void Enqueue(int ordinal, ValueRange[] state, int from)
            {
                var old = inStates[ordinal];
                ValueRange[] next;
                if (old is null)
                {
                    next = state;
                }
                else
                {
                    if (Covers(old, state))
                    {
                        // Nothing new flows in (the join, and so the widening of it, is the old state).
                        return;
                    }

                    // The incoming state is this edge's own array: the join (and widening) is written into it.
                    next = JoinInto(old, state);
                    if (from >= ordinal && visits[ordinal] >= WidenAfter)
                    {
                        next = WidenInto(old, next);
                    }

                    if (SameState(old, next))
                    {
                        return;
                    }
                }

                inStates[ordinal] = next;
                if (!queued[ordinal])
                {
                    queued[ordinal] = true;
                    worklist.Add(ordinal);
                }
            }

            Enqueue(0, InitialState(), -1);
            foreach (var block in blocks)
            {
                var region = block.EnclosingRegion;
                if (block.IsReachable && region != null && region.FirstBlockOrdinal == block.Ordinal
                    && (region.Kind == ControlFlowRegionKind.Catch || region.Kind == ControlFlowRegionKind.Filter
                        || region.Kind == ControlFlowRegionKind.Finally || region.Kind == ControlFlowRegionKind.FilterAndHandler))
                {
                    Enqueue(block.Ordinal, InitialState(), -1);
                }
            }

            while (worklist.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ordinal = worklist.Min;
                worklist.Remove(ordinal);
                queued[ordinal] = false;
                visits[ordinal]++;
                var block = blocks[ordinal];
                var state = inStates[ordinal];
                if (state is null)
                {
                    continue;
                }

                budget -= block.Operations.Length + slots.Count + 1;
                if (budget < 0)
                {
                    OverBudget = true;
                    return false;
                }

                foreach (var (successor, edgeState) in Transfer(block, (ValueRange[])state.Clone()))
                {
                    Enqueue(successor, edgeState, ordinal);
                }
            }

            return true;
        }

        /// <summary>The block's operations, then its branch: the states flowing out on each edge.</summary>
        private List<(int Successor, ValueRange[] State)> Transfer(BasicBlock block, ValueRange[] state)
        {
            memory.Clear();
            evaluated.Clear();
            captureAliases.Clear();
            foreach (var operation in block.Operations)
            {
                Evaluate(operation, state);
            }

            var result = edges;
            result.Clear();
            var branch = block.BranchValue;
            if (branch != null)
            {
                var value = Evaluate(branch, state);
                if (block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                {
                    ReturnRange = ReturnRange.HasValue ? ReturnRange.Value.Join(value) : value;
                }
            }

            var conditional = block.ConditionalSuccessor;
            var fallThrough = block.FallThroughSuccessor;
            if (branch != null && conditional?.Destination != null && block.ConditionKind != ControlFlowConditionKind.None)
            {
                var whenTrue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                var taken = Refine((ValueRange[])state.Clone(), branch, whenTrue);
                if (taken != null)
                {
                    result.Add((conditional.Destination.Ordinal, taken));
                }

                if (fallThrough?.Destination != null)
                {
                    var other = Refine(state, branch, !whenTrue);
                    if (other != null)
                    {
                        result.Add((fallThrough.Destination.Ordinal, other));
                    }
                }
            }
            else
            {
                if (conditional?.Destination != null)
                {
                    result.Add((conditional.Destination.Ordinal, (ValueRange[])state.Clone()));
                }

                if (fallThrough?.Destination != null)
                {
                    result.Add((fallThrough.Destination.Ordinal, state));
                }
            }

            return result;
        }

        private ValueRange[] InitialState()
        {
            var state = new ValueRange[slots.Count];
            for (var i = 0; i < state.Length; i++)
            {
                state[i] = slots[i].Top;
            }

            return state;
        }

        /// <summary>Joins <paramref name="old"/> into <paramref name="incoming"/> (overwritten) and returns it.</summary>
        private static ValueRange[] JoinInto(ValueRange[] old, ValueRange[] incoming)
        {
            for (var i = 0; i < old.Length; i++)
            {
                incoming[i] = old[i].Join(incoming[i]);
            }

            return incoming;
        }

        /// <summary>Widens <paramref name="next"/> (overwritten, element by element) against <paramref name="old"/> and returns it.</summary>
        private ValueRange[] WidenInto(ValueRange[] old, ValueRange[] next)
        {
            for (var i = 0; i < old.Length; i++)
            {
                var o = old[i];
                var n = next[i];
                if (o.IsEmptyInterval || n.IsEmptyInterval)
                {
                    next[i] = n;
                    continue;
                }

                var info = slots[i];
                var lo = n.Lo < o.Lo ? info.Min : n.Lo;
                var hi = n.Hi > o.Hi ? info.Max : n.Hi;
                next[i] = n.ExcludesZero
                    ? ValueRange.OfExcludingZero(lo, hi, n.MayBeNaN, n.Kind)
                    : ValueRange.Of(lo, hi, n.MayBeNaN, n.Kind);
            }

            return next;
        }

        /// <summary>Whether joining <paramref name="incoming"/> into <paramref name="old"/> leaves it as it is.</summary>
        private static bool Covers(ValueRange[] old, ValueRange[] incoming)
        {
            for (var i = 0; i < old.Length; i++)
            {
                if (!old[i].Join(incoming[i]).Equals(old[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameState(ValueRange[] a, ValueRange[] b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (!a[i].Equals(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Slots for the locals and parameters the graph reads or writes, and for its flow captures.</summary>
        private void CollectSlots()
        {
            foreach (var block in cfg.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    CollectSlots(operation);
                }

                if (block.BranchValue != null)
                {
                    CollectSlots(block.BranchValue);
                }
            }

            foreach (var localFunction in cfg.LocalFunctions)
            {
                CollectCapturedWrites(cfg.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), 1);
            }
        }

        private void CollectSlots(IOperation root)
        {
            var stack = slotStack;
            stack.Clear();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                switch (operation)
                {
                    case ILocalReferenceOperation local:
                        AddSymbolSlot(local.Local, local.Local.Type, local.Local.IsRef);
                        break;
                    case IParameterReferenceOperation parameter:
                        AddSymbolSlot(parameter.Parameter, parameter.Parameter.Type, parameter.Parameter.RefKind != RefKind.None);
                        break;
                    case IFlowCaptureOperation capture:
                        if (!captureSlots.ContainsKey(capture.Id) && IsTracked(capture.Value?.Type))
                        {
                            captureSlots[capture.Id] = slots.Count;
                            slots.Add(SlotInfo.For(capture.Value?.Type, symbols));
                        }

                        break;
                    case IFlowAnonymousFunctionOperation anonymous:
                        CollectCapturedWrites(cfg.GetAnonymousFunctionControlFlowGraph(anonymous, cancellationToken), 1);
                        continue;
                    case ISimpleAssignmentOperation { IsRef: true } refAssignment:
                        MarkAliased(refAssignment.Value);
                        break;
                }

                foreach (var child in operation.ChildOperations)
                {
                    if (child != null)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        private void AddSymbolSlot(ISymbol symbol, ITypeSymbol? type, bool isRef)
        {
            if (isRef)
            {
                memoryOnly.Add(symbol);
            }

            if (!symbolSlots.ContainsKey(symbol) && IsTracked(type))
            {
                symbolSlots[symbol] = slots.Count;
                slots.Add(SlotInfo.For(type, symbols));
            }
        }

        /// <summary>Only numbers, tensors and MathNet vectors/matrices get a slot; anything else is unknown anyway.</summary>
        private bool IsTracked(ITypeSymbol? type)
            => IsNumeric(type) || (type is INamedTypeSymbol named && IsElementwise(named));

        private void MarkAliased(IOperation? value)
        {
            switch (value)
            {
                case ILocalReferenceOperation local:
                    memoryOnly.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter:
                    memoryOnly.Add(parameter.Parameter);
                    break;
            }
        }

        /// <summary>Locals a lambda or local function writes become memory-only here: a call may change them.</summary>
        private void CollectCapturedWrites(ControlFlowGraph? graph, int nesting)
        {
            if (graph is null || nesting > 8)
            {
                return;
            }

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
                switch (operation)
                {
                    case IAssignmentOperation assignment:
                        MarkWritten(assignment.Target);
                        break;
                    case IIncrementOrDecrementOperation increment:
                        MarkWritten(increment.Target);
                        break;
                    case IArgumentOperation { Parameter: { RefKind: RefKind.Ref or RefKind.Out } } argument:
                        MarkWritten(argument.Value);
                        break;
                    case IFlowAnonymousFunctionOperation anonymous:
                        CollectCapturedWrites(graph.GetAnonymousFunctionControlFlowGraph(anonymous, cancellationToken), nesting + 1);
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

            foreach (var localFunction in graph.LocalFunctions)
            {
                CollectCapturedWrites(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), nesting + 1);
            }
        }

        private void MarkWritten(IOperation? target)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    memoryOnly.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter:
                    memoryOnly.Add(parameter.Parameter);
                    break;
                case ITupleOperation tuple:
                    foreach (var element in tuple.Elements)
                    {
                        MarkWritten(element);
                    }

                    break;
                case IDeclarationExpressionOperation declaration:
                    MarkWritten(declaration.Expression);
                    break;
            }
        }

        private bool IsMemoryOnly(ISymbol symbol) => memoryOnly.Contains(symbol);

        private int SlotOf(ISymbol symbol)
            => !IsMemoryOnly(symbol) && symbolSlots.TryGetValue(symbol, out var slot) ? slot : -1;

        /// <summary>What is known about a slot's type: its kind, integer bounds, and unknown value.</summary>
        internal readonly struct SlotInfo
        {
            public SlotInfo(NumericKind kind, bool integral, double min, double max)
            {
                Kind = kind;
                Integral = integral;
                Min = min;
                Max = max;
            }

            public NumericKind Kind { get; }

            public bool Integral { get; }

            public double Min { get; }

            public double Max { get; }

            public ValueRange Top => Integral ? ValueRange.Of(Min, Max, false, Kind) : ValueRange.Unknown(Kind);

            public static SlotInfo For(ITypeSymbol? type, KnownSymbols symbols)
            {
                if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
                {
                    type = nullable.TypeArguments[0];
                }

                switch (type?.SpecialType)
                {
                    case SpecialType.System_SByte:
                        return new SlotInfo(NumericKind.Double, true, sbyte.MinValue, sbyte.MaxValue);
                    case SpecialType.System_Byte:
                        return new SlotInfo(NumericKind.Double, true, byte.MinValue, byte.MaxValue);
                    case SpecialType.System_Int16:
                        return new SlotInfo(NumericKind.Double, true, short.MinValue, short.MaxValue);
                    case SpecialType.System_UInt16:
                        return new SlotInfo(NumericKind.Double, true, ushort.MinValue, ushort.MaxValue);
                    case SpecialType.System_Char:
                        return new SlotInfo(NumericKind.Double, true, char.MinValue, char.MaxValue);
                    case SpecialType.System_Int32:
                        return new SlotInfo(NumericKind.Double, true, int.MinValue, int.MaxValue);
                    case SpecialType.System_UInt32:
                        return new SlotInfo(NumericKind.Double, true, uint.MinValue, uint.MaxValue);
                    case SpecialType.System_Int64:
                        return new SlotInfo(NumericKind.Double, true, long.MinValue, long.MaxValue);
                    case SpecialType.System_UInt64:
                        return new SlotInfo(NumericKind.Double, true, ulong.MinValue, ulong.MaxValue);
                }

                return new SlotInfo(ElementKind(type, symbols), false, double.NegativeInfinity, double.PositiveInfinity);
            }

            /// <summary>The kind of a floating value, or of the elements of a tensor / MathNet vector.</summary>
            public static NumericKind ElementKind(ITypeSymbol? type, KnownSymbols symbols)
            {
                if (type is null)
                {
                    return NumericKind.Double;
                }

                if (type.SpecialType == SpecialType.System_Single)
                {
                    return NumericKind.Single;
                }

                if (symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half))
                {
                    return NumericKind.Half;
                }

                if (symbols.TorchSharpTensor != null && SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTensor))
                {
                    return NumericKind.Single;
                }

                if (type is INamedTypeSymbol named && named.TypeArguments.Length == 1
                    && named.TypeArguments[0].SpecialType == SpecialType.System_Single
                    && named.ContainingNamespace?.ToDisplayString().StartsWith("MathNet.Numerics", StringComparison.Ordinal) == true)
                {
                    return NumericKind.Single;
                }

                return NumericKind.Double;
            }
        }
    }
}

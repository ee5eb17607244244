using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// The ranges an analysis recorded, per syntax node: joined over every evaluation, and kept apart per
    /// result type (an implicit conversion shares its operand's syntax).
    /// </summary>
    internal sealed class RangeResults
    {
        // One entry per syntax node; a second type at the same node (an implicit conversion shares its operand's
        // syntax) chains a further entry. Joining into an entry changes it in place: no allocation per evaluation.
        private readonly Dictionary<SyntaxNode, Entry> bySyntax = new Dictionary<SyntaxNode, Entry>();

        public int Count => bySyntax.Count;

        /// <summary>Every entry, for tests and debugging: "syntax : type : range".</summary>
        public IEnumerable<string> Dump()
        {
            foreach (var pair in bySyntax)
            {
                for (var entry = pair.Value; entry != null; entry = entry.Next)
                {
                    yield return pair.Key.ToString() + " : " + entry.Type?.ToDisplayString() + " : " + entry.Range;
                }
            }
        }

        public void Record(IOperation operation, ValueRange range)
        {
            var syntax = operation.Syntax;
            if (syntax is null)
            {
                return;
            }

            var type = operation.Type;
            if (!bySyntax.TryGetValue(syntax, out var first))
            {
                bySyntax[syntax] = new Entry(type, range);
                return;
            }

            var last = first;
            for (var entry = first; entry != null; entry = entry.Next)
            {
                if (SameType(entry.Type, type))
                {
                    entry.Range = entry.Range.Join(range);
                    return;
                }

                last = entry;
            }

            last.Next = new Entry(type, range);
        }

        public bool TryGet(IOperation operation, out ValueRange range)
        {
            range = default;
            if (operation.Syntax is null || !bySyntax.TryGetValue(operation.Syntax, out var first))
            {
                return false;
            }

            for (var entry = first; entry != null; entry = entry.Next)
            {
                if (SameType(entry.Type, operation.Type))
                {
                    range = entry.Range;
                    return true;
                }
            }

            // Another type at the same syntax (an implicit conversion the graph did not keep): the hull.
            range = first.Range;
            for (var entry = first.Next; entry != null; entry = entry.Next)
            {
                range = range.Join(entry.Range);
            }

            range = range.WithKind(MethodRanges.KindOf(operation.Type));
            return true;
        }

        private static bool SameType(ITypeSymbol? a, ITypeSymbol? b)
            => ReferenceEquals(a, b) || SymbolEqualityComparer.Default.Equals(a, b);

        private sealed class Entry
        {
            public Entry(ITypeSymbol? type, ValueRange range)
            {
                Type = type;
                Range = range;
            }

            public ITypeSymbol? Type { get; }

            public ValueRange Range { get; set; }

            public Entry? Next { get; set; }
        }
    }
}

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
        private readonly Dictionary<SyntaxNode, List<(ITypeSymbol? Type, ValueRange Range)>> bySyntax =
            new Dictionary<SyntaxNode, List<(ITypeSymbol?, ValueRange)>>();

        public int Count => bySyntax.Count;

        /// <summary>Every entry, for tests and debugging: "syntax : type : range".</summary>
        public IEnumerable<string> Dump()
        {
            foreach (var pair in bySyntax)
            {
                foreach (var entry in pair.Value)
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

            if (!bySyntax.TryGetValue(syntax, out var entries))
            {
                entries = new List<(ITypeSymbol?, ValueRange)>(1);
                bySyntax[syntax] = entries;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(entries[i].Type, operation.Type))
                {
                    entries[i] = (entries[i].Type, entries[i].Range.Join(range));
                    return;
                }
            }

            entries.Add((operation.Type, range));
        }

        public bool TryGet(IOperation operation, out ValueRange range)
        {
            range = default;
            if (operation.Syntax is null || !bySyntax.TryGetValue(operation.Syntax, out var entries) || entries.Count == 0)
            {
                return false;
            }

            foreach (var entry in entries)
            {
                if (SymbolEqualityComparer.Default.Equals(entry.Type, operation.Type))
                {
                    range = entry.Range;
                    return true;
                }
            }

            // Another type at the same syntax (an implicit conversion the graph did not keep): the hull.
            range = entries[0].Range;
            for (var i = 1; i < entries.Count; i++)
            {
                range = range.Join(entries[i].Range);
            }

            range = range.WithKind(MethodRanges.KindOf(operation.Type));
            return true;
        }
    }
}

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
        // The first type's range is held inline (one entry per node is the rule); other types at the same syntax (an
        // implicit conversion) go to a list, made only then.
        private readonly Dictionary<SyntaxNode, Entry> bySyntax = new Dictionary<SyntaxNode, Entry>();

        public int Count => bySyntax.Count;

        /// <summary>Every entry, for tests and debugging: "syntax : type : range".</summary>
        public IEnumerable<string> Dump()
        {
            foreach (var pair in bySyntax)
            {
                foreach (var entry in pair.Value.All())
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
            if (!bySyntax.TryGetValue(syntax, out var entry))
            {
                bySyntax[syntax] = new Entry(type, range, null);
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(entry.Type, type))
            {
                bySyntax[syntax] = new Entry(entry.Type, entry.Range.Join(range), entry.More);
                return;
            }

            var more = entry.More;
            if (more is null)
            {
                more = new List<(ITypeSymbol?, ValueRange)>(1);
                bySyntax[syntax] = new Entry(entry.Type, entry.Range, more);
            }

            for (var i = 0; i < more.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(more[i].Type, type))
                {
                    more[i] = (more[i].Type, more[i].Range.Join(range));
                    return;
                }
            }

            more.Add((type, range));
        }

        public bool TryGet(IOperation operation, out ValueRange range)
        {
            range = default;
            if (operation.Syntax is null || !bySyntax.TryGetValue(operation.Syntax, out var entry))
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(entry.Type, operation.Type))
            {
                range = entry.Range;
                return true;
            }

            if (entry.More != null)
            {
                foreach (var candidate in entry.More)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.Type, operation.Type))
                    {
                        range = candidate.Range;
                        return true;
                    }
                }
            }

            // Another type at the same syntax (an implicit conversion the graph did not keep): the hull.
            range = entry.Range;
            if (entry.More != null)
            {
                foreach (var other in entry.More)
                {
                    range = range.Join(other.Range);
                }
            }

            range = range.WithKind(MethodRanges.KindOf(operation.Type));
            return true;
        }

        private readonly struct Entry
        {
            public Entry(ITypeSymbol? type, ValueRange range, List<(ITypeSymbol? Type, ValueRange Range)>? more)
            {
                Type = type;
                Range = range;
                More = more;
            }

            public ITypeSymbol? Type { get; }

            public ValueRange Range { get; }

            public List<(ITypeSymbol? Type, ValueRange Range)>? More { get; }

            public IEnumerable<(ITypeSymbol? Type, ValueRange Range)> All()
            {
                yield return (Type, Range);
                if (More != null)
                {
                    foreach (var other in More)
                    {
                        yield return other;
                    }
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
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
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxNode, MethodRanges>> Cache =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxNode, MethodRanges>>();

        private readonly Dictionary<SyntaxNode, ValueRange> ranges;

        private MethodRanges(Dictionary<SyntaxNode, ValueRange> ranges)
        {
            this.ranges = ranges;
        }

        /// <summary>An analysis that knows nothing: every value is unknown.</summary>
        internal static MethodRanges Empty { get; } = new MethodRanges(new Dictionary<SyntaxNode, ValueRange>());

        /// <summary>The analysis of the body containing <paramref name="operation"/>. Never null.</summary>
        public static MethodRanges For(IOperation operation, CancellationToken cancellationToken)
        {
            var compilation = operation?.SemanticModel?.Compilation;
            if (operation is null || compilation is null)
            {
                return Empty;
            }

            var body = FindBody(operation);
            if (body is null)
            {
                return Empty;
            }

            var perCompilation = Cache.GetValue(compilation, _ => new ConcurrentDictionary<SyntaxNode, MethodRanges>());
            if (perCompilation.TryGetValue(body.Syntax, out var cached))
            {
                return cached;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return perCompilation.GetOrAdd(body.Syntax, Empty);
        }

        /// <summary>The range of <paramref name="value"/> at its own program point.</summary>
        public ValueRange RangeOf(IOperation value)
        {
            var kind = KindOf(value?.Type);
            if (value is null)
            {
                return ValueRange.Unknown(kind);
            }

            if (value.ConstantValue.HasValue && TryGetNumber(value.ConstantValue.Value, out var constant))
            {
                return ValueRange.Constant(constant, kind);
            }

            if (ranges.TryGetValue(value.Syntax, out var range))
            {
                return range;
            }

            return ValueRange.Unknown(kind);
        }

        /// <summary>A short human reason for the range of <paramref name="value"/>. Never null.</summary>
        public string Explain(IOperation value)
        {
            var range = RangeOf(value);
            var text = value?.Syntax.ToString() ?? "the value";
            if (range.IsUnknown)
            {
                return "nothing bounds '" + text + "'";
            }

            return "'" + text + "' is in " + range;
        }

        /// <summary>True when the result of <paramref name="operation"/> is only used under a condition that excludes Inf/NaN.</summary>
        public bool IsOnlyUsedWhereFinite(IOperation operation) => false;

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

using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanAnalyzers
{
    /// <summary>
    /// Rule options read from <c>.editorconfig</c> / <c>.globalconfig</c>, per syntax tree. Every key is
    /// documented on the page of the rule that reads it; the analyzers and the fixers read them the same
    /// way, through this class.
    /// </summary>
    internal static partial class NanOptions
    {
        /// <summary>The epsilon a fix inserts in double code (<c>Math.Max(p, 1e-12)</c>).</summary>
        public const string EpsilonKey = "nan_analyzers.epsilon";

        /// <summary>The epsilon a fix inserts in float code (<c>MathF.Max(p, 1e-7f)</c>) and in TorchSharp tensors.</summary>
        public const string EpsilonFloatKey = "nan_analyzers.epsilon_float";

        public const double DefaultEpsilon = 1e-12;

        public const double DefaultEpsilonFloat = 1e-7;

        /// <summary>The raw string value of <paramref name="key"/> for <paramref name="tree"/>, or null.</summary>
        public static string? GetString(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, string key)
        {
            var options = provider.GetOptions(tree);
            return options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        }

        /// <summary>
        /// A positive finite double option. A value that does not parse, or is not positive and finite,
        /// falls back to <paramref name="defaultValue"/> (an analyzer must never throw on a bad config).
        /// </summary>
        public static double GetPositiveDouble(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, string key, double defaultValue)
        {
            var text = GetString(provider, tree, key);
            if (text != null
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && value > 0
                && !double.IsInfinity(value))
            {
                return value;
            }

            return defaultValue;
        }

        public static double GetEpsilon(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, bool isFloat)
            => isFloat
                ? GetPositiveDouble(provider, tree, EpsilonFloatKey, DefaultEpsilonFloat)
                : GetPositiveDouble(provider, tree, EpsilonKey, DefaultEpsilon);
    }
}

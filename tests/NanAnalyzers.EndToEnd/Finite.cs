using System.Globalization;
using System.Text.RegularExpressions;

namespace NanAnalyzers.EndToEnd
{
    public static class Finite
    {
        /// <summary>The number after <paramref name="label"/> on the last line that has it, or null.</summary>
        public static double? LastValue(string output, string label)
        {
            var matches = Regex.Matches(output, Regex.Escape(label) + @"\s*(?<v>[-+0-9.eE]+|NaN|∞|-∞|Infinity|-Infinity)");
            if (matches.Count == 0)
            {
                return null;
            }

            var text = matches[matches.Count - 1].Groups["v"].Value;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
        }
    }
}

using System;
using System.Globalization;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class InputValidation
    {
        // Float without AllowThousands: with the invariant culture "1,5" is refused instead of read as 15.
        private const NumberStyles DefaultStyles = NumberStyles.Float;
        private const int MaxQuotedLength = 64;

        /// <summary>
        /// Parses a finite <see cref="double"/>. Unlike <see cref="double.Parse(string)"/>, which accepts
        /// "NaN" and "Infinity" and (on .NET Core 3.0+) turns "1e999" into +inf, this refuses every
        /// text that does not denote a finite number. Culture-invariant unless a provider is given;
        /// accepts <see cref="NumberStyles.Float"/> (sign, decimal point, exponent, surrounding white space, no thousands separators).
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="provider">The culture to parse with; <see langword="null"/> means <see cref="CultureInfo.InvariantCulture"/>.</param>
        /// <returns>The finite value.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="FormatException"><paramref name="text"/> is not a number, or denotes NaN, an infinity or a value that overflows; the message quotes the text.</exception>
        public static double ParseFinite(string text, IFormatProvider? provider = null) => ParseFinite(text, DefaultStyles, provider);

        /// <summary>
        /// Parses a finite <see cref="double"/> with the given number styles, refusing NaN, infinities and overflow.
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="style">The allowed number styles.</param>
        /// <param name="provider">The culture to parse with; <see langword="null"/> means <see cref="CultureInfo.InvariantCulture"/>.</param>
        /// <returns>The finite value.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="FormatException"><paramref name="text"/> is not a number, or denotes NaN, an infinity or a value that overflows; the message quotes the text.</exception>
        public static double ParseFinite(string text, NumberStyles style, IFormatProvider? provider = null)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            double value;
            try
            {
                value = double.Parse(text, style, provider ?? CultureInfo.InvariantCulture);
            }
            catch (OverflowException e)
            {
                throw new FormatException(Quote(text) + " overflows a double; only finite numbers are accepted.", e);
            }
            catch (FormatException e)
            {
                throw new FormatException(Quote(text) + " is not a number.", e);
            }

            if (!GuardKernels.IsFinite(value))
            {
                throw new FormatException(NonFiniteMessage(text, value, "double"));
            }

            return value;
        }

        /// <summary>
        /// Parses a finite <see cref="float"/>, refusing "NaN", infinities and values beyond
        /// <see cref="float.MaxValue"/> (which <see cref="float.Parse(string)"/> turns into +inf).
        /// Culture-invariant unless a provider is given.
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="provider">The culture to parse with; <see langword="null"/> means <see cref="CultureInfo.InvariantCulture"/>.</param>
        /// <returns>The finite value.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        /// <exception cref="FormatException"><paramref name="text"/> is not a number, or denotes NaN, an infinity or a value that overflows a float; the message quotes the text.</exception>
        public static float ParseFiniteSingle(string text, IFormatProvider? provider = null)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            float value;
            try
            {
                value = float.Parse(text, DefaultStyles, provider ?? CultureInfo.InvariantCulture);
            }
            catch (OverflowException e)
            {
                throw new FormatException(Quote(text) + " overflows a float; only finite numbers are accepted.", e);
            }
            catch (FormatException e)
            {
                throw new FormatException(Quote(text) + " is not a number.", e);
            }

            if (!GuardKernels.IsFinite(value))
            {
                throw new FormatException(NonFiniteMessage(text, value, "float"));
            }

            return value;
        }

        /// <summary>
        /// Tries to parse a finite <see cref="double"/> with the invariant culture; returns
        /// <see langword="false"/> for null, non-numbers, NaN, infinities and overflow.
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="value">The parsed value, or 0 when parsing fails.</param>
        /// <returns>Whether <paramref name="text"/> denotes a finite number.</returns>
        public static bool TryParseFinite(string? text, out double value) => TryParseFinite(text, null, out value);

        /// <summary>
        /// Tries to parse a finite <see cref="double"/>; returns <see langword="false"/> for null,
        /// non-numbers, NaN, infinities and overflow.
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="provider">The culture to parse with; <see langword="null"/> means <see cref="CultureInfo.InvariantCulture"/>.</param>
        /// <param name="value">The parsed value, or 0 when parsing fails.</param>
        /// <returns>Whether <paramref name="text"/> denotes a finite number.</returns>
        public static bool TryParseFinite(string? text, IFormatProvider? provider, out double value)
        {
            if (text is not null
                && double.TryParse(text, DefaultStyles, provider ?? CultureInfo.InvariantCulture, out value)
                && GuardKernels.IsFinite(value))
            {
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>
        /// Tries to parse a finite <see cref="float"/> with the invariant culture; returns
        /// <see langword="false"/> for null, non-numbers, NaN, infinities and overflow.
        /// </summary>
        /// <param name="text">The text to parse.</param>
        /// <param name="value">The parsed value, or 0 when parsing fails.</param>
        /// <returns>Whether <paramref name="text"/> denotes a finite float.</returns>
        public static bool TryParseFiniteSingle(string? text, out float value)
        {
            if (text is not null
                && float.TryParse(text, DefaultStyles, CultureInfo.InvariantCulture, out value)
                && GuardKernels.IsFinite(value))
            {
                return true;
            }

            value = 0;
            return false;
        }

        private static string NonFiniteMessage(string text, double value, string type)
        {
            string what = double.IsNaN(value)
                ? "denotes NaN"
                : LooksLikeInfinityText(text) ? "denotes an infinity" : "overflows a " + type + " to " + NonFiniteValueException.Format(value);
            return Quote(text) + " " + what + "; only finite numbers are accepted.";
        }

        private static bool LooksLikeInfinityText(string text)
        {
            return text.IndexOf("inf", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf('\u221E') >= 0;
        }

        private static string Quote(string text)
        {
            string shown = text.Length <= MaxQuotedLength ? text : text.Substring(0, MaxQuotedLength) + "...";
            return "The text \"" + shown + "\"";
        }
    }
}

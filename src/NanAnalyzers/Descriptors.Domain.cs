using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    internal static partial class Descriptors
    {
        /// <summary>NAN101: the argument of a logarithm may be zero or negative.</summary>
        public static readonly DiagnosticDescriptor NAN101 = Create(
            "NAN101",
            "Logarithm argument may be zero or negative",
            "The argument of '{0}' may be {1}: {2}",
            DomainCategory,
            "log(0) is -Infinity and log of a negative value is NaN; either one poisons every value computed from it. Clamp the argument away from zero or call SafeMath.Log.");

        /// <summary>NAN102: the argument of a square root may be negative (or zero where the reciprocal or the gradient is taken).</summary>
        public static readonly DiagnosticDescriptor NAN102 = Create(
            "NAN102",
            "Square root argument may be negative",
            "The argument of '{0}' may be {1}: {2}",
            DomainCategory,
            "sqrt of a negative value is NaN, 1/sqrt(0) is Infinity, and the gradient of sqrt at 0 is Infinity. Values computed as differences (E[x^2] - E[x]^2) round below zero.");

        /// <summary>NAN103: a floating-point divisor may be zero.</summary>
        public static readonly DiagnosticDescriptor NAN103 = Create(
            "NAN103",
            "Divisor may be zero",
            "The divisor '{0}' may be 0: {1}",
            DomainCategory,
            "A floating-point division by zero gives Infinity, and 0/0 gives NaN. Sums, norms, standard deviations and counts can all be zero.");

        /// <summary>NAN104: an exponential may overflow to infinity.</summary>
        public static readonly DiagnosticDescriptor NAN104 = Create(
            "NAN104",
            "Exponential may overflow",
            "'{0}' may overflow to Infinity: {1}",
            DomainCategory,
            "exp overflows to Infinity above about 709.78 (double) or 88.72 (float); Infinity/Infinity and Infinity - Infinity are NaN. Subtract the maximum before exp, or clamp the argument.");

        /// <summary>NAN105: acos/asin/atanh/pow outside their domains.</summary>
        public static readonly DiagnosticDescriptor NAN105 = Create(
            "NAN105",
            "Argument may be outside the function's domain",
            "The argument of '{0}' may be {1}: {2}",
            DomainCategory,
            "acos and asin are NaN outside [-1, 1], atanh outside (-1, 1), and pow of a negative base with a non-integer exponent is NaN. A cosine similarity can round to 1.0000000000000002.");
    }
}

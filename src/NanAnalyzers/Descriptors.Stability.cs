using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    internal static partial class Descriptors
    {
        /// <summary>NAN201: the log of a softmax or a sigmoid.</summary>
        public static readonly DiagnosticDescriptor NAN201 = Create(
            "NAN201",
            "Logarithm of a softmax or sigmoid",
            "'{0}' takes the log of a {1}, which underflows to 0 and gives -Infinity; use {2}",
            StabilityCategory,
            "A softmax or sigmoid output reaches exactly 0 in floating point, and its log is then -Infinity. The log-softmax and log-sigmoid forms compute the same value without the underflow.");

        /// <summary>NAN202: a cross-entropy computed on probabilities instead of logits.</summary>
        public static readonly DiagnosticDescriptor NAN202 = Create(
            "NAN202",
            "Cross-entropy computed on probabilities",
            "'{0}' computes a cross-entropy from probabilities, which saturate to 0 or 1 and give Infinity or NaN; use {1}",
            StabilityCategory,
            "Binary and categorical cross-entropy on sigmoid or softmax outputs take log(0) once the output saturates. The forms that take logits are exact and stable.");

        /// <summary>NAN203: log(1 + x) or exp(x) - 1 written out, losing precision for small x.</summary>
        public static readonly DiagnosticDescriptor NAN203 = Create(
            "NAN203",
            "Use an accurate log1p or expm1",
            "'{0}' loses all precision for small x (it returns 0 for x = 1e-17); use {1}",
            StabilityCategory,
            "1 + x rounds to 1 for |x| below the machine epsilon, so log(1 + x) and exp(x) - 1 return 0. .NET's double.LogP1 and double.ExpM1 are computed the same way.");

        /// <summary>NAN204: log(sum(exp(x))) written out.</summary>
        public static readonly DiagnosticDescriptor NAN204 = Create(
            "NAN204",
            "Log-sum-exp written out",
            "'{0}' computes log(sum(exp(x))) directly, which overflows for large x; use {1}",
            StabilityCategory,
            "exp of a large value overflows to Infinity before the log brings it back. The log-sum-exp with the maximum subtracted is exact and never overflows.");
    }
}

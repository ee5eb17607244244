using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    internal static partial class Descriptors
    {
        /// <summary>NAN401: a learning rate far above the customary range of its optimizer.</summary>
        public static readonly DiagnosticDescriptor NAN401 = Create(
            "NAN401",
            "Learning rate is too high",
            "The learning rate {0} for {1} is above {2}, where training commonly diverges to NaN; the customary value is {3}",
            TrainingCategory,
            "Too high a learning rate makes weight updates overshoot, the loss grow, and the values overflow to Infinity and NaN.");

        /// <summary>NAN402: an optimizer step without gradient clipping.</summary>
        public static readonly DiagnosticDescriptor NAN402 = Create(
            "NAN402",
            "Optimizer step without gradient clipping",
            "{0} applies gradients that were never clipped; an exploding gradient turns the weights into Infinity and NaN",
            TrainingCategory,
            "Without clipping, one large gradient makes one huge step. Clip the gradients by their global norm before the step.");

        /// <summary>NAN403: training data never checked for NaN or Infinity.</summary>
        public static readonly DiagnosticDescriptor NAN403 = Create(
            "NAN403",
            "Training data is never checked for NaN or Infinity",
            "'{0}' reads values that reach training without a check for NaN or Infinity ({1})",
            TrainingCategory,
            "double.Parse(\"NaN\") and double.Parse(\"Infinity\") succeed, and a single non-finite input makes the loss NaN. Check the data before training.");

        /// <summary>NAN404: backward and step without zero_grad.</summary>
        public static readonly DiagnosticDescriptor NAN404 = Create(
            "NAN404",
            "Gradients are never zeroed",
            "The loop calls '{0}' and step() but never zero_grad(): gradients accumulate across steps and grow without bound",
            TrainingCategory,
            "TorchSharp adds each backward() into the existing gradients. Without zero_grad() every step uses the sum of all gradients so far.");

        /// <summary>NAN405: a training loop that never checks its loss (advisory).</summary>
        public static readonly DiagnosticDescriptor NAN405 = Create(
            "NAN405",
            "Training loop never checks its loss",
            "This training loop never checks its loss '{0}' for NaN or Infinity; a diverged run continues silently",
            TrainingCategory,
            "A loss that becomes NaN stays NaN. Checking it (or using NanGuard's TrainingGuard) stops or repairs the run at the first bad step.",
            DiagnosticSeverity.Info);
    }
}

using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanAnalyzers
{
    /// <summary>The optimizer families NAN401 gives a threshold each.</summary>
    internal enum OptimizerFamily
    {
        /// <summary>Plain gradient descent: TorchSharp <c>SGD</c>, <c>ASGD</c>, <c>LBFGS</c>; ML.NET SGD, online gradient descent, averaged perceptron, factorization machines.</summary>
        Sgd,

        /// <summary>Per-parameter adaptive steps: <c>Adam</c>, <c>AdamW</c>, <c>Adamax</c>, <c>NAdam</c>, <c>RAdam</c>, <c>RMSProp</c>, <c>Adagrad</c>, <c>Rprop</c>.</summary>
        Adaptive,

        /// <summary><c>Adadelta</c>: its rate is a unitless multiplier, customarily 1.0.</summary>
        Adadelta,

        /// <summary>Gradient-boosted trees: the shrinkage of FastTree, FastTreeTweedie, GAM, LightGBM.</summary>
        Boosting,

        /// <summary>Hand-written weight updates (<c>w[i] -= lr * g[i]</c>).</summary>
        Custom,
    }

    internal static partial class NanOptions
    {
        /// <summary>Prefix of the NAN401 threshold keys: <c>nan_analyzers.nan401.threshold.&lt;family&gt;</c>.</summary>
        public const string LearningRateThresholdKeyPrefix = "nan_analyzers.nan401.threshold.";

        /// <summary>The names NAN401 treats as learning rates in hand-written code (comma-separated).</summary>
        public const string LearningRateNamesKey = "nan_analyzers.nan401.names";

        /// <summary>The max norm NAN402's fixes insert.</summary>
        public const string MaxGradNormKey = "nan_analyzers.nan402.max_norm";

        public const double DefaultMaxGradNorm = 1.0;

        public static readonly ImmutableArray<string> DefaultLearningRateNames =
            ImmutableArray.Create("learningRate", "learning_rate", "lr", "eta", "stepSize", "step_size");

        /// <summary>The key of <paramref name="family"/>'s threshold (<c>sgd</c>, <c>adaptive</c>, <c>adadelta</c>, <c>boosting</c>, <c>custom</c>).</summary>
        public static string LearningRateThresholdKey(OptimizerFamily family)
            => (uint)family < (uint)OptimizerFamilies.Length && OptimizerFamilies[(int)family] == family ? ThresholdKeys[(int)family] : ThresholdKeyOf(family);

        private static string ThresholdKeyOf(OptimizerFamily family) => LearningRateThresholdKeyPrefix + family.ToString().ToLowerInvariant();

        /// <summary>
        /// The default threshold of each family: a rate strictly above it is flagged. See docs/rules/NAN401.md for
        /// the reasoning behind each number.
        /// </summary>
        public static double DefaultLearningRateThreshold(OptimizerFamily family)
        {
            switch (family)
            {
                case OptimizerFamily.Adaptive:
                    return 0.1;
                case OptimizerFamily.Adadelta:
                    return 10.0;
                default:
                    return 1.0;
            }
        }

        public static double GetLearningRateThreshold(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, OptimizerFamily family)
            => GetPositiveDouble(provider, tree, LearningRateThresholdKey(family), DefaultLearningRateThreshold(family));

        // Every family, in the order of the enum's values, and their keys (built once: they are looked up for every
        // constant a rate may be). ThresholdKeys is declared after the array it is built from.
        private static readonly OptimizerFamily[] OptimizerFamilies =
            { OptimizerFamily.Sgd, OptimizerFamily.Adaptive, OptimizerFamily.Adadelta, OptimizerFamily.Boosting, OptimizerFamily.Custom };

        private static readonly string[] ThresholdKeys = Array.ConvertAll(OptimizerFamilies, ThresholdKeyOf);

        /// <summary>
        /// The lowest threshold of every family for <paramref name="tree"/>: a rate at or below it is flagged for no
        /// optimizer, so its uses need not be looked at (an accumulator's <c>0</c>, an epsilon).
        /// </summary>
        public static double GetLowestLearningRateThreshold(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        {
            var lowest = double.PositiveInfinity;
            foreach (var family in OptimizerFamilies)
            {
                lowest = Math.Min(lowest, GetLearningRateThreshold(provider, tree, family));
            }

            return lowest;
        }

        /// <summary>The configured learning-rate names, or the defaults.</summary>
        public static ImmutableArray<string> GetLearningRateNames(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        {
            var text = GetString(provider, tree, LearningRateNamesKey);
            if (text is null)
            {
                return DefaultLearningRateNames;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in text.Split(new[] { ',', ' ', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                builder.Add(part.Trim());
            }

            return builder.Count == 0 ? DefaultLearningRateNames : builder.ToImmutable();
        }

        /// <summary>
        /// True when <paramref name="identifier"/> is one of <paramref name="names"/>, ignoring case and leading
        /// underscores (<c>_learningRate</c>, <c>LearningRate</c>, <c>LR</c>).
        /// </summary>
        public static bool IsLearningRateName(string identifier, ImmutableArray<string> names)
        {
            var trimmed = identifier.TrimStart('_');
            if (trimmed.StartsWith("m_", StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(2);
            }

            foreach (var name in names)
            {
                if (string.Equals(trimmed, name.TrimStart('_'), StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public static double GetMaxGradNorm(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
            => GetPositiveDouble(provider, tree, MaxGradNormKey, DefaultMaxGradNorm);
    }
}

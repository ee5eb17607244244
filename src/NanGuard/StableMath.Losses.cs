using System;
using NanGuard.Internal;

namespace NanGuard
{
    public static partial class StableMath
    {
        /// <summary>Element-wise <see cref="Sigmoid(double)"/>.</summary>
        /// <param name="x">The logits.</param>
        /// <param name="destination">Receives the sigmoids; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Sigmoid(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = SigmoidCore(x[i]);
            }
        }

        /// <summary>Element-wise <see cref="Sigmoid(float)"/> (each computed in double, rounded once).</summary>
        /// <param name="x">The logits.</param>
        /// <param name="destination">Receives the sigmoids; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = (float)SigmoidCore(x[i]);
            }
        }

        /// <summary>Element-wise <see cref="LogSigmoid(double)"/>.</summary>
        /// <param name="x">The logits.</param>
        /// <param name="destination">Receives <c>log(sigmoid(x[i]))</c>; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void LogSigmoid(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = LogSigmoidCore(x[i]);
            }
        }

        /// <summary>Element-wise <see cref="LogSigmoid(float)"/>.</summary>
        /// <param name="x">The logits.</param>
        /// <param name="destination">Receives <c>log(sigmoid(x[i]))</c>; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void LogSigmoid(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = (float)LogSigmoidCore(x[i]);
            }
        }

        /// <summary>Element-wise <see cref="Softplus(double)"/>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives <c>log(1 + e^x[i])</c>; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Softplus(ReadOnlySpan<double> x, Span<double> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = SoftplusCore(x[i]);
            }
        }

        /// <summary>Element-wise <see cref="Softplus(float)"/>.</summary>
        /// <param name="x">The arguments.</param>
        /// <param name="destination">Receives <c>log(1 + e^x[i])</c>; same length as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
        /// <exception cref="ArgumentException">A length mismatch or partial overlap, or an element of <paramref name="x"/> is NaN (nothing is written).</exception>
        public static void Softplus(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckDestination(x, destination);
            MathChecks.NoNaN(x, nameof(x));
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = (float)SoftplusCore(x[i]);
            }
        }

        /// <summary>
        /// The mean binary cross-entropy of logits against targets (PyTorch's
        /// <c>binary_cross_entropy_with_logits</c> with <c>reduction: mean</c>); each element as
        /// <see cref="BinaryCrossEntropyWithLogits(double, double)"/>.
        /// </summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <returns>The mean loss; finite for finite logits.</returns>
        /// <exception cref="ArgumentException"><paramref name="logits"/> is empty (the mean is undefined), the lengths differ, or an element is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1] (the message names the index).</exception>
        public static double BinaryCrossEntropyWithLogits(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
        {
            CheckBce(logits, targets, true);
            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                sum += BceCore(logits[i], targets[i]);
            }

            return MeanOf(sum, logits, targets);
        }

        /// <summary>The mean binary cross-entropy of float logits (accumulated in double); see <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <returns>The mean loss.</returns>
        /// <exception cref="ArgumentException"><paramref name="logits"/> is empty, the lengths differ, or an element is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1].</exception>
        public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
        {
            CheckBce(logits, targets, true);
            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                sum += BceCore(logits[i], targets[i]);
            }

            return (float)(sum / logits.Length);
        }

        /// <summary>The per-element binary cross-entropy of logits against targets (<c>reduction: none</c>).</summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <param name="destination">Receives the losses; same length; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">The lengths differ or an element is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1].</exception>
        public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, Span<double> destination)
        {
            CheckBce(logits, targets, false);
            CheckDestination(logits, destination);
            for (int i = 0; i < logits.Length; i++)
            {
                destination[i] = BceCore(logits[i], targets[i]);
            }
        }

        /// <summary>The per-element binary cross-entropy of float logits (<c>reduction: none</c>).</summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <param name="destination">Receives the losses; same length; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">The lengths differ or an element is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1].</exception>
        public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> destination)
        {
            CheckBce(logits, targets, false);
            CheckDestination(logits, destination);
            for (int i = 0; i < logits.Length; i++)
            {
                destination[i] = (float)BceCore(logits[i], targets[i]);
            }
        }

        /// <summary>
        /// The gradient of the per-element binary cross-entropy with respect to each logit:
        /// <c>destination[i] = sigmoid(logits[i]) - targets[i]</c>. For the mean loss divide by the length.
        /// </summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <param name="destination">Receives the gradients, each in [-1, 1]; same length; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">The lengths differ or an element is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1].</exception>
        public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, Span<double> destination)
        {
            CheckBce(logits, targets, false);
            CheckDestination(logits, destination);
            for (int i = 0; i < logits.Length; i++)
            {
                destination[i] = SigmoidCore(logits[i]) - targets[i];
            }
        }

        /// <summary>The gradient of the per-element float binary cross-entropy: <c>sigmoid(logits[i]) - targets[i]</c>.</summary>
        /// <param name="logits">The logits.</param>
        /// <param name="targets">The target probabilities in [0, 1]; same length as <paramref name="logits"/>.</param>
        /// <param name="destination">Receives the gradients; same length; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">The lengths differ or an element is NaN (nothing is written).</exception>
        /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1].</exception>
        public static void BinaryCrossEntropyWithLogitsBackward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> destination)
        {
            CheckBce(logits, targets, false);
            CheckDestination(logits, destination);
            for (int i = 0; i < logits.Length; i++)
            {
                destination[i] = (float)(SigmoidCore(logits[i]) - targets[i]);
            }
        }

        /// <summary>
        /// The cross-entropy of one sample's logits against a class index:
        /// <c>-log softmax(logits)[target] = (max - logits[target]) + log1p(sum_{j != argmax} e^(logits[j] - max))</c>
        /// (PyTorch's <c>cross_entropy</c> for one row). Finite for finite logits.
        /// </summary>
        /// <param name="logits">The class logits (one sample). -inf entries are allowed (a -inf target logit gives +inf).</param>
        /// <param name="target">The index of the true class.</param>
        /// <returns>The loss, at least 0.</returns>
        /// <exception cref="ArgumentException"><paramref name="logits"/> is empty, has a NaN or +inf element, or is all -inf.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not in [0, logits.Length).</exception>
        public static double CrossEntropyWithLogits(ReadOnlySpan<double> logits, int target)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            CheckClass(target, logits.Length);
            double max = MaxForSoftmax(logits, nameof(logits), out int argMax);
            double log = MathAccurate.Log1P(SumExpShifted(logits, max, argMax));
            return (max - logits[target]) + log;
        }

        /// <summary>The cross-entropy of one sample's float logits against a class index (computed in double); see <see cref="CrossEntropyWithLogits(ReadOnlySpan{double}, int)"/>.</summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="target">The index of the true class.</param>
        /// <returns>The loss, at least 0.</returns>
        /// <exception cref="ArgumentException"><paramref name="logits"/> is empty, has a NaN or +inf element, or is all -inf.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not in [0, logits.Length).</exception>
        public static float CrossEntropyWithLogits(ReadOnlySpan<float> logits, int target)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            CheckClass(target, logits.Length);
            float max = MaxForSoftmax(logits, nameof(logits), out int argMax);
            double log = MathAccurate.Log1P(SumExpShifted(logits, max, argMax));
            return (float)(((double)max - logits[target]) + log);
        }

        /// <summary>
        /// The cross-entropy of one sample's logits against class probabilities (soft labels):
        /// <c>-sum_i targets[i] log softmax(logits)[i]</c>; terms with <c>targets[i] = 0</c> contribute 0
        /// even where <c>logits[i]</c> is -inf. The targets are not required to sum to 1.
        /// </summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="targets">The class probabilities: finite and not negative; same length as <paramref name="logits"/>.</param>
        /// <returns>The loss.</returns>
        /// <exception cref="ArgumentException">
        /// <paramref name="logits"/> is empty, has a NaN or +inf element, or is all -inf; the lengths differ; a target is NaN, infinite or negative.
        /// </exception>
        public static double CrossEntropyWithLogits(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            CheckProbabilities(targets, nameof(targets), out _);
            double max = MaxForSoftmax(logits, nameof(logits), out int argMax);
            double log = MathAccurate.Log1P(SumExpShifted(logits, max, argMax));
            double loss = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                double y = targets[i];
                if (y != 0)
                {
                    loss += y * ((max - logits[i]) + log);
                }
            }

            return loss;
        }

        /// <summary>The cross-entropy of one sample's float logits against class probabilities (computed in double); see <see cref="CrossEntropyWithLogits(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="targets">The class probabilities: finite and not negative; same length as <paramref name="logits"/>.</param>
        /// <returns>The loss.</returns>
        /// <exception cref="ArgumentException">
        /// <paramref name="logits"/> is empty, has a NaN or +inf element, or is all -inf; the lengths differ; a target is NaN, infinite or negative.
        /// </exception>
        public static float CrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            CheckProbabilities(targets, nameof(targets), out _);
            float max = MaxForSoftmax(logits, nameof(logits), out int argMax);
            double log = MathAccurate.Log1P(SumExpShifted(logits, max, argMax));
            double loss = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                double y = targets[i];
                if (y != 0)
                {
                    loss += y * (((double)max - logits[i]) + log);
                }
            }

            return (float)loss;
        }

        /// <summary>
        /// The gradient of <see cref="CrossEntropyWithLogits(ReadOnlySpan{double}, int)"/> with respect to
        /// the logits: <c>softmax(logits) - onehot(target)</c>. For a batch mean, divide by the batch size.
        /// </summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="target">The index of the true class.</param>
        /// <param name="destination">Receives the gradient; same length as <paramref name="logits"/>; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">As for <see cref="Softmax(ReadOnlySpan{double}, Span{double})"/>, or <paramref name="logits"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not in [0, logits.Length).</exception>
        public static void SoftmaxCrossEntropyBackward(ReadOnlySpan<double> logits, int target, Span<double> destination)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            CheckClass(target, logits.Length);
            CheckDestination(logits, destination);
            Softmax(logits, destination);
            destination[target] -= 1.0;
        }

        /// <summary>The gradient of the float cross-entropy with a class index: <c>softmax(logits) - onehot(target)</c>.</summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="target">The index of the true class.</param>
        /// <param name="destination">Receives the gradient; same length as <paramref name="logits"/>; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">As for <see cref="Softmax(ReadOnlySpan{float}, Span{float})"/>, or <paramref name="logits"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not in [0, logits.Length).</exception>
        public static void SoftmaxCrossEntropyBackward(ReadOnlySpan<float> logits, int target, Span<float> destination)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            CheckClass(target, logits.Length);
            CheckDestination(logits, destination);
            Softmax(logits, destination);
            destination[target] -= 1f;
        }

        /// <summary>
        /// The gradient of <see cref="CrossEntropyWithLogits(ReadOnlySpan{double}, ReadOnlySpan{double})"/>
        /// with respect to the logits: <c>softmax(logits) * sum(targets) - targets</c> (<c>softmax - targets</c>
        /// when the targets sum to 1).
        /// </summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="targets">The class probabilities; same length; must not overlap <paramref name="destination"/>.</param>
        /// <param name="destination">Receives the gradient; same length as <paramref name="logits"/>; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">As for <see cref="CrossEntropyWithLogits(ReadOnlySpan{double}, ReadOnlySpan{double})"/>, or a length mismatch.</exception>
        public static void SoftmaxCrossEntropyBackward(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, Span<double> destination)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            CheckDestination(logits, destination);
            if (targets.Overlaps(destination))
            {
                throw new ArgumentException("The destination must not overlap the targets.", nameof(destination));
            }

            CheckProbabilities(targets, nameof(targets), out double total);
            Softmax(logits, destination);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (destination[i] * total) - targets[i];
            }
        }

        /// <summary>The gradient of the float cross-entropy with class probabilities: <c>softmax(logits) * sum(targets) - targets</c>.</summary>
        /// <param name="logits">The class logits (one sample).</param>
        /// <param name="targets">The class probabilities; same length; must not overlap <paramref name="destination"/>.</param>
        /// <param name="destination">Receives the gradient; same length as <paramref name="logits"/>; may be <paramref name="logits"/> itself.</param>
        /// <exception cref="ArgumentException">As for <see cref="CrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, or a length mismatch.</exception>
        public static void SoftmaxCrossEntropyBackward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> destination)
        {
            MathChecks.NotEmpty(logits.Length, nameof(logits));
            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            CheckDestination(logits, destination);
            if (targets.Overlaps(destination))
            {
                throw new ArgumentException("The destination must not overlap the targets.", nameof(destination));
            }

            CheckProbabilities(targets, nameof(targets), out double total);
            Softmax(logits, destination);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = (float)((destination[i] * total) - targets[i]);
            }
        }

        private static void CheckClass(int target, int classes)
        {
            if (target < 0 || target >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(target), target, "The class index must be in [0, " + classes.ToString(System.Globalization.CultureInfo.InvariantCulture) + ").");
            }
        }

        private static void CheckBce(ReadOnlySpan<double> logits, ReadOnlySpan<double> targets, bool mean)
        {
            if (mean)
            {
                MathChecks.NotEmpty(logits.Length, nameof(logits));
            }

            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            MathChecks.NoNaN(logits, nameof(logits));
            for (int i = 0; i < targets.Length; i++)
            {
                CheckTargetAt(targets[i], i);
            }
        }

        private static void CheckBce(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, bool mean)
        {
            if (mean)
            {
                MathChecks.NotEmpty(logits.Length, nameof(logits));
            }

            MathChecks.SameLength(logits.Length, targets.Length, nameof(targets));
            MathChecks.NoNaN(logits, nameof(logits));
            for (int i = 0; i < targets.Length; i++)
            {
                CheckTargetAt(targets[i], i);
            }
        }

        private static void CheckTargetAt(double y, int index)
        {
            if (double.IsNaN(y))
            {
                MathChecks.ThrowNaNAt("targets", index);
            }

            if (y < 0 || y > 1)
            {
                throw new ArgumentOutOfRangeException(
                    "targets",
                    y,
                    "targets[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "] must be a probability in [0, 1].");
            }
        }

        private static void CheckProbabilities(ReadOnlySpan<double> targets, string paramName, out double total)
        {
            total = 0;
            for (int i = 0; i < targets.Length; i++)
            {
                double y = targets[i];
                if (double.IsNaN(y))
                {
                    MathChecks.ThrowNaNAt(paramName, i);
                }

                if (y < 0 || double.IsInfinity(y))
                {
                    MathChecks.ThrowAt(paramName, i, "must be finite and not negative.");
                }

                total += y;
            }
        }

        private static void CheckProbabilities(ReadOnlySpan<float> targets, string paramName, out double total)
        {
            total = 0;
            for (int i = 0; i < targets.Length; i++)
            {
                float y = targets[i];
                if (float.IsNaN(y))
                {
                    MathChecks.ThrowNaNAt(paramName, i);
                }

                if (y < 0 || float.IsInfinity(y))
                {
                    MathChecks.ThrowAt(paramName, i, "must be finite and not negative.");
                }

                total += y;
            }
        }

        private static double MeanOf(double sum, ReadOnlySpan<double> logits, ReadOnlySpan<double> targets)
        {
            if (!double.IsInfinity(sum))
            {
                return sum / logits.Length;
            }

            // The sum of losses of size up to 1e300 overflowed; average without overflow.
            double mean = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                mean += BceCore(logits[i], targets[i]) / logits.Length;
            }

            return mean;
        }
    }
}

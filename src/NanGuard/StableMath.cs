using System;
using NanGuard.Internal;

namespace NanGuard
{
    /// <summary>
    /// Numerically stable formulations of the functions training code writes naively: softmax and
    /// log-softmax with the maximum subtracted, log-sum-exp, sigmoid, log-sigmoid and softplus that
    /// never overflow, and losses computed from logits (binary and categorical cross-entropy) with
    /// their gradients.
    /// </summary>
    /// <remarks>
    /// <para>Every function stays finite for logits of ±1e300 (double) and ±1e4 (float) where the
    /// mathematical result is finite. Span functions have the shape of
    /// <c>System.Numerics.Tensors.TensorPrimitives</c> (<c>x</c>, <c>destination</c>); <c>x</c> and
    /// <c>destination</c> may be the same span but must not otherwise overlap. On .NET 8 and later the
    /// softmax family is vectorized with TensorPrimitives (Max, Subtract, Exp, Sum, Divide), but never
    /// with <c>TensorPrimitives.SoftMax</c>, which does not subtract the maximum.</para>
    /// <para>Bad input throws: NaN anywhere (an <see cref="ArgumentException"/> naming the parameter and
    /// the index), length mismatches (<see cref="ArgumentException"/> naming the second span),
    /// class indices out of range (<see cref="ArgumentOutOfRangeException"/>), and inputs for which
    /// the result is undefined (documented per member). Nothing is written to a destination when an
    /// argument is rejected.</para>
    /// <para>Float functions compute each element in double and round once, except the vectorized
    /// <c>Softmax</c>/<c>LogSoftmax</c> of floats, which compute in float.</para>
    /// <para>Accuracy on ordinary inputs (|logit| &lt;= 30), checked by property tests against the
    /// textbook formulas evaluated in double: double results within 1e-13 relative (softmax,
    /// log-sum-exp, losses), float within 2e-6 relative plus the 2^-24 relative rounding of
    /// <c>x[i] - max</c> in float.</para>
    /// </remarks>
    public static partial class StableMath
    {
        /// <summary>The logistic sigmoid <c>1 / (1 + e^-z)</c>, computed without overflow for any z.</summary>
        /// <param name="z">The logit; -inf gives 0, +inf gives 1.</param>
        /// <returns>A value in [0, 1]; exactly 0 or 1 only where the true value rounds to it.</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static double Sigmoid(double z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return SigmoidCore(z);
        }

        /// <summary>The logistic sigmoid of a float logit (computed in double, rounded once).</summary>
        /// <param name="z">The logit; -inf gives 0, +inf gives 1.</param>
        /// <returns>A value in [0, 1].</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static float Sigmoid(float z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return (float)SigmoidCore(z);
        }

        /// <summary>
        /// <c>log(sigmoid(z)) = min(z, 0) - log1p(e^-|z|)</c>: finite for every finite z
        /// (<c>LogSigmoid(-1e300)</c> is -1e300, where <c>Math.Log(Sigmoid(z))</c> is -inf below z = -745).
        /// </summary>
        /// <param name="z">The logit; +inf gives 0, -inf gives -inf.</param>
        /// <returns>A value in [-inf, 0].</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static double LogSigmoid(double z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return LogSigmoidCore(z);
        }

        /// <summary><c>log(sigmoid(z))</c> for a float logit (computed in double, rounded once).</summary>
        /// <param name="z">The logit; +inf gives 0, -inf gives -inf.</param>
        /// <returns>A value in [-inf, 0].</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static float LogSigmoid(float z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return (float)LogSigmoidCore(z);
        }

        /// <summary>
        /// <c>softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^-|z|)</c>: never overflows
        /// (<c>Softplus(1000)</c> is 1000, where <c>Math.Log(1 + Math.Exp(1000))</c> is +inf).
        /// </summary>
        /// <param name="z">The argument; -inf gives 0, +inf gives +inf.</param>
        /// <returns>A value in [0, +inf], at least max(z, 0).</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static double Softplus(double z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return SoftplusCore(z);
        }

        /// <summary><c>softplus(z)</c> for float (computed in double, rounded once).</summary>
        /// <param name="z">The argument; -inf gives 0, +inf gives +inf.</param>
        /// <returns>A value in [0, +inf].</returns>
        /// <exception cref="ArgumentException"><paramref name="z"/> is NaN.</exception>
        public static float Softplus(float z)
        {
            MathChecks.NotNaN(z, nameof(z));
            return (float)SoftplusCore(z);
        }

        /// <summary>
        /// Binary cross-entropy of a logit against a target:
        /// <c>-(y log sigmoid(z) + (1 - y) log(1 - sigmoid(z)))</c>, computed as
        /// <c>max(z, 0) - z y + log1p(e^-|z|)</c> (the stable form PyTorch's
        /// <c>binary_cross_entropy_with_logits</c> uses), without the sigmoid ever reaching 0 or 1.
        /// </summary>
        /// <param name="logit">The logit z (pre-sigmoid); ±inf give 0 when the target agrees and +inf otherwise.</param>
        /// <param name="target">The target probability y in [0, 1] (soft labels allowed).</param>
        /// <returns>The loss, at least 0 (up to rounding); finite for finite logits.</returns>
        /// <exception cref="ArgumentException">An argument is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside [0, 1].</exception>
        public static double BinaryCrossEntropyWithLogits(double logit, double target)
        {
            MathChecks.NotNaN(logit, nameof(logit));
            CheckTarget(target, nameof(target));
            return BceCore(logit, target);
        }

        /// <summary>Binary cross-entropy of a float logit against a target (computed in double, rounded once); see <see cref="BinaryCrossEntropyWithLogits(double, double)"/>.</summary>
        /// <param name="logit">The logit z.</param>
        /// <param name="target">The target probability y in [0, 1].</param>
        /// <returns>The loss, at least 0.</returns>
        /// <exception cref="ArgumentException">An argument is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside [0, 1].</exception>
        public static float BinaryCrossEntropyWithLogits(float logit, float target)
        {
            MathChecks.NotNaN(logit, nameof(logit));
            CheckTarget(target, nameof(target));
            return (float)BceCore(logit, target);
        }

        /// <summary>The derivative of <see cref="BinaryCrossEntropyWithLogits(double, double)"/> with respect to the logit: <c>sigmoid(z) - y</c>.</summary>
        /// <param name="logit">The logit z.</param>
        /// <param name="target">The target probability y in [0, 1].</param>
        /// <returns>A value in [-1, 1].</returns>
        /// <exception cref="ArgumentException">An argument is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside [0, 1].</exception>
        public static double BinaryCrossEntropyWithLogitsBackward(double logit, double target)
        {
            MathChecks.NotNaN(logit, nameof(logit));
            CheckTarget(target, nameof(target));
            return SigmoidCore(logit) - target;
        }

        /// <summary>The derivative of the float binary cross-entropy with respect to the logit: <c>sigmoid(z) - y</c>.</summary>
        /// <param name="logit">The logit z.</param>
        /// <param name="target">The target probability y in [0, 1].</param>
        /// <returns>A value in [-1, 1].</returns>
        /// <exception cref="ArgumentException">An argument is NaN.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside [0, 1].</exception>
        public static float BinaryCrossEntropyWithLogitsBackward(float logit, float target)
        {
            MathChecks.NotNaN(logit, nameof(logit));
            CheckTarget(target, nameof(target));
            return (float)(SigmoidCore(logit) - target);
        }

        internal static double SigmoidCore(double z)
        {
            if (z >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-z));
            }

            double e = Math.Exp(z);
            return e / (1.0 + e);
        }

        internal static double LogSigmoidCore(double z) =>
            (z < 0 ? z : 0.0) - MathAccurate.Log1P(Math.Exp(-Math.Abs(z)));

        internal static double SoftplusCore(double z) =>
            (z > 0 ? z : 0.0) + MathAccurate.Log1P(Math.Exp(-Math.Abs(z)));

        internal static double BceCore(double z, double y)
        {
            if (double.IsPositiveInfinity(z))
            {
                return y == 1.0 ? 0.0 : double.PositiveInfinity;
            }

            if (double.IsNegativeInfinity(z))
            {
                return y == 0.0 ? 0.0 : double.PositiveInfinity;
            }

            // Both terms are >= 0, so nothing cancels: z (1 - y) for z >= 0, -z y for z < 0.
            double tail = MathAccurate.Log1P(Math.Exp(-Math.Abs(z)));
            return z >= 0 ? (z * (1.0 - y)) + tail : (-z * y) + tail;
        }

        private static void CheckTarget(double target, string paramName)
        {
            MathChecks.NotNaN(target, paramName);
            if (target < 0 || target > 1)
            {
                throw new ArgumentOutOfRangeException(paramName, target, "The target must be a probability in [0, 1].");
            }
        }
    }
}

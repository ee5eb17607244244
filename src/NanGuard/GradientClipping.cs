using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    /// <summary>
    /// Gradient clipping with PyTorch's semantics (<c>torch.nn.utils.clip_grad_norm_</c> and
    /// <c>clip_grad_value_</c>), for plain arrays, spans and MathNet vectors and matrices.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="ClipByGlobalNorm(double[], double, double, bool)"/> computes the norm of all the given
    /// buffers taken together (as if concatenated), multiplies every element by
    /// <c>maxNorm / (totalNorm + 1e-6)</c> when that factor is below 1, and returns the total norm.
    /// </para>
    /// <para>
    /// The norm does not overflow: float gradients are accumulated in double (so <c>[1e30f, 1e30f]</c>
    /// has norm 1.414e30, where <c>TensorPrimitives.Norm</c> returns +inf), and double gradients whose
    /// plain sum of squares overflows or underflows are summed again scaled by their largest magnitude.
    /// </para>
    /// <para>
    /// When the total norm is NaN or infinite because an element is NaN or infinite, the gradients are
    /// left untouched and the non-finite norm is returned (PyTorch would multiply every gradient by
    /// NaN or by 0); check the return value with <c>double.IsFinite</c> and skip the step, or pass
    /// <c>errorIfNonFinite: true</c> to get a <see cref="NonFiniteValueException"/> naming the buffer and
    /// the index of the first non-finite element.
    /// </para>
    /// </remarks>
    public static class GradientClipping
    {
        /// <summary>PyTorch's constant added to the total norm in the clip coefficient.</summary>
        public const double NormEpsilon = 1e-6;

        // ------------------------------------------------------------------ ClipByGlobalNorm

        /// <summary>Clips a gradient buffer in place so that its <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients, scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(double[] gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return ClipByGlobalNorm(gradients.AsSpan(), maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>Clips a gradient buffer in place so that its <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients, scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping, computed in double.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(float[] gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return ClipByGlobalNorm(gradients.AsSpan(), maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>Clips a gradient span in place so that its <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients, scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(Span<double> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            ValidateNormArguments(maxNorm, normType);
            GuardNorm.Result r = GuardNorm.Compute(gradients, normType);
            if (r.BadIndex >= 0)
            {
                if (errorIfNonFinite)
                {
                    throw NonFiniteNorm(r.Total, normType, gradients[r.BadIndex], null, r.BadIndex, null, null);
                }

                return r.Total;
            }

            double coef = GuardNorm.Coefficient(r, maxNorm);
            if (coef < 1.0)
            {
                GuardKernels.Scale(gradients, coef);
            }

            return r.Total;
        }

        /// <summary>Clips a gradient span in place so that its <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients, scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping, computed in double.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(Span<float> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            ValidateNormArguments(maxNorm, normType);
            GuardNorm.Result r = GuardNorm.Compute(gradients, normType);
            if (r.BadIndex >= 0)
            {
                if (errorIfNonFinite)
                {
                    throw NonFiniteNorm(r.Total, normType, gradients[r.BadIndex], null, r.BadIndex, null, null);
                }

                return r.Total;
            }

            double coef = GuardNorm.Coefficient(r, maxNorm);
            if (coef < 1.0)
            {
                GuardKernels.Scale(gradients, (float)coef);
            }

            return r.Total;
        }

        /// <summary>
        /// Clips several gradient buffers in place so that the <paramref name="normType"/>-norm of all of
        /// them taken together is at most <paramref name="maxNorm"/> (every buffer is scaled by the same factor).
        /// </summary>
        /// <param name="gradients">The gradient buffers, e.g. one per parameter tensor; scaled in place.</param>
        /// <param name="maxNorm">The largest allowed total norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The total norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A buffer in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite (the message names the buffer and index).</exception>
        public static double ClipByGlobalNorm(IReadOnlyList<double[]> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            var segments = new GuardSegment[gradients.Count];
            for (int b = 0; b < segments.Length; b++)
            {
                double[] g = gradients[b] ?? throw NullBuffer(b);
                segments[b] = new GuardSegment(g, g.Length, g);
            }

            return Clip(segments, maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>
        /// Clips several float gradient buffers in place so that the <paramref name="normType"/>-norm of all of
        /// them taken together is at most <paramref name="maxNorm"/>.
        /// </summary>
        /// <param name="gradients">The gradient buffers; scaled in place.</param>
        /// <param name="maxNorm">The largest allowed total norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The total norm before clipping, computed in double.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A buffer in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite (the message names the buffer and index).</exception>
        public static double ClipByGlobalNorm(IReadOnlyList<float[]> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            var segments = new GuardSegment[gradients.Count];
            for (int b = 0; b < segments.Length; b++)
            {
                float[] g = gradients[b] ?? throw NullBuffer(b);
                segments[b] = new GuardSegment(g, g.Length, g);
            }

            return Clip(segments, maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>Clips a MathNet gradient vector in place so that its <paramref name="normType"/>-norm is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients (dense or sparse storage), scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(Vector<double> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return Clip(new[] { GuardSegment.Of(gradients) }, maxNorm, normType, errorIfNonFinite, single: true);
        }

        /// <summary>Clips a MathNet gradient matrix in place so that its <paramref name="normType"/>-norm (over all elements, Frobenius for p = 2) is at most <paramref name="maxNorm"/>.</summary>
        /// <param name="gradients">The gradients (dense, sparse or diagonal storage), scaled in place.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite (the message names the row and column).</exception>
        public static double ClipByGlobalNorm(Matrix<double> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return Clip(new[] { GuardSegment.Of(gradients) }, maxNorm, normType, errorIfNonFinite, single: true);
        }

        /// <summary>
        /// Clips several MathNet gradient vectors in place so that the <paramref name="normType"/>-norm of all of
        /// them taken together is at most <paramref name="maxNorm"/>.
        /// </summary>
        /// <param name="gradients">The gradient vectors; scaled in place.</param>
        /// <param name="maxNorm">The largest allowed total norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The total norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A vector in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite (the message names the buffer and index).</exception>
        public static double ClipByGlobalNorm(IReadOnlyList<Vector<double>> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            var segments = new GuardSegment[gradients.Count];
            for (int b = 0; b < segments.Length; b++)
            {
                segments[b] = GuardSegment.Of(gradients[b] ?? throw NullBuffer(b));
            }

            return Clip(segments, maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>
        /// Clips several MathNet gradient matrices (e.g. the weight gradients of each layer) in place so
        /// that the <paramref name="normType"/>-norm of all of them taken together is at most <paramref name="maxNorm"/>.
        /// </summary>
        /// <param name="gradients">The gradient matrices; scaled in place.</param>
        /// <param name="maxNorm">The largest allowed total norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The total norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A matrix in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite (the message names the buffer, row and column).</exception>
        public static double ClipByGlobalNorm(IReadOnlyList<Matrix<double>> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            var segments = new GuardSegment[gradients.Count];
            for (int b = 0; b < segments.Length; b++)
            {
                segments[b] = GuardSegment.Of(gradients[b] ?? throw NullBuffer(b));
            }

            return Clip(segments, maxNorm, normType, errorIfNonFinite);
        }

        /// <summary>
        /// Clips a list of gradients (e.g. a <see cref="List{T}"/>) in place so that its <paramref name="normType"/>-norm
        /// is at most <paramref name="maxNorm"/>. A <see cref="List{T}"/> is processed in place as a span on net8.0;
        /// other lists are copied, clipped and written back.
        /// </summary>
        /// <param name="gradients">The gradients, scaled in place; must not be read-only.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="gradients"/> is read-only.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(IList<double> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ThrowIfReadOnly(gradients.IsReadOnly);
#if NET8_0_OR_GREATER
            if (gradients is List<double> list && !GuardKernels.ForceScalar)
            {
                return ClipByGlobalNorm(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), maxNorm, normType, errorIfNonFinite);
            }
#endif
            var copy = new double[gradients.Count];
            gradients.CopyTo(copy, 0);
            double total = ClipByGlobalNorm(copy.AsSpan(), maxNorm, normType, errorIfNonFinite);
            for (int i = 0; i < copy.Length; i++)
            {
                gradients[i] = copy[i];
            }

            return total;
        }

        /// <summary>
        /// Clips a list of float gradients in place so that its <paramref name="normType"/>-norm is at most
        /// <paramref name="maxNorm"/>. A <see cref="List{T}"/> is processed in place as a span on net8.0;
        /// other lists are copied, clipped and written back.
        /// </summary>
        /// <param name="gradients">The gradients, scaled in place; must not be read-only.</param>
        /// <param name="maxNorm">The largest allowed norm; finite and &gt; 0.</param>
        /// <param name="normType">The p of the p-norm; &gt; 0, <see cref="double.PositiveInfinity"/> for the max norm.</param>
        /// <param name="errorIfNonFinite">Throw instead of returning a NaN/infinite norm.</param>
        /// <returns>The norm before clipping, computed in double.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="gradients"/> is read-only.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> or <paramref name="normType"/> is out of range.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="errorIfNonFinite"/> is set and an element is NaN or infinite.</exception>
        public static double ClipByGlobalNorm(IList<float> gradients, double maxNorm, double normType = 2.0, bool errorIfNonFinite = false)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ThrowIfReadOnly(gradients.IsReadOnly);
#if NET8_0_OR_GREATER
            if (gradients is List<float> list && !GuardKernels.ForceScalar)
            {
                return ClipByGlobalNorm(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), maxNorm, normType, errorIfNonFinite);
            }
#endif
            var copy = new float[gradients.Count];
            gradients.CopyTo(copy, 0);
            double total = ClipByGlobalNorm(copy.AsSpan(), maxNorm, normType, errorIfNonFinite);
            for (int i = 0; i < copy.Length; i++)
            {
                gradients[i] = copy[i];
            }

            return total;
        }

        // ------------------------------------------------------------------ ClipByValue

        /// <summary>
        /// Clamps every gradient into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place
        /// (PyTorch's <c>clip_grad_value_</c>). NaN elements stay NaN: clamping would hide them.
        /// </summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(double[] gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ClipByValue(gradients.AsSpan(), clipValue);
        }

        /// <summary>
        /// Clamps every gradient into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place
        /// (PyTorch's <c>clip_grad_value_</c>). NaN elements stay NaN.
        /// </summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0 (rounded to float).</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(float[] gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ClipByValue(gradients.AsSpan(), clipValue);
        }

        /// <summary>
        /// Clamps every gradient into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place
        /// (PyTorch's <c>clip_grad_value_</c>). NaN elements stay NaN.
        /// </summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(Span<double> gradients, double clipValue)
        {
            ValidateClipValue(clipValue);
            GuardKernels.Clamp(gradients, -clipValue, clipValue);
        }

        /// <summary>
        /// Clamps every gradient into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place
        /// (PyTorch's <c>clip_grad_value_</c>). NaN elements stay NaN.
        /// </summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0 (rounded to float).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(Span<float> gradients, double clipValue)
        {
            ValidateClipValue(clipValue);
            float c = (float)clipValue;
            GuardKernels.Clamp(gradients, -c, c);
        }

        /// <summary>Clamps every element of every buffer into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradient buffers, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A buffer in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(IReadOnlyList<double[]> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ValidateClipValue(clipValue);
            for (int b = 0; b < gradients.Count; b++)
            {
                _ = gradients[b] ?? throw NullBuffer(b);
            }

            for (int b = 0; b < gradients.Count; b++)
            {
                GuardKernels.Clamp(gradients[b], -clipValue, clipValue);
            }
        }

        /// <summary>Clamps every element of every buffer into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradient buffers, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0 (rounded to float).</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException">A buffer in <paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(IReadOnlyList<float[]> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ValidateClipValue(clipValue);
            for (int b = 0; b < gradients.Count; b++)
            {
                _ = gradients[b] ?? throw NullBuffer(b);
            }

            float c = (float)clipValue;
            for (int b = 0; b < gradients.Count; b++)
            {
                GuardKernels.Clamp(gradients[b], -c, c);
            }
        }

        /// <summary>Clamps every element of a MathNet vector into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(Vector<double> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ValidateClipValue(clipValue);
            GuardKernels.Clamp(GuardSegment.Of(gradients).DoubleSpan, -clipValue, clipValue);
        }

        /// <summary>Clamps every element of a MathNet matrix into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradients, clamped in place.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(Matrix<double> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ValidateClipValue(clipValue);
            GuardKernels.Clamp(GuardSegment.Of(gradients).DoubleSpan, -clipValue, clipValue);
        }

        /// <summary>Clamps every element of a list into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradients, clamped in place; must not be read-only.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0.</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="gradients"/> is read-only.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(IList<double> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ThrowIfReadOnly(gradients.IsReadOnly);
            ValidateClipValue(clipValue);
            for (int i = 0; i < gradients.Count; i++)
            {
                double x = gradients[i];
                if (x > clipValue)
                {
                    gradients[i] = clipValue;
                }
                else if (x < -clipValue)
                {
                    gradients[i] = -clipValue;
                }
            }
        }

        /// <summary>Clamps every element of a list into [-<paramref name="clipValue"/>, <paramref name="clipValue"/>] in place. NaN elements stay NaN.</summary>
        /// <param name="gradients">The gradients, clamped in place; must not be read-only.</param>
        /// <param name="clipValue">The largest allowed magnitude; finite and &gt; 0 (rounded to float).</param>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="gradients"/> is read-only.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="clipValue"/> is not finite and positive.</exception>
        public static void ClipByValue(IList<float> gradients, double clipValue)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            ThrowIfReadOnly(gradients.IsReadOnly);
            ValidateClipValue(clipValue);
            float c = (float)clipValue;
            for (int i = 0; i < gradients.Count; i++)
            {
                float x = gradients[i];
                if (x > c)
                {
                    gradients[i] = c;
                }
                else if (x < -c)
                {
                    gradients[i] = -c;
                }
            }
        }

        // ------------------------------------------------------------------ shared

        private static double Clip(GuardSegment[] segments, double maxNorm, double normType, bool errorIfNonFinite, bool single = false)
        {
            ValidateNormArguments(maxNorm, normType);
            GuardNorm.Result r = GuardNorm.Compute(segments, normType);
            if (r.BadIndex >= 0)
            {
                if (errorIfNonFinite)
                {
                    throw Locate(r, segments, normType, single);
                }

                return r.Total;
            }

            double coef = GuardNorm.Coefficient(r, maxNorm);
            if (coef < 1.0)
            {
                foreach (GuardSegment s in segments)
                {
                    if (s.Floats != null)
                    {
                        GuardKernels.Scale(s.FloatSpan, (float)coef);
                    }
                    else
                    {
                        GuardKernels.Scale(s.DoubleSpan, coef);
                    }
                }
            }

            return r.Total;
        }

        private static NonFiniteValueException Locate(in GuardNorm.Result r, GuardSegment[] segments, double normType, bool single)
        {
            GuardSegment s = segments[r.BadSegment];
            int? buffer = single ? null : r.BadSegment;
            switch (s.Source)
            {
                case Vector<double> vector:
                {
                    int index = InputValidation.IndexOfNonFinite(vector, null, out double value);
                    return NonFiniteNorm(r.Total, normType, value, buffer, index, null, null);
                }

                case Matrix<double> matrix:
                {
                    InputValidation.TryFindNonFinite(matrix, null, out int row, out int column, out double value);
                    return NonFiniteNorm(r.Total, normType, value, buffer, null, row, column);
                }

                default:
                {
                    double value = s.Floats != null ? s.Floats[r.BadIndex] : s.Doubles![r.BadIndex];
                    return NonFiniteNorm(r.Total, normType, value, buffer, r.BadIndex, null, null);
                }
            }
        }

        private static NonFiniteValueException NonFiniteNorm(double total, double normType, double value, int? buffer, long? index, int? row, int? column)
        {
            string where = buffer is int b ? string.Format(CultureInfo.InvariantCulture, "buffer {0}, ", b) : string.Empty;
            where += index is long i
                ? string.Format(CultureInfo.InvariantCulture, "index {0}", i)
                : string.Format(CultureInfo.InvariantCulture, "row {0}, column {1}", row, column);
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "The total {0}-norm of the gradients is {1}: the first non-finite element is at {2} ({3}). The gradients were left unchanged.",
                NonFiniteValueException.Format(normType),
                NonFiniteValueException.Format(total),
                where,
                NonFiniteValueException.Format(value));
            return new NonFiniteValueException(message, "gradients", value, index, row, column, buffer);
        }

        private static void ThrowIfReadOnly(bool isReadOnly)
        {
            if (isReadOnly)
            {
                throw new ArgumentException("The gradient list is read-only; it cannot be clipped in place.", "gradients");
            }
        }

        private static ArgumentException NullBuffer(int b)
        {
            return new ArgumentException(string.Format(CultureInfo.InvariantCulture, "The gradient buffer at position {0} is null.", b), "gradients");
        }

        private static void ValidateNormArguments(double maxNorm, double normType)
        {
            if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
            {
                throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be finite and greater than 0.");
            }

            if (!(normType > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(normType), normType, "The norm type (p) must be greater than 0; use double.PositiveInfinity for the max norm.");
            }
        }

        private static void ValidateClipValue(double clipValue)
        {
            if (!(clipValue > 0) || double.IsInfinity(clipValue))
            {
                throw new ArgumentOutOfRangeException(nameof(clipValue), clipValue, "The clip value must be finite and greater than 0.");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using NanGuard.Internal;

namespace NanGuard
{
    /// <summary>
    /// A per-step sentinel for a training loop: it checks the batch inputs, the loss, the gradients and
    /// the parameters for NaN and infinities (one vectorized pass per buffer), reports WHERE the first
    /// non-finite value appeared (<see cref="NonFiniteFinding"/>: which check, which buffer, which index,
    /// which step) and applies a <see cref="NonFinitePolicy"/>: throw, skip the step, or roll back to the
    /// last good parameters with a lower learning rate.
    /// </summary>
    /// <remarks>
    /// <para>A full step:</para>
    /// <code>
    /// var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack, LearningRate = 0.1 });
    /// guard.RegisterParameters("w", w).RegisterParameters("b", b);
    /// for (int step = 0; step &lt; steps; step++)
    /// {
    ///     guard.BeginStep();
    ///     guard.CheckInputs("x", x);
    ///     double loss = Forward(x, y);
    ///     guard.CheckLoss(loss);
    ///     Backward(gw, gb);
    ///     guard.CheckGradients("gw", gw);
    ///     guard.CheckGradients("gb", gb);
    ///     if (guard.EndStep() == StepDecision.Apply)
    ///     {
    ///         Update(w, gw, guard.LearningRate);
    ///     }
    /// }
    /// </code>
    /// <para>
    /// Alone, <c>if (!guard.CheckLoss(loss)) continue;</c> is a whole step of its own: the loss is checked,
    /// the registered parameters too, and the policy is applied at once. The other checks need an open
    /// step (<see cref="BeginStep()"/>). A check returns <see langword="false"/> when its buffer, or an
    /// earlier check of the same step, held a non-finite value; later checks of a failed step do not scan.
    /// </para>
    /// <para>
    /// The roll-back snapshot is taken when a step ends well (before its update is applied), so a
    /// roll-back restores the parameters that last produced a finite loss and gradients. A guard is not thread-safe.
    /// </para>
    /// </remarks>
    public sealed class TrainingGuard
    {
        private const int MaxKeptFindings = 1000;

        private readonly List<GuardParameterSlot> _parameters = new List<GuardParameterSlot>();
        private readonly List<NonFiniteFinding> _findings = new List<NonFiniteFinding>();
        private NonFiniteFinding? _current;
        private bool _stepOpen;
        private long _step = -1;
        private long _goodSteps;
        private double _bestLoss = double.PositiveInfinity;
        private double _stepLoss = double.NaN;

        /// <summary>Creates a guard with the default options (policy <see cref="NonFinitePolicy.Throw"/>).</summary>
        public TrainingGuard()
            : this(new TrainingGuardOptions())
        {
        }

        /// <summary>Creates a guard with the given options.</summary>
        /// <param name="options">The policy and its settings; read when needed, so later changes take effect.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        public TrainingGuard(TrainingGuardOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            LearningRate = options.LearningRate;
        }

        /// <summary>The options the guard was created with.</summary>
        public TrainingGuardOptions Options { get; }

        /// <summary>The number of the current (or last) step, counted from 0; -1 before the first step.</summary>
        public long Step => _step;

        /// <summary>Whether a step is open (between <see cref="BeginStep()"/> and <see cref="EndStep"/>).</summary>
        public bool IsStepOpen => _stepOpen;

        /// <summary>Whether the current (or last) step found a non-finite value.</summary>
        public bool StepFailed => _current != null;

        /// <summary>
        /// The learning rate to use for the next update: <see cref="TrainingGuardOptions.LearningRate"/>,
        /// multiplied by <see cref="TrainingGuardOptions.LearningRateFactor"/> at each roll-back.
        /// </summary>
        public double LearningRate { get; private set; }

        /// <summary>How many steps in a row have been skipped or rolled back (0 after a good step).</summary>
        public int ConsecutiveRepairs { get; private set; }

        /// <summary>How many steps were skipped (policy <see cref="NonFinitePolicy.SkipStep"/>).</summary>
        public int SkippedSteps { get; private set; }

        /// <summary>How many roll-backs were made (policy <see cref="NonFinitePolicy.RollBack"/>).</summary>
        public int RollBacks { get; private set; }

        /// <summary>The lowest loss of a good step so far (the base of <see cref="TrainingGuardOptions.LossExplosionFactor"/>), or +inf.</summary>
        public double BestLoss => _bestLoss;

        /// <summary>The finding of the last failed step, or <see langword="null"/> when no step failed yet.</summary>
        public NonFiniteFinding? LastFinding { get; private set; }

        /// <summary>The first finding of every failed step, oldest first (the first 1000 are kept).</summary>
        public IReadOnlyList<NonFiniteFinding> Findings => _findings;

        // ------------------------------------------------------------------ static one-liner

        /// <summary>
        /// Throws a <see cref="NonFiniteTrainingException"/> naming the step when <paramref name="loss"/> is NaN
        /// or infinite; does nothing otherwise. For loops that only need to stop at the first bad loss.
        /// </summary>
        /// <param name="loss">The loss of the step.</param>
        /// <param name="step">The step or epoch number, reported in the exception.</param>
        /// <param name="name">The name reported; by default the source text of the <paramref name="loss"/> argument.</param>
        /// <exception cref="NonFiniteTrainingException"><paramref name="loss"/> is NaN or infinite.</exception>
        public static void EnsureFiniteLoss(double loss, long? step = null, [CallerArgumentExpression("loss")] string? name = null)
        {
            if (!GuardKernels.IsFinite(loss))
            {
                var finding = new NonFiniteFinding(step ?? -1, TrainingCheck.Loss, name ?? "loss", loss);
                throw new NonFiniteTrainingException("Training produced a non-finite loss: " + finding + ".", finding);
            }
        }

        // ------------------------------------------------------------------ parameters

        /// <summary>Registers a parameter buffer: it is checked at the end of each step, snapshotted after good steps and restored on roll-back.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="parameters">The parameters, updated in place by the training loop.</param>
        /// <returns>This guard, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="parameters"/> is null.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="parameters"/> already holds a non-finite value.</exception>
        public TrainingGuard RegisterParameters(string name, double[] parameters)
        {
            ValidateName(name);
            InputValidation.ThrowIfNull(parameters, nameof(parameters));
            InputValidation.EnsureFinite(parameters, name);
            _parameters.Add(new GuardParameterSlot.DoubleArray(name, parameters));
            return this;
        }

        /// <summary>Registers a parameter buffer: it is checked at the end of each step, snapshotted after good steps and restored on roll-back.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="parameters">The parameters, updated in place by the training loop.</param>
        /// <returns>This guard, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="parameters"/> is null.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="parameters"/> already holds a non-finite value.</exception>
        public TrainingGuard RegisterParameters(string name, float[] parameters)
        {
            ValidateName(name);
            InputValidation.ThrowIfNull(parameters, nameof(parameters));
            InputValidation.EnsureFinite(parameters, name);
            _parameters.Add(new GuardParameterSlot.FloatArray(name, parameters));
            return this;
        }

        /// <summary>Registers a MathNet parameter vector: checked at the end of each step, snapshotted after good steps, restored on roll-back.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="parameters">The parameters, updated in place by the training loop.</param>
        /// <returns>This guard, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="parameters"/> is null.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="parameters"/> already holds a non-finite value.</exception>
        public TrainingGuard RegisterParameters(string name, Vector<double> parameters)
        {
            ValidateName(name);
            InputValidation.ThrowIfNull(parameters, nameof(parameters));
            InputValidation.EnsureFinite(parameters, name);
            _parameters.Add(new GuardParameterSlot.MathNetVector(name, parameters));
            return this;
        }

        /// <summary>Registers a MathNet parameter matrix: checked at the end of each step, snapshotted after good steps, restored on roll-back.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="parameters">The parameters, updated in place by the training loop.</param>
        /// <returns>This guard, for chaining.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="parameters"/> is null.</exception>
        /// <exception cref="NonFiniteValueException"><paramref name="parameters"/> already holds a non-finite value.</exception>
        public TrainingGuard RegisterParameters(string name, Matrix<double> parameters)
        {
            ValidateName(name);
            InputValidation.ThrowIfNull(parameters, nameof(parameters));
            InputValidation.EnsureFinite(parameters, name);
            _parameters.Add(new GuardParameterSlot.MathNetMatrix(name, parameters));
            return this;
        }

        // ------------------------------------------------------------------ steps

        /// <summary>
        /// Opens the next step (number <see cref="Step"/> + 1). A step still open is ended first, as by
        /// <see cref="EndStep"/> (its decision is then only visible through the counters).
        /// </summary>
        /// <returns>The number of the new step.</returns>
        public long BeginStep() => BeginStep(_step + 1);

        /// <summary>Opens a step with the given number (e.g. <c>epoch * batches + batch</c>), ending a step still open first.</summary>
        /// <param name="step">The step number reported in findings.</param>
        /// <returns><paramref name="step"/>.</returns>
        public long BeginStep(long step)
        {
            if (_stepOpen)
            {
                EndStep();
            }

            _step = step;
            _current = null;
            _stepLoss = double.NaN;
            _stepOpen = true;
            return step;
        }

        /// <summary>
        /// Ends the open step and applies the policy: when every check passed (and, with
        /// <see cref="TrainingGuardOptions.CheckParametersAtEndStep"/>, the registered parameters are finite)
        /// the parameters are snapshotted and the step's update may be applied; otherwise the step is
        /// skipped or rolled back.
        /// </summary>
        /// <returns>Whether to apply the step's update.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">
        /// The policy is <see cref="NonFinitePolicy.Throw"/> and a registered parameter is non-finite, or more than
        /// <see cref="TrainingGuardOptions.MaxConsecutiveRepairs"/> steps in a row failed.
        /// </exception>
        public StepDecision EndStep()
        {
            if (!_stepOpen)
            {
                throw new InvalidOperationException("No training step is open: call BeginStep() first.");
            }

            _stepOpen = false;
            if (_current == null && Options.CheckParametersAtEndStep)
            {
                CheckParametersCore();
            }

            if (_current == null)
            {
                ConsecutiveRepairs = 0;
                _goodSteps++;
                if (_stepLoss < _bestLoss)
                {
                    _bestLoss = _stepLoss;
                }

                if (_goodSteps % Options.SnapshotInterval == 0)
                {
                    foreach (GuardParameterSlot p in _parameters)
                    {
                        p.TakeSnapshot();
                    }
                }

                return StepDecision.Apply;
            }

            if (Options.Policy == NonFinitePolicy.Throw)
            {
                return StepDecision.Skip; // the check already threw; the caller chose to carry on
            }

            ConsecutiveRepairs++;
            if (ConsecutiveRepairs > Options.MaxConsecutiveRepairs)
            {
                throw new NonFiniteTrainingException(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "Training gave up after {0} consecutive non-finite steps (MaxConsecutiveRepairs = {1}, policy {2}); the last: {3}.",
                        ConsecutiveRepairs,
                        Options.MaxConsecutiveRepairs,
                        Options.Policy,
                        _current),
                    _current);
            }

            if (Options.Policy == NonFinitePolicy.SkipStep)
            {
                SkippedSteps++;
                return StepDecision.Skip;
            }

            foreach (GuardParameterSlot p in _parameters)
            {
                p.Restore();
            }

            LearningRate *= Options.LearningRateFactor;
            RollBacks++;
            return StepDecision.RolledBack;
        }

        // ------------------------------------------------------------------ checks

        /// <summary>
        /// Checks the loss. Inside an open step it records a finding; with no step open it is a whole step of
        /// its own (the registered parameters are checked too and the policy is applied at once).
        /// </summary>
        /// <param name="loss">The loss of the step.</param>
        /// <param name="name">The name used in reports.</param>
        /// <returns><see langword="true"/> when the loss (and, alone, the step) is finite: apply the update.</returns>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and the loss is not finite, or the repair limit is exceeded.</exception>
        public bool CheckLoss(double loss, string name = "loss")
        {
            ValidateName(name);
            if (!_stepOpen)
            {
                BeginStep();
                CheckLossCore(loss, name);
                return EndStep() == StepDecision.Apply;
            }

            return CheckLossCore(loss, name);
        }

        /// <summary>Checks a batch input buffer (features, targets) of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, ReadOnlySpan<double> values) => CheckSpan(TrainingCheck.Input, name, values);

        /// <summary>Checks a batch input buffer (features, targets) of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, ReadOnlySpan<float> values) => CheckSpan(TrainingCheck.Input, name, values);

        /// <summary>Checks a batch input buffer (features, targets) of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, double[] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            return CheckSpan(TrainingCheck.Input, name, values);
        }

        /// <summary>Checks a batch input buffer (features, targets) of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, float[] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            return CheckSpan(TrainingCheck.Input, name, values);
        }

        /// <summary>Checks a 2-D batch (rows are samples) of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, double[,] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            if (!Enter(name))
            {
                return false;
            }

            return !InputValidation.TryFindNonFinite(values, nameof(values), out int row, out int column, out double value)
                || Fail(TrainingCheck.Input, name, value, null, row, column);
        }

        /// <summary>Checks a 2-D batch (rows are samples) of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, float[,] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            if (!Enter(name))
            {
                return false;
            }

            return !InputValidation.TryFindNonFinite(values, nameof(values), out int row, out int column, out double value)
                || Fail(TrainingCheck.Input, name, value, null, row, column);
        }

        /// <summary>Checks a jagged batch (one row per sample) of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, double[][] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            if (!Enter(name))
            {
                return false;
            }

            return !InputValidation.TryFindNonFinite(values, nameof(values), out int row, out int column, out double value)
                || Fail(TrainingCheck.Input, name, value, null, row, column);
        }

        /// <summary>Checks a jagged batch (one row per sample) of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="ArgumentException">A row of <paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, float[][] values)
        {
            InputValidation.ThrowIfNull(values, nameof(values));
            if (!Enter(name))
            {
                return false;
            }

            return !InputValidation.TryFindNonFinite(values, nameof(values), out int row, out int column, out double value)
                || Fail(TrainingCheck.Input, name, value, null, row, column);
        }

        /// <summary>Checks a MathNet input vector of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, Vector<double> values) => CheckVector(TrainingCheck.Input, name, values);

        /// <summary>Checks a MathNet input matrix of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="values">The values to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckInputs(string name, Matrix<double> values) => CheckMatrix(TrainingCheck.Input, name, values);

        /// <summary>Checks a gradient buffer of the open step.</summary>
        /// <param name="name">The name used in reports (e.g. the parameter's name).</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, ReadOnlySpan<double> gradients) => CheckSpan(TrainingCheck.Gradient, name, gradients);

        /// <summary>Checks a gradient buffer of the open step.</summary>
        /// <param name="name">The name used in reports (e.g. the parameter's name).</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, ReadOnlySpan<float> gradients) => CheckSpan(TrainingCheck.Gradient, name, gradients);

        /// <summary>Checks a gradient buffer of the open step.</summary>
        /// <param name="name">The name used in reports (e.g. the parameter's name).</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, double[] gradients)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return CheckSpan(TrainingCheck.Gradient, name, gradients);
        }

        /// <summary>Checks a gradient buffer of the open step.</summary>
        /// <param name="name">The name used in reports (e.g. the parameter's name).</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, float[] gradients)
        {
            InputValidation.ThrowIfNull(gradients, nameof(gradients));
            return CheckSpan(TrainingCheck.Gradient, name, gradients);
        }

        /// <summary>Checks a MathNet gradient vector of the open step.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, Vector<double> gradients) => CheckVector(TrainingCheck.Gradient, name, gradients);

        /// <summary>Checks a MathNet gradient matrix of the open step; a finding names the row and column.</summary>
        /// <param name="name">The name used in reports.</param>
        /// <param name="gradients">The gradients to check.</param>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="gradients"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckGradients(string name, Matrix<double> gradients) => CheckMatrix(TrainingCheck.Gradient, name, gradients);

        /// <summary>Checks every registered parameter buffer in the open step (one vectorized pass each).</summary>
        /// <returns><see langword="true"/> when the step is still free of non-finite values.</returns>
        /// <exception cref="InvalidOperationException">No step is open.</exception>
        /// <exception cref="NonFiniteTrainingException">The policy is <see cref="NonFinitePolicy.Throw"/> and a value is not finite.</exception>
        public bool CheckParameters()
        {
            RequireOpenStep();
            return _current == null && CheckParametersCore();
        }

        // ------------------------------------------------------------------ internals

        private bool CheckLossCore(double loss, string name)
        {
            if (_current != null)
            {
                return false;
            }

            if (!GuardKernels.IsFinite(loss))
            {
                return Fail(TrainingCheck.Loss, name, loss, null, null, null);
            }

            double factor = Options.LossExplosionFactor;
            if (!double.IsPositiveInfinity(factor) && _bestLoss > 0 && !double.IsPositiveInfinity(_bestLoss) && loss > factor * _bestLoss)
            {
                return Fail(TrainingCheck.Loss, name, loss, null, null, null, factor * _bestLoss);
            }

            _stepLoss = double.IsNaN(_stepLoss) ? loss : Math.Max(_stepLoss, loss);
            return true;
        }

        private bool CheckParametersCore()
        {
            foreach (GuardParameterSlot p in _parameters)
            {
                if (p.TryFindNonFinite(out long? index, out int? row, out int? column, out double value))
                {
                    return Fail(TrainingCheck.Parameter, p.Name, value, index, row, column);
                }
            }

            return true;
        }

        private bool CheckSpan(TrainingCheck check, string name, ReadOnlySpan<double> values)
        {
            if (!Enter(name))
            {
                return false;
            }

            int i = GuardKernels.IndexOfNonFinite(values);
            return i < 0 || Fail(check, name, values[i], i, null, null);
        }

        private bool CheckSpan(TrainingCheck check, string name, ReadOnlySpan<float> values)
        {
            if (!Enter(name))
            {
                return false;
            }

            int i = GuardKernels.IndexOfNonFinite(values);
            return i < 0 || Fail(check, name, values[i], i, null, null);
        }

        private bool CheckVector(TrainingCheck check, string name, Vector<double> values)
        {
            InputValidation.ThrowIfNull(values, check == TrainingCheck.Gradient ? "gradients" : "values");
            if (!Enter(name))
            {
                return false;
            }

            int i = InputValidation.IndexOfNonFinite(values, name, out double value);
            return i < 0 || Fail(check, name, value, i, null, null);
        }

        private bool CheckMatrix(TrainingCheck check, string name, Matrix<double> values)
        {
            InputValidation.ThrowIfNull(values, check == TrainingCheck.Gradient ? "gradients" : "values");
            if (!Enter(name))
            {
                return false;
            }

            return !InputValidation.TryFindNonFinite(values, name, out int row, out int column, out double value)
                || Fail(check, name, value, null, row, column);
        }

        /// <summary>Validates the name and the open step; false when the step already failed (no scan needed).</summary>
        private bool Enter(string name)
        {
            ValidateName(name);
            RequireOpenStep();
            return _current == null;
        }

        private void RequireOpenStep()
        {
            if (!_stepOpen)
            {
                throw new InvalidOperationException(
                    "No training step is open: call BeginStep() before CheckInputs/CheckGradients/CheckParameters (CheckLoss alone is a step of its own).");
            }
        }

        private bool Fail(TrainingCheck check, string name, double value, long? index, int? row, int? column, double? limit = null)
        {
            var finding = new NonFiniteFinding(_step, check, name, value, index, row, column, limit);
            _current = finding;
            LastFinding = finding;
            if (_findings.Count < MaxKeptFindings)
            {
                _findings.Add(finding);
            }

            Options.OnNonFinite?.Invoke(finding);
            if (Options.Policy == NonFinitePolicy.Throw)
            {
                throw new NonFiniteTrainingException(
                    (limit is null ? "Training produced a non-finite value: " : "Training's loss exploded: ") + finding + ".",
                    finding);
            }

            return false;
        }

        private static void ValidateName(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }
        }
    }
}

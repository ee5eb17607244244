using System;
using System.Globalization;
using System.Text;

namespace NanGuard
{
    /// <summary>What a <see cref="TrainingGuard"/> does when a step produces a NaN or an infinity.</summary>
    public enum NonFinitePolicy
    {
        /// <summary>Throw a <see cref="NonFiniteTrainingException"/> at the first non-finite value (Keras' TerminateOnNaN, made precise).</summary>
        Throw = 0,

        /// <summary>Skip the step: <see cref="TrainingGuard.EndStep"/> returns <see cref="StepDecision.Skip"/> and the update must not be applied (as PyTorch's GradScaler does).</summary>
        SkipStep = 1,

        /// <summary>
        /// Repair the run: restore the registered parameters to their last good snapshot and multiply
        /// <see cref="TrainingGuard.LearningRate"/> by <see cref="TrainingGuardOptions.LearningRateFactor"/>
        /// (as AutoTrainer repairs a diverging run); <see cref="TrainingGuard.EndStep"/> returns <see cref="StepDecision.RolledBack"/>.
        /// </summary>
        RollBack = 2,
    }

    /// <summary>Which check of a training step found a non-finite value.</summary>
    public enum TrainingCheck
    {
        /// <summary>A batch input (features or targets), checked with <see cref="TrainingGuard.CheckInputs(string, double[])"/>.</summary>
        Input = 0,

        /// <summary>The loss, checked with <see cref="TrainingGuard.CheckLoss(double, string)"/>.</summary>
        Loss = 1,

        /// <summary>A gradient buffer, checked with <see cref="TrainingGuard.CheckGradients(string, double[])"/>.</summary>
        Gradient = 2,

        /// <summary>A registered parameter buffer, checked by <see cref="TrainingGuard.CheckParameters"/> or <see cref="TrainingGuard.EndStep"/>.</summary>
        Parameter = 3,
    }

    /// <summary>What the training loop must do with the update of the step that <see cref="TrainingGuard.EndStep"/> closed.</summary>
    public enum StepDecision
    {
        /// <summary>Every check passed: apply the update.</summary>
        Apply = 0,

        /// <summary>A check failed and the policy is <see cref="NonFinitePolicy.SkipStep"/>: do not apply the update.</summary>
        Skip = 1,

        /// <summary>
        /// A check failed and the policy is <see cref="NonFinitePolicy.RollBack"/>: the parameters were restored
        /// and the learning rate lowered; do not apply the update.
        /// </summary>
        RolledBack = 2,
    }

    /// <summary>Where the first non-finite value of a training step appeared.</summary>
    public sealed class NonFiniteFinding
    {
        /// <summary>Creates a finding.</summary>
        /// <param name="step">The step number (see <see cref="TrainingGuard.Step"/>), or -1 when unknown.</param>
        /// <param name="check">Which check found the value.</param>
        /// <param name="name">The name of the input, gradient or parameter buffer, or of the loss.</param>
        /// <param name="value">The offending value.</param>
        /// <param name="index">The index within the buffer, when it is one-dimensional (or flattened).</param>
        /// <param name="row">The row within a matrix or 2-D buffer, when known.</param>
        /// <param name="column">The column within a matrix or 2-D buffer, when known.</param>
        public NonFiniteFinding(long step, TrainingCheck check, string name, double value, long? index = null, int? row = null, int? column = null)
            : this(step, check, name, value, index, row, column, null)
        {
        }

        /// <summary>Creates a finding, possibly for a finite value above a limit (an exploding loss).</summary>
        /// <param name="step">The step number (see <see cref="TrainingGuard.Step"/>), or -1 when unknown.</param>
        /// <param name="check">Which check found the value.</param>
        /// <param name="name">The name of the input, gradient or parameter buffer, or of the loss.</param>
        /// <param name="value">The offending value.</param>
        /// <param name="index">The index within the buffer, when it is one-dimensional (or flattened).</param>
        /// <param name="row">The row within a matrix or 2-D buffer, when known.</param>
        /// <param name="column">The column within a matrix or 2-D buffer, when known.</param>
        /// <param name="limit">The finite limit that <paramref name="value"/> exceeded, or <see langword="null"/> when the value is non-finite.</param>
        public NonFiniteFinding(long step, TrainingCheck check, string name, double value, long? index, int? row, int? column, double? limit)
        {
            Limit = limit;
            Step = step;
            Check = check;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Value = value;
            Index = index;
            Row = row;
            Column = column;
        }

        /// <summary>The step in which the value appeared, or -1 when unknown.</summary>
        public long Step { get; }

        /// <summary>Which check found the value.</summary>
        public TrainingCheck Check { get; }

        /// <summary>The name of the buffer (or of the loss) that held the value.</summary>
        public string Name { get; }

        /// <summary>The offending value: NaN, +inf or -inf.</summary>
        public double Value { get; }

        /// <summary>
        /// For an exploding loss (<see cref="TrainingGuardOptions.LossExplosionFactor"/>): the finite limit the
        /// loss exceeded; <see langword="null"/> when the value is NaN or infinite.
        /// </summary>
        public double? Limit { get; }

        /// <summary>The index of the value within its buffer, for one-dimensional buffers.</summary>
        public long? Index { get; }

        /// <summary>The row of the value, for matrices, 2-D and jagged buffers.</summary>
        public int? Row { get; }

        /// <summary>The column of the value, for matrices, 2-D and jagged buffers.</summary>
        public int? Column { get; }

        /// <summary>A sentence such as <c>step 12: gradient 'w1' is NaN at index 3</c>.</summary>
        /// <returns>The description.</returns>
        public override string ToString()
        {
            var b = new StringBuilder();
            if (Step >= 0)
            {
                b.Append("step ").Append(Step.ToString(CultureInfo.InvariantCulture)).Append(": ");
            }

            b.Append(Check switch
            {
                TrainingCheck.Input => "input",
                TrainingCheck.Loss => "loss",
                TrainingCheck.Gradient => "gradient",
                _ => "parameter",
            });
            if (Check != TrainingCheck.Loss || Name != "loss")
            {
                b.Append(" '").Append(Name).Append('\'');
            }

            b.Append(" is ").Append(NonFiniteValueException.Format(Value));
            if (Index is long i)
            {
                b.Append(" at index ").Append(i.ToString(CultureInfo.InvariantCulture));
            }
            else if (Row is int r && Column is int c)
            {
                b.Append(" at row ").Append(r.ToString(CultureInfo.InvariantCulture))
                 .Append(", column ").Append(c.ToString(CultureInfo.InvariantCulture));
            }

            if (Limit is double limit)
            {
                b.Append(", above the limit ").Append(NonFiniteValueException.Format(limit)).Append(" (exploding loss)");
            }

            return b.ToString();
        }
    }

    /// <summary>
    /// Thrown by a <see cref="TrainingGuard"/> (policy <see cref="NonFinitePolicy.Throw"/>: at a NaN or an
    /// infinity, or at an exploding loss when <see cref="TrainingGuardOptions.LossExplosionFactor"/> is set; or when the
    /// limit of consecutive repairs is exceeded) and by <see cref="TrainingGuard.EnsureFiniteLoss(double, long?, string?)"/>.
    /// <see cref="Finding"/> says where the first non-finite value appeared.
    /// </summary>
    public class NonFiniteTrainingException : NotFiniteNumberException
    {
        /// <summary>Creates the exception with a default message.</summary>
        public NonFiniteTrainingException()
            : base("Training produced a non-finite value (NaN or infinity).")
        {
        }

        /// <summary>Creates the exception with a message.</summary>
        /// <param name="message">The message that describes the error.</param>
        public NonFiniteTrainingException(string? message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a message and an inner exception.</summary>
        /// <param name="message">The message that describes the error.</param>
        /// <param name="innerException">The exception that caused this one.</param>
        public NonFiniteTrainingException(string? message, Exception? innerException)
            : base(message, innerException)
        {
        }

        /// <summary>Creates the exception for a finding; the message describes it.</summary>
        /// <param name="message">The message that describes the error.</param>
        /// <param name="finding">Where the first non-finite value appeared.</param>
        public NonFiniteTrainingException(string? message, NonFiniteFinding finding)
            : base(message, (finding ?? throw new ArgumentNullException(nameof(finding))).Value)
        {
            Finding = finding;
        }

        /// <summary>Where the first non-finite value appeared, when known.</summary>
        public NonFiniteFinding? Finding { get; }
    }
}

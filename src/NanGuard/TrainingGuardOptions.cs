using System;

namespace NanGuard
{
    /// <summary>Settings of a <see cref="TrainingGuard"/>.</summary>
    public sealed class TrainingGuardOptions
    {
        private double _learningRate = 1.0;
        private double _learningRateFactor = 0.5;
        private int _maxConsecutiveRepairs = 5;
        private int _snapshotInterval = 1;
        private double _lossExplosionFactor = double.PositiveInfinity;

        /// <summary>What to do when a step produces a non-finite value. Default <see cref="NonFinitePolicy.Throw"/>.</summary>
        public NonFinitePolicy Policy { get; set; } = NonFinitePolicy.Throw;

        /// <summary>
        /// The initial <see cref="TrainingGuard.LearningRate"/>; the guard lowers it on each roll-back. Finite
        /// and &gt; 0; default 1 (use the guard's rate as a multiplier of your own when you keep one elsewhere).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is not finite and positive.</exception>
        public double LearningRate
        {
            get => _learningRate;
            set => _learningRate = value > 0 && !double.IsInfinity(value)
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and greater than 0.");
        }

        /// <summary>The factor the learning rate is multiplied by on each roll-back; in (0, 1], default 0.5.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
        public double LearningRateFactor
        {
            get => _learningRateFactor;
            set => _learningRateFactor = value > 0 && value <= 1
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The learning-rate factor must be in (0, 1].");
        }

        /// <summary>
        /// How many steps in a row may be skipped or rolled back; one more failing step throws a
        /// <see cref="NonFiniteTrainingException"/>. At least 0; default 5. A good step resets the count.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
        public int MaxConsecutiveRepairs
        {
            get => _maxConsecutiveRepairs;
            set => _maxConsecutiveRepairs = value >= 0
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The limit of consecutive repairs must not be negative.");
        }

        /// <summary>
        /// Whether <see cref="TrainingGuard.EndStep"/> also checks the registered parameters (one vectorized pass
        /// each), which catches an update that overflowed the weights. Default <see langword="true"/>.
        /// </summary>
        public bool CheckParametersAtEndStep { get; set; } = true;

        /// <summary>
        /// Take the roll-back snapshot of the registered parameters every this many good steps (a copy per
        /// parameter buffer). Default 1; larger values cost less and roll back further.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
        public int SnapshotInterval
        {
            get => _snapshotInterval;
            set => _snapshotInterval = value >= 1
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The snapshot interval must be at least 1.");
        }

        /// <summary>
        /// Treat a finite loss above this factor times the lowest loss of a good step so far as a failure too
        /// (an exploding loss, caught before it overflows, so that a roll-back restores parameters that
        /// have not diverged yet). Greater than 1; default <see cref="double.PositiveInfinity"/> (off). Meant
        /// for non-negative losses (squared error, cross-entropy): the check is inactive while the lowest loss is 0 or negative.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is NaN or not greater than 1.</exception>
        public double LossExplosionFactor
        {
            get => _lossExplosionFactor;
            set => _lossExplosionFactor = value > 1
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "The loss-explosion factor must be greater than 1 (PositiveInfinity turns the check off).");
        }

        /// <summary>Called with every finding, before the policy is applied (for logging). Optional.</summary>
        public Action<NonFiniteFinding>? OnNonFinite { get; set; }
    }
}

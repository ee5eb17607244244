using System;
using Xunit;

namespace NanGuard.Tests.TrainingGuardTests
{
    public class LossExplosionTests
    {
        [Fact]
        public void Off_ByDefault()
        {
            var guard = new TrainingGuard();
            Assert.True(guard.CheckLoss(1e-3));
            Assert.True(guard.CheckLoss(1e300));
            Assert.Equal(1e-3, guard.BestLoss);
        }

        [Fact]
        public void ALossAboveFactorTimesTheBest_IsAFailure_WithTheLimit()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, LossExplosionFactor = 10 });
            Assert.Equal(double.PositiveInfinity, guard.BestLoss);
            Assert.True(guard.CheckLoss(2.0));
            Assert.True(guard.CheckLoss(1.0));
            Assert.Equal(1.0, guard.BestLoss);
            Assert.True(guard.CheckLoss(9.99));
            Assert.False(guard.CheckLoss(10.5));
            NonFiniteFinding f = guard.LastFinding!;
            Assert.Equal(10.5, f.Value);
            Assert.Equal(10.0, f.Limit);
            Assert.Equal("step 3: loss is 10.5, above the limit 10 (exploding loss)", f.ToString());
            Assert.Equal(1.0, guard.BestLoss); // a failed step does not move the base
        }

        [Fact]
        public void Throw_SaysTheLossExploded()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { LossExplosionFactor = 4 });
            guard.CheckLoss(0.5);
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() => guard.CheckLoss(3));
            Assert.StartsWith("Training's loss exploded: step 1: loss is 3, above the limit 2", e.Message, StringComparison.Ordinal);
            Assert.Equal(3, e.OffendingNumber);
        }

        [Fact]
        public void RollBack_RestoresTheWeightsFromBeforeTheExplosion()
        {
            double[] w = { 1 };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack, LossExplosionFactor = 100 });
            guard.RegisterParameters("w", w);
            Assert.True(guard.CheckLoss(1));
            w[0] = 1e6;
            Assert.False(guard.CheckLoss(1e12));
            Assert.Equal(1, w[0]);
            Assert.Equal(0.5, guard.LearningRate);
        }

        [Fact]
        public void Inactive_WhileTheBestLossIsZeroOrNegative()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { LossExplosionFactor = 2 });
            Assert.True(guard.CheckLoss(0));
            Assert.True(guard.CheckLoss(5));
            var negative = new TrainingGuard(new TrainingGuardOptions { LossExplosionFactor = 2 });
            Assert.True(negative.CheckLoss(-3));
            Assert.True(negative.CheckLoss(100));
        }

        [Fact]
        public void TheStepLossIsTheLargestLossCheckedInTheStep()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { LossExplosionFactor = 10 });
            guard.BeginStep();
            guard.CheckLoss(1, "train");
            guard.CheckLoss(3, "val");
            guard.EndStep();
            Assert.Equal(3, guard.BestLoss);
        }

        [Fact]
        public void Factor_IsValidated()
        {
            var o = new TrainingGuardOptions();
            Assert.Equal(double.PositiveInfinity, o.LossExplosionFactor);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LossExplosionFactor = 1);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LossExplosionFactor = 0.5);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LossExplosionFactor = double.NaN);
            o.LossExplosionFactor = 1.5;
            Assert.Equal(1.5, o.LossExplosionFactor);
        }
    }
}

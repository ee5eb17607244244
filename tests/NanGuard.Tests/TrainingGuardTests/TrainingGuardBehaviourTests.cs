using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.TrainingGuardTests
{
    public class TrainingGuardBehaviourTests
    {
        [Fact]
        public void CheckLossAlone_DefaultPolicyThrows_WithTheStep()
        {
            var guard = new TrainingGuard();
            Assert.True(guard.CheckLoss(0.5));
            Assert.True(guard.CheckLoss(0.4));
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() => guard.CheckLoss(double.NaN));
            Assert.Equal(2, e.Finding!.Step);
            Assert.Equal(TrainingCheck.Loss, e.Finding.Check);
            Assert.Contains("step 2: loss is NaN", e.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<NotFiniteNumberException>(e);
            Assert.True(double.IsNaN(e.OffendingNumber));
        }

        [Fact]
        public void CheckLossAlone_SkipStep_ReturnsFalse_AndCounts()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep });
            Assert.True(guard.CheckLoss(1));
            Assert.False(guard.CheckLoss(double.PositiveInfinity));
            Assert.Equal(1, guard.ConsecutiveRepairs);
            Assert.False(guard.CheckLoss(double.NegativeInfinity, "val"));
            Assert.Equal(2, guard.ConsecutiveRepairs);
            Assert.True(guard.CheckLoss(2));
            Assert.Equal(0, guard.ConsecutiveRepairs);
            Assert.Equal(2, guard.SkippedSteps);
            Assert.Equal(3, guard.Step);
            Assert.Equal("step 2: loss 'val' is -Infinity", guard.LastFinding!.ToString());
            Assert.False(guard.IsStepOpen);
        }

        [Fact]
        public void RollBack_RestoresTheLastGoodParameters_AndLowersTheRate()
        {
            double[] w = { 1, 2 };
            float[] f = { 3f };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack, LearningRate = 0.8, LearningRateFactor = 0.25 });
            guard.RegisterParameters("w", w).RegisterParameters("f", f);

            guard.BeginStep();
            Assert.True(guard.CheckLoss(1.0));
            Assert.Equal(StepDecision.Apply, guard.EndStep()); // snapshot {1, 2}, {3}
            w[0] = 100;
            w[1] = 200; // the update
            f[0] = 300;

            guard.BeginStep();
            Assert.False(guard.CheckLoss(double.NaN));
            Assert.Equal(StepDecision.RolledBack, guard.EndStep());
            Assert.Equal(new[] { 1.0, 2.0 }, w);
            Assert.Equal(3f, f[0]);
            Assert.Equal(0.2, guard.LearningRate, 15);
            Assert.Equal(1, guard.RollBacks);
        }

        [Fact]
        public void RollBack_BeforeAnyGoodStep_RestoresTheRegisteredValues()
        {
            double[] w = { 5 };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack });
            guard.RegisterParameters("w", w);
            w[0] = 7;
            Assert.False(guard.CheckLoss(double.NaN)); // alone: a whole step, rolled back at once
            Assert.Equal(5, w[0]);
            Assert.Equal(0.5, guard.LearningRate);
        }

        [Fact]
        public void ParametersThatOverflow_AreFoundAtEndStep_WithTheirIndex()
        {
            double[] w = { 1, 2, 3 };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack });
            guard.RegisterParameters("w", w);
            guard.BeginStep();
            Assert.Equal(StepDecision.Apply, guard.EndStep());
            w[2] = double.PositiveInfinity; // an update overflowed

            guard.BeginStep();
            Assert.True(guard.CheckLoss(0.1)); // this loss was computed before the bad update landed
            Assert.Equal(StepDecision.RolledBack, guard.EndStep());
            NonFiniteFinding f = guard.LastFinding!;
            Assert.Equal(TrainingCheck.Parameter, f.Check);
            Assert.Equal("w", f.Name);
            Assert.Equal(2, f.Index);
            Assert.Equal(1, f.Step);
            Assert.Equal("step 1: parameter 'w' is Infinity at index 2", f.ToString());
            Assert.Equal(3, w[2]);
        }

        [Fact]
        public void CheckParameters_Explicit_AndDisabledAtEndStep()
        {
            double[] w = { double.MaxValue };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, CheckParametersAtEndStep = false });
            guard.RegisterParameters("w", w);
            w[0] = double.NaN;
            guard.BeginStep();
            Assert.Equal(StepDecision.Apply, guard.EndStep()); // not checked at EndStep
            guard.BeginStep();
            Assert.False(guard.CheckParameters());
            Assert.Equal(StepDecision.Skip, guard.EndStep());
            Assert.Equal(TrainingCheck.Parameter, guard.LastFinding!.Check);
        }

        [Fact]
        public void TheFirstFindingOfAStepIsKept_LaterChecksDoNotScan()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep });
            guard.BeginStep();
            Assert.True(guard.CheckInputs("x", new[] { 1.0, 2.0 }));
            Assert.False(guard.CheckGradients("g1", new[] { 0.0, 0.0, double.NaN }));
            Assert.False(guard.CheckGradients("g2", new[] { double.PositiveInfinity }));
            Assert.False(guard.CheckLoss(1.0)); // the step already failed
            Assert.True(guard.StepFailed);
            Assert.Equal(StepDecision.Skip, guard.EndStep());
            Assert.Single(guard.Findings);
            Assert.Equal("step 0: gradient 'g1' is NaN at index 2", guard.Findings[0].ToString());
        }

        [Fact]
        public void EveryInputShape_ReportsItsPosition()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, MaxConsecutiveRepairs = 100 });
            var cases = new List<(Func<bool> Check, string Expected)>
            {
                (() => guard.CheckInputs("a", new[] { 1.0, double.NaN }), "input 'a' is NaN at index 1"),
                (() => guard.CheckInputs("b", new[] { 1f, 2f, float.NegativeInfinity }), "input 'b' is -Infinity at index 2"),
                (() => guard.CheckInputs("c", new double[,] { { 0, 0 }, { 0, double.NaN } }), "input 'c' is NaN at row 1, column 1"),
                (() => guard.CheckInputs("d", new float[,] { { float.NaN } }), "input 'd' is NaN at row 0, column 0"),
                (() => guard.CheckInputs("e", new[] { new[] { 1.0 }, new[] { 2.0, double.PositiveInfinity } }), "input 'e' is Infinity at row 1, column 1"),
                (() => guard.CheckInputs("f", new[] { new[] { float.NaN } }), "input 'f' is NaN at row 0, column 0"),
                (() => guard.CheckInputs("g", Vector<double>.Build.Dense(new[] { 0.0, 0.0, double.NaN })), "input 'g' is NaN at index 2"),
                (() => guard.CheckInputs("h", Matrix<double>.Build.Dense(2, 3, (r, c) => r == 1 && c == 2 ? double.NaN : 1)), "input 'h' is NaN at row 1, column 2"),
                (() => guard.CheckInputs("i", (ReadOnlySpan<double>)new[] { double.NaN }), "input 'i' is NaN at index 0"),
                (() => guard.CheckInputs("j", (ReadOnlySpan<float>)new[] { 0f, float.NaN }), "input 'j' is NaN at index 1"),
                (() => guard.CheckGradients("k", new[] { 0f, float.NaN }), "gradient 'k' is NaN at index 1"),
                (() => guard.CheckGradients("l", (ReadOnlySpan<double>)new[] { double.NaN }), "gradient 'l' is NaN at index 0"),
                (() => guard.CheckGradients("m", (ReadOnlySpan<float>)new[] { float.NaN }), "gradient 'm' is NaN at index 0"),
                (() => guard.CheckGradients("n", Vector<double>.Build.Dense(new[] { double.NaN })), "gradient 'n' is NaN at index 0"),
                (() => guard.CheckGradients("o", Matrix<double>.Build.Dense(3, 3, (r, c) => r == 2 && c == 0 ? double.PositiveInfinity : 0)), "gradient 'o' is Infinity at row 2, column 0"),
            };

            foreach ((Func<bool> check, string expected) in cases)
            {
                long step = guard.BeginStep();
                Assert.False(check());
                Assert.Equal(StepDecision.Skip, guard.EndStep());
                Assert.Equal("step " + step + ": " + expected, guard.LastFinding!.ToString());
            }

            guard.BeginStep();
            Assert.True(guard.CheckInputs("ok", new double[,] { { 1 } }));
            Assert.True(guard.CheckGradients("ok", Matrix<double>.Build.Dense(2, 2)));
            Assert.Equal(StepDecision.Apply, guard.EndStep());
        }

        [Fact]
        public void ConsecutiveRepairs_AreLimited()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack, MaxConsecutiveRepairs = 2 });
            guard.RegisterParameters("w", new[] { 1.0 });
            Assert.False(guard.CheckLoss(double.NaN));
            Assert.False(guard.CheckLoss(double.NaN));
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() => guard.CheckLoss(double.NaN));
            Assert.Contains("3 consecutive", e.Message, StringComparison.Ordinal);
            Assert.Contains("step 2: loss is NaN", e.Message, StringComparison.Ordinal);
            Assert.Equal(2, e.Finding!.Step);

            var once = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, MaxConsecutiveRepairs = 0 });
            Assert.Throws<NonFiniteTrainingException>(() => once.CheckLoss(double.NaN));
        }

        [Fact]
        public void GoodStepsResetTheRepairCount()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, MaxConsecutiveRepairs = 1 });
            for (int i = 0; i < 10; i++)
            {
                Assert.False(guard.CheckLoss(double.NaN));
                Assert.True(guard.CheckLoss(1));
            }

            Assert.Equal(10, guard.SkippedSteps);
        }

        [Fact]
        public void ThrowPolicy_ThrowsAtTheCheck_ForGradientsToo()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.Throw });
            guard.BeginStep(41);
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() => guard.CheckGradients("layer2.weight", new[] { 0.0, 1.0, double.NaN }));
            Assert.Equal("Training produced a non-finite value: step 41: gradient 'layer2.weight' is NaN at index 2.", e.Message);
            Assert.Equal(TrainingCheck.Gradient, e.Finding!.Check);
            Assert.Equal(2, e.Finding.Index);
            Assert.Equal(StepDecision.Skip, guard.EndStep());
            Assert.Equal(42, guard.BeginStep());
        }

        [Fact]
        public void OnNonFinite_IsCalledBeforeThePolicy()
        {
            var seen = new List<NonFiniteFinding>();
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.Throw, OnNonFinite = seen.Add });
            Assert.Throws<NonFiniteTrainingException>(() => guard.CheckLoss(double.NaN));
            Assert.Single(seen);
            Assert.Equal(TrainingCheck.Loss, seen[0].Check);
        }

        [Fact]
        public void MathNetParameters_AreSnapshottedAndRestored()
        {
            Vector<double> v = Vector<double>.Build.Dense(new[] { 1.0, 2.0 });
            Matrix<double> m = Matrix<double>.Build.Dense(2, 2, 3.0);
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack });
            guard.RegisterParameters("v", v).RegisterParameters("m", m);
            Assert.True(guard.CheckLoss(1));
            v[0] = 10;
            m[1, 1] = double.NaN;
            Assert.False(guard.CheckLoss(1)); // the parameter check at the end of the step fails
            Assert.Equal("step 1: parameter 'm' is NaN at row 1, column 1", guard.LastFinding!.ToString());
            Assert.Equal(1.0, v[0]);
            Assert.Equal(3.0, m[1, 1]);
        }

        [Fact]
        public void SnapshotInterval_RollsBackFurther()
        {
            double[] w = { 0 };
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.RollBack, SnapshotInterval = 3 });
            guard.RegisterParameters("w", w);
            for (int i = 1; i <= 4; i++)
            {
                Assert.True(guard.CheckLoss(1));
                w[0] = i; // snapshots are taken at good steps 3, 6, ...: the one of step 3 holds w = 2
            }

            Assert.False(guard.CheckLoss(double.NaN));
            Assert.Equal(2, w[0]);
        }

        [Fact]
        public void BeginStep_EndsAnOpenStep()
        {
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep });
            guard.BeginStep();
            guard.CheckLoss(double.NaN);
            guard.BeginStep(); // the failed step is ended (skipped) here
            Assert.Equal(1, guard.SkippedSteps);
            Assert.False(guard.StepFailed);
            Assert.Equal(StepDecision.Apply, guard.EndStep());
        }

        [Fact]
        public void Misuse_IsReported()
        {
            var guard = new TrainingGuard();
            Assert.Throws<InvalidOperationException>(() => guard.CheckInputs("x", new double[1]));
            Assert.Throws<InvalidOperationException>(() => guard.CheckGradients("g", new double[1]));
            Assert.Throws<InvalidOperationException>(() => guard.CheckParameters());
            Assert.Throws<InvalidOperationException>(() => guard.EndStep());
            guard.BeginStep();
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => guard.CheckInputs("x", (double[])null!)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => guard.CheckGradients("g", (float[])null!)).ParamName);
            Assert.Equal("gradients", Assert.Throws<ArgumentNullException>(() => guard.CheckGradients("g", (Matrix<double>)null!)).ParamName);
            Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => guard.CheckInputs(null!, new double[1])).ParamName);
            Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new TrainingGuard(null!)).ParamName);
            Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => guard.RegisterParameters("w", (double[])null!)).ParamName);
        }

        [Fact]
        public void RegisteringNonFiniteParameters_IsRejected_WithTheName()
        {
            var guard = new TrainingGuard();
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => guard.RegisterParameters("layer1", new[] { 0.0, double.NaN }));
            Assert.Equal("layer1", e.ParamName);
            Assert.Equal(1, e.Index);
            Assert.Throws<NonFiniteValueException>(() => guard.RegisterParameters("m", Matrix<double>.Build.Dense(1, 1, double.NaN)));
        }

        [Fact]
        public void Options_AreValidated()
        {
            var o = new TrainingGuardOptions();
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LearningRate = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LearningRate = double.NaN);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LearningRate = double.PositiveInfinity);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LearningRateFactor = 0);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.LearningRateFactor = 1.5);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.MaxConsecutiveRepairs = -1);
            Assert.Throws<ArgumentOutOfRangeException>(() => o.SnapshotInterval = 0);
            Assert.Equal(NonFinitePolicy.Throw, o.Policy);
            Assert.Equal(1.0, o.LearningRate);
            Assert.Equal(0.5, o.LearningRateFactor);
            Assert.Equal(5, o.MaxConsecutiveRepairs);
        }

        [Fact]
        public void EnsureFiniteLoss_ThrowsWithTheStepAndName()
        {
            double trainLoss = 0.3;
            TrainingGuard.EnsureFiniteLoss(trainLoss, 7);
            trainLoss = double.NaN;
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() => TrainingGuard.EnsureFiniteLoss(trainLoss, 7));
            Assert.Equal(7, e.Finding!.Step);
            Assert.Equal("trainLoss", e.Finding.Name);
            Assert.Equal("Training produced a non-finite loss: step 7: loss 'trainLoss' is NaN.", e.Message);
            NonFiniteTrainingException noStep = Assert.Throws<NonFiniteTrainingException>(() => TrainingGuard.EnsureFiniteLoss(double.PositiveInfinity));
            Assert.Equal(-1, noStep.Finding!.Step);
            Assert.DoesNotContain("step", noStep.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Exception_Constructors()
        {
            Assert.NotNull(new NonFiniteTrainingException().Message);
            Assert.Equal("m", new NonFiniteTrainingException("m").Message);
            var inner = new InvalidOperationException();
            Assert.Same(inner, new NonFiniteTrainingException("m", inner).InnerException);
            Assert.Throws<ArgumentNullException>(() => new NonFiniteTrainingException("m", (NonFiniteFinding)null!));
            Assert.Throws<ArgumentNullException>(() => new NonFiniteFinding(0, TrainingCheck.Loss, null!, 0));
        }
    }
}

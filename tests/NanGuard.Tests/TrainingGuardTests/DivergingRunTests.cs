using System;
using System.Linq;
using Xunit;

namespace NanGuard.Tests.TrainingGuardTests
{
    /// <summary>
    /// Real training runs on plain arrays: linear regression by gradient descent. With a learning rate
    /// above the stability limit the loss overflows to +inf and the weights to NaN; a corrupted sample
    /// poisons the weights with NaN. The guard turns both into finished, finite runs.
    /// </summary>
    public class DivergingRunTests
    {
        private const int Features = 3;
        private static readonly double[] TrueWeights = { 2.0, -3.0, 0.5 };
        private const double TrueBias = 1.0;

        private static (double[][] X, double[] Y) Data(int n, int seed)
        {
            var rng = new Random(seed);
            var x = new double[n][];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = Enumerable.Range(0, Features).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
                y[i] = TrueBias + x[i].Select((v, j) => v * TrueWeights[j]).Sum();
            }

            return (x, y);
        }

        /// <summary>Mean squared error over the given rows.</summary>
        private static double Loss(double[][] x, double[] y, double[] w, double[] b, int start, int count)
        {
            double sum = 0;
            for (int i = start; i < start + count; i++)
            {
                double r = Predict(x[i], w, b) - y[i];
                sum += r * r;
            }

            return sum / count;
        }

        private static double Predict(double[] xi, double[] w, double[] b)
        {
            double p = b[0];
            for (int j = 0; j < xi.Length; j++)
            {
                p += w[j] * xi[j];
            }

            return p;
        }

        private static void Gradients(double[][] x, double[] y, double[] w, double[] b, int start, int count, double[] gw, double[] gb)
        {
            Array.Clear(gw, 0, gw.Length);
            gb[0] = 0;
            for (int i = start; i < start + count; i++)
            {
                double r = Predict(x[i], w, b) - y[i];
                for (int j = 0; j < w.Length; j++)
                {
                    gw[j] += 2 * r * x[i][j] / count;
                }

                gb[0] += 2 * r / count;
            }
        }

        private static void Update(double[] w, double[] gw, double[] b, double[] gb, double lr)
        {
            for (int j = 0; j < w.Length; j++)
            {
                w[j] -= lr * gw[j];
            }

            b[0] -= lr * gb[0];
        }

        private const int Steps = 2000;
        private const double TooHighRate = 1.5; // the bias mode grows by |1 - 2 * 1.5| = 2 per step

        /// <summary>Full-batch gradient descent without a guard; returns the losses of every step.</summary>
        private static double[] RunUnguarded(double[][] x, double[] y, double lr, out double[] w, out double[] b)
        {
            w = new double[Features];
            b = new double[1];
            var gw = new double[Features];
            var gb = new double[1];
            var losses = new double[Steps];
            for (int step = 0; step < Steps; step++)
            {
                losses[step] = Loss(x, y, w, b, 0, x.Length);
                Gradients(x, y, w, b, 0, x.Length, gw, gb);
                Update(w, gw, b, gb, lr);
            }

            return losses;
        }

        [Fact]
        public void WithoutGuard_TheRunDiverges_ToNaN()
        {
            (double[][] x, double[] y) = Data(64, 1);
            double[] losses = RunUnguarded(x, y, TooHighRate, out double[] w, out double[] b);
            Assert.True(double.IsFinite(losses[0]));
            Assert.False(double.IsFinite(losses[^1]), $"final loss {losses[^1]}");
            Assert.False(InputValidation.IsAllFinite(w) && InputValidation.IsAllFinite(b));

            // The same run at a stable rate converges: the model itself is fine.
            double[] stable = RunUnguarded(x, y, 0.5, out _, out _);
            Assert.True(stable[^1] < 1e-20);
        }

        [Fact]
        public void RollBack_FinishesTheDivergingRunFinite_AndConverges()
        {
            (double[][] x, double[] y) = Data(64, 1);
            var w = new double[Features];
            var b = new double[1];
            var gw = new double[Features];
            var gb = new double[1];
            var guard = new TrainingGuard(new TrainingGuardOptions
            {
                Policy = NonFinitePolicy.RollBack,
                LearningRate = TooHighRate,
                LearningRateFactor = 0.5,
                MaxConsecutiveRepairs = 3,
            });
            guard.RegisterParameters("w", w).RegisterParameters("b", b);

            int rolledBack = 0;
            double loss = double.NaN;
            for (int step = 0; step < Steps; step++)
            {
                guard.BeginStep();
                guard.CheckInputs("x", x);
                loss = Loss(x, y, w, b, 0, x.Length);
                guard.CheckLoss(loss);
                Gradients(x, y, w, b, 0, x.Length, gw, gb);
                guard.CheckGradients("w", gw);
                guard.CheckGradients("b", gb);
                StepDecision decision = guard.EndStep();
                if (decision == StepDecision.Apply)
                {
                    Update(w, gw, b, gb, guard.LearningRate);
                }
                else
                {
                    Assert.Equal(StepDecision.RolledBack, decision);
                    rolledBack++;
                }
            }

            double final = Loss(x, y, w, b, 0, x.Length);
            Assert.True(double.IsFinite(final), $"final loss {final}");
            Assert.True(final < 1e-6, $"final loss {final}");
            Assert.Equal(TrueWeights[0], w[0], 3);
            Assert.Equal(TrueBias, b[0], 3);
            Assert.True(rolledBack >= 1);
            Assert.Equal(rolledBack, guard.RollBacks);
            Assert.Equal(TooHighRate * Math.Pow(0.5, rolledBack), guard.LearningRate, 15);
            Assert.True(guard.LearningRate < 1.0); // below the stability limit of this problem
            NonFiniteFinding first = guard.Findings[0];
            Assert.Equal(TrainingCheck.Loss, first.Check);
            Assert.Equal(double.PositiveInfinity, first.Value);
        }

        [Fact]
        public void Throw_StopsAtTheFirstNonFiniteLoss_AndNamesTheStep()
        {
            (double[][] x, double[] y) = Data(64, 1);
            double[] unguarded = RunUnguarded(x, y, TooHighRate, out _, out _);
            int firstBad = Array.FindIndex(unguarded, l => !double.IsFinite(l));
            Assert.True(firstBad > 0);

            var w = new double[Features];
            var b = new double[1];
            var gw = new double[Features];
            var gb = new double[1];
            var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.Throw, LearningRate = TooHighRate });
            guard.RegisterParameters("w", w).RegisterParameters("b", b);
            NonFiniteTrainingException e = Assert.Throws<NonFiniteTrainingException>(() =>
            {
                for (int step = 0; step < Steps; step++)
                {
                    guard.BeginStep();
                    guard.CheckLoss(Loss(x, y, w, b, 0, x.Length));
                    Gradients(x, y, w, b, 0, x.Length, gw, gb);
                    guard.CheckGradients("w", gw);
                    guard.CheckGradients("b", gb);
                    if (guard.EndStep() == StepDecision.Apply)
                    {
                        Update(w, gw, b, gb, guard.LearningRate);
                    }
                }
            });

            Assert.NotNull(e.Finding);
            Assert.Equal(firstBad, e.Finding!.Step);
            Assert.Equal(TrainingCheck.Loss, e.Finding.Check);
            Assert.Contains("step " + firstBad, e.Message, StringComparison.Ordinal);
            Assert.Contains("loss is Infinity", e.Message, StringComparison.Ordinal);
            Assert.Equal(double.PositiveInfinity, e.OffendingNumber);
        }

        [Fact]
        public void SkipStep_SkipsTheCorruptedBatch_AndNamesTheSample()
        {
            (double[][] x, double[] y) = Data(64, 2);
            x[37][1] = double.NaN; // one corrupted sample: batch 4 (rows 32..39), row 5 of the batch, feature 1
            const int Batch = 8;
            const int Epochs = 200;

            // Without a guard the NaN reaches the weights and the run ends NaN.
            {
                var w = new double[Features];
                var b = new double[1];
                var gw = new double[Features];
                var gb = new double[1];
                for (int epoch = 0; epoch < Epochs; epoch++)
                {
                    for (int start = 0; start < x.Length; start += Batch)
                    {
                        Gradients(x, y, w, b, start, Batch, gw, gb);
                        Update(w, gw, b, gb, 0.1);
                    }
                }

                Assert.True(double.IsNaN(Loss(x, y, w, b, 0, 32)));
            }

            // With SkipStep the corrupted batch is skipped every epoch.
            {
                var w = new double[Features];
                var b = new double[1];
                var gw = new double[Features];
                var gb = new double[1];
                var guard = new TrainingGuard(new TrainingGuardOptions { Policy = NonFinitePolicy.SkipStep, LearningRate = 0.1 });
                guard.RegisterParameters("w", w).RegisterParameters("b", b);
                for (int epoch = 0; epoch < Epochs; epoch++)
                {
                    for (int start = 0; start < x.Length; start += Batch)
                    {
                        guard.BeginStep();
                        guard.CheckInputs("x", x.Skip(start).Take(Batch).ToArray());
                        guard.CheckLoss(Loss(x, y, w, b, start, Batch));
                        Gradients(x, y, w, b, start, Batch, gw, gb);
                        guard.CheckGradients("w", gw);
                        if (guard.EndStep() == StepDecision.Apply)
                        {
                            Update(w, gw, b, gb, guard.LearningRate);
                        }
                    }
                }

                Assert.Equal(Epochs, guard.SkippedSteps);
                Assert.Equal(0, guard.RollBacks);
                Assert.Equal(0.1, guard.LearningRate);
                double clean = (Loss(x, y, w, b, 0, 32) + Loss(x, y, w, b, 40, 24)) / 2;
                Assert.True(clean < 1e-8, $"loss {clean}");
                NonFiniteFinding f = guard.Findings[0];
                Assert.Equal(TrainingCheck.Input, f.Check);
                Assert.Equal("x", f.Name);
                Assert.Equal(4, f.Step);
                Assert.Equal(5, f.Row);
                Assert.Equal(1, f.Column);
                Assert.Equal("step 4: input 'x' is NaN at row 5, column 1", f.ToString());
                Assert.Equal(Epochs, guard.Findings.Count);
                Assert.Equal(4 + (8 * (Epochs - 1)), guard.LastFinding!.Step);
            }
        }
    }
}

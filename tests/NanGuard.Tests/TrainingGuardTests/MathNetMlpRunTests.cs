using System;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace NanGuard.Tests.TrainingGuardTests
{
    /// <summary>
    /// A 5-10-1 tanh MLP on MathNet matrices, trained full-batch with a learning rate far above its
    /// stability limit: without a guard the weights overflow and the loss ends NaN; with RollBack the
    /// run finishes finite and fits the data.
    /// </summary>
    public class MathNetMlpRunTests
    {
        private readonly ITestOutputHelper _output;

        public MathNetMlpRunTests(ITestOutputHelper output) => _output = output;

        private sealed class Mlp
        {
            public Matrix<double> W1 = null!;
            public Vector<double> B1 = null!;
            public Matrix<double> W2 = null!;
            public Vector<double> B2 = null!;
            public Matrix<double> GW1 = null!;
            public Vector<double> GB1 = null!;
            public Matrix<double> GW2 = null!;
            public Vector<double> GB2 = null!;

            public static Mlp Create(int seed)
            {
                var rng = new Random(seed);
                return new Mlp
                {
                    W1 = Matrix<double>.Build.Dense(10, 5, (_, _) => (rng.NextDouble() - 0.5) * 0.8),
                    B1 = Vector<double>.Build.Dense(10),
                    W2 = Matrix<double>.Build.Dense(1, 10, (_, _) => (rng.NextDouble() - 0.5) * 0.8),
                    B2 = Vector<double>.Build.Dense(1),
                    GW1 = Matrix<double>.Build.Dense(10, 5),
                    GB1 = Vector<double>.Build.Dense(10),
                    GW2 = Matrix<double>.Build.Dense(1, 10),
                    GB2 = Vector<double>.Build.Dense(1),
                };
            }

            /// <summary>Forward and backward over the batch (columns of x are samples); returns the MSE.</summary>
            public double LossAndGradients(Matrix<double> x, Vector<double> y)
            {
                int n = x.ColumnCount;
                Matrix<double> z1 = W1 * x;
                for (int c = 0; c < n; c++)
                {
                    z1.SetColumn(c, z1.Column(c) + B1);
                }

                Matrix<double> h = z1.Map(Math.Tanh);
                Vector<double> pred = (W2 * h).Row(0) + B2[0];
                Vector<double> r = pred - y;
                double loss = r.DotProduct(r) / n;

                Vector<double> dPred = r * (2.0 / n);
                GW2.SetRow(0, h * dPred);
                GB2[0] = dPred.Sum();
                Matrix<double> dH = W2.Transpose() * dPred.ToRowMatrix();
                Matrix<double> dZ1 = dH.PointwiseMultiply(h.Map(v => 1 - v * v));
                (dZ1 * x.Transpose()).CopyTo(GW1);
                dZ1.RowSums().CopyTo(GB1);
                return loss;
            }

            public void Update(double lr)
            {
                W1.Subtract(GW1 * lr, W1);
                B1.Subtract(GB1 * lr, B1);
                W2.Subtract(GW2 * lr, W2);
                B2.Subtract(GB2 * lr, B2);
            }
        }

        private static (Matrix<double> X, Vector<double> Y) Data()
        {
            var rng = new Random(4);
            Matrix<double> x = Matrix<double>.Build.Dense(5, 64, (_, _) => rng.NextDouble() * 2 - 1);
            Vector<double> y = Vector<double>.Build.Dense(64, c => Math.Sin(x[0, c]) + 0.5 * x[1, c] * x[2, c] - 0.3 * x[4, c]);
            return (x, y);
        }

        private const int Steps = 1000;
        private const double TooHighRate = 3.0;

        [Fact]
        public void WithoutGuard_TheMlpDiverges()
        {
            (Matrix<double> x, Vector<double> y) = Data();
            Mlp m = Mlp.Create(9);
            double loss = 0;
            int firstBad = -1;
            for (int step = 0; step < Steps; step++)
            {
                loss = m.LossAndGradients(x, y);
                if (!double.IsFinite(loss) && firstBad < 0)
                {
                    firstBad = step;
                }

                if (firstBad >= 0 && step > firstBad + 20)
                {
                    break; // it stays NaN from here on (NaN arithmetic is slow; no need to run it to the end)
                }

                m.Update(TooHighRate);
            }

            _output.WriteLine($"first non-finite loss at step {firstBad}, final {loss}");
            Assert.True(firstBad > 0);
            Assert.True(double.IsNaN(loss));
            Assert.False(InputValidation.IsAllFinite(m.W2));
        }

        private static (double Initial, double Final, TrainingGuard Guard) RunGuarded(double explosionFactor)
        {
            (Matrix<double> x, Vector<double> y) = Data();
            Mlp m = Mlp.Create(9);
            double initial = m.LossAndGradients(x, y);
            var guard = new TrainingGuard(new TrainingGuardOptions
            {
                Policy = NonFinitePolicy.RollBack,
                LearningRate = TooHighRate,
                LossExplosionFactor = explosionFactor,
            });
            guard.RegisterParameters("W1", m.W1).RegisterParameters("b1", m.B1).RegisterParameters("W2", m.W2).RegisterParameters("b2", m.B2);
            for (int step = 0; step < Steps; step++)
            {
                guard.BeginStep();
                guard.CheckInputs("x", x);
                guard.CheckLoss(m.LossAndGradients(x, y));
                guard.CheckGradients("W1", m.GW1);
                guard.CheckGradients("b1", m.GB1);
                guard.CheckGradients("W2", m.GW2);
                guard.CheckGradients("b2", m.GB2);
                if (guard.EndStep() == StepDecision.Apply)
                {
                    m.Update(guard.LearningRate);
                }
            }

            return (initial, m.LossAndGradients(x, y), guard);
        }

        [Fact]
        public void RollBackOnNonFiniteOnly_FinishesFinite_ButFromAlreadyDivergedWeights()
        {
            (double initial, double final, TrainingGuard guard) = RunGuarded(double.PositiveInfinity);
            _output.WriteLine($"initial {initial}, final {final}, rollbacks {guard.RollBacks}, lr {guard.LearningRate}, first {guard.Findings[0]}");
            Assert.True(double.IsFinite(final));
            Assert.True(guard.RollBacks >= 1);
            NonFiniteFinding first = guard.Findings[0];
            Assert.Equal(TrainingCheck.Loss, first.Check);
            Assert.Null(first.Limit);

            // The last finite snapshot was taken when the weights had already blown up (tanh saturated):
            // finite, but not recovered. This is what LossExplosionFactor is for.
            Assert.True(final > initial);
        }

        [Fact]
        public void RollBackWithLossExplosionDetection_FinishesFinite_AndFits()
        {
            (double initial, double final, TrainingGuard guard) = RunGuarded(explosionFactor: 100);
            _output.WriteLine($"initial {initial}, final {final}, rollbacks {guard.RollBacks}, lr {guard.LearningRate}, first {guard.Findings[0]}");
            Assert.True(double.IsFinite(final));
            Assert.True(final < initial / 10, $"final {final}");
            Assert.True(guard.RollBacks >= 1);
            Assert.True(guard.LearningRate < TooHighRate);
            NonFiniteFinding first = guard.Findings[0];
            Assert.Equal(TrainingCheck.Loss, first.Check);
            Assert.True(double.IsFinite(first.Value));
            Assert.NotNull(first.Limit);
            Assert.True(first.Value > first.Limit);
            Assert.Contains("exploding loss", first.ToString(), StringComparison.Ordinal);
        }
    }
}

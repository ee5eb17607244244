// The scenario NanAnalyzers exists to end: a small dense network (5 inputs, 10 ReLU units, 1 output)
// trained with mean squared error on targets scaled by 1e10, with a learning rate far too high, input
// data that contains a NaN and an infinity, standardized features, no gradient clipping, a hand-written
// log-loss metric and a NaN check that can never fire. Run as it is, the loss it prints ends in NaN.
using System;
using System.Globalization;

namespace SeedRegression
{
    public static class Program
    {
        private const int Inputs = 5;
        private const int Hidden = 10;
        private const int Epochs = 10;

        // Far too high for plain SGD on unscaled targets.
        private const double LearningRate = 5.0;

        // Ten rows of five features, as read from a CSV file; two cells are not finite.
        private static readonly string[] Rows =
        {
            "0.42,0.17,0.93,0.08,0.66", "0.25,0.81,0.37,0.59,0.14", "0.77,0.05,0.48,0.91,0.30",
            "0.12,0.64,NaN,0.45,0.83", "0.58,0.29,0.71,0.16,0.97", "0.89,0.52,0.24,0.68,0.41",
            "0.33,0.95,0.60,0.27,Infinity", "0.06,0.38,0.85,0.74,0.19", "0.69,0.13,0.54,0.36,0.88",
            "0.47,0.72,0.09,0.98,0.55",
        };

        public static int Main()
        {
            var rng = new Random(42);
            var x = new double[Rows.Length * Inputs];
            for (int r = 0; r < Rows.Length; r++)
            {
                var cells = Rows[r].Split(',');
                for (int c = 0; c < Inputs; c++)
                {
                    x[r * Inputs + c] = double.Parse(cells[c], CultureInfo.InvariantCulture);
                }
            }

            // Standardize each feature column: (x - mean) / std.
            for (int c = 0; c < Inputs; c++)
            {
                double sum = 0, sumOfSquares = 0;
                for (int r = 0; r < Rows.Length; r++)
                {
                    sum += x[r * Inputs + c];
                }

                double mean = sum / Rows.Length;
                for (int r = 0; r < Rows.Length; r++)
                {
                    double d = x[r * Inputs + c] - mean;
                    sumOfSquares += d * d;
                }

                double std = Math.Sqrt(sumOfSquares / Rows.Length);
                for (int r = 0; r < Rows.Length; r++)
                {
                    x[r * Inputs + c] = (x[r * Inputs + c] - mean) / std;
                }
            }

            // Targets "set far too high": rand() * 1e10.
            var y = new double[Rows.Length];
            for (int r = 0; r < y.Length; r++)
            {
                y[r] = rng.NextDouble() * 1e10;
            }

            // All parameters in one vector: W1 (Hidden x Inputs), b1 (Hidden), w2 (Hidden), b2 (1).
            const int B1 = Hidden * Inputs, W2 = B1 + Hidden, B2 = W2 + Hidden;
            var w = Init(rng, B2 + 1);
            var g = new double[w.Length];

            double loss = 0;
            for (int epoch = 1; epoch <= Epochs; epoch++)
            {
                Array.Clear(g, 0, g.Length);
                loss = 0;
                double logLoss = 0;
                for (int r = 0; r < Rows.Length; r++)
                {
                    var h = new double[Hidden];
                    double prediction = w[B2];
                    for (int j = 0; j < Hidden; j++)
                    {
                        double a = w[B1 + j];
                        for (int i = 0; i < Inputs; i++)
                        {
                            a += w[j * Inputs + i] * x[r * Inputs + i];
                        }

                        h[j] = Math.Max(a, 0);
                        prediction += w[W2 + j] * h[j];
                    }

                    double error = prediction - y[r];
                    loss += error * error / Rows.Length;

                    // A hand-written log-loss of "is the target above 5e9?", as a side metric.
                    double p = Sigmoid(prediction / 1e10);
                    double label = y[r] > 5e9 ? 1 : 0;
                    logLoss += -(label * Math.Log(p) + (1 - label) * Math.Log(1 - p));

                    // Back-propagation of the squared error.
                    double dPrediction = 2 * error / Rows.Length;
                    for (int j = 0; j < Hidden; j++)
                    {
                        g[W2 + j] += dPrediction * h[j];
                        if (h[j] > 0)
                        {
                            double dA = dPrediction * w[W2 + j];
                            g[B1 + j] += dA;
                            for (int i = 0; i < Inputs; i++)
                            {
                                g[j * Inputs + i] += dA * x[r * Inputs + i];
                            }
                        }
                    }

                    g[B2] += dPrediction;
                }

                // Plain SGD: no clipping, whatever the size of the gradient.
                for (int i = 0; i < g.Length; i++)
                {
                    w[i] -= LearningRate * g[i];
                }

                Console.WriteLine(FormattableString.Invariant($"epoch {epoch,2}: loss {loss:G6}, log-loss {logLoss / Rows.Length:G6}"));
                if (loss == double.NaN)
                {
                    Console.WriteLine("training diverged");
                    return 1;
                }
            }

            Console.WriteLine(FormattableString.Invariant($"final loss: {loss:G6}"));
            return 0;
        }

        private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

        private static double[] Init(Random rng, int n)
        {
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                w[i] = (rng.NextDouble() - 0.5) * 0.2;
            }

            return w;
        }
    }
}

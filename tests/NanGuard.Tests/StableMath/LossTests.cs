using System;
using System.Linq;
using CsCheck;
using MathNet.Numerics;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// Sigmoid, LogSigmoid, Softplus, the cross-entropies from logits and their gradients. Ordinary
    /// inputs are |z| &lt;= 20 (where the naive formulas in double are accurate to about 1e-15 relative
    /// when the result is not tiny); the tolerance stated per test.
    /// </summary>
    public sealed class LossTests
    {
        private static readonly Gen<double> Logit = Gen.Double[-20, 20];
        private static readonly Gen<double> Probability = Gen.Double[0, 1];

        private static double NaiveSigmoid(double z) => 1 / (1 + Math.Exp(-z));

        private static void Close(double expected, double actual, double relative, double absolute, string what) =>
            Assert.True(Math.Abs(expected - actual) <= (relative * Math.Abs(expected)) + absolute, $"{what}: expected {expected:R}, got {actual:R}");

        [Fact]
        public void Sigmoid_matches_MathNet_Logistic()
        {
            Gen.Double[-700, 700].Sample(
                z =>
                {
                    Close(SpecialFunctions.Logistic(z), StableMath.Sigmoid(z), 1e-14, 0, "sigmoid");
                    Close(SpecialFunctions.Logistic((float)z), StableMath.Sigmoid((float)z), 6e-8, 1e-44, "float sigmoid");
                },
                iter: 2000,
                threads: 1);
        }

        [Fact]
        public void LogSigmoid_and_Softplus_match_the_naive_formulas_on_ordinary_inputs()
        {
            Logit.Sample(
                z =>
                {
                    Close(Math.Log(NaiveSigmoid(z)), StableMath.LogSigmoid(z), 1e-12, 1e-15, "logsigmoid");
                    Close(Math.Log(1 + Math.Exp(z)), StableMath.Softplus(z), 1e-12, 1e-15, "softplus");
                    Close(Math.Log(1 + Math.Exp(z)), StableMath.Softplus((float)z), 1e-6, 1e-6, "float softplus");
                    Close(Math.Log(NaiveSigmoid(z)), StableMath.LogSigmoid((float)z), 1e-6, 1e-6, "float logsigmoid");
                    // Identities: softplus(z) - softplus(-z) = z, logsigmoid(z) = -softplus(-z).
                    Close(z, StableMath.Softplus(z) - StableMath.Softplus(-z), 0, 1e-14, "softplus identity");
                    Assert.Equal(-StableMath.Softplus(-z), StableMath.LogSigmoid(z));
                },
                iter: 2000,
                threads: 1);
        }

        [Fact]
        public void Scalar_functions_are_finite_for_huge_logits()
        {
            Assert.Equal(-1e300, StableMath.LogSigmoid(-1e300));
            Assert.Equal(0.0, StableMath.LogSigmoid(1e300));
            Assert.Equal(1e300, StableMath.Softplus(1e300));
            Assert.Equal(0.0, StableMath.Softplus(-1e300));
            Assert.Equal(0.0, StableMath.Sigmoid(-1e300));
            Assert.Equal(1.0, StableMath.Sigmoid(1e300));
            Assert.Equal(-1e4f, StableMath.LogSigmoid(-1e4f));
            Assert.Equal(1e4f, StableMath.Softplus(1e4f));
            Assert.Equal(0f, StableMath.Sigmoid(-1e4f));
            Assert.Equal(1f, StableMath.Sigmoid(1e4f));
            Assert.Equal(double.NegativeInfinity, Math.Log(NaiveSigmoid(-1000))); // what the stable form avoids
            Assert.Equal(1000.0, StableMath.Softplus(1000.0));
            Assert.Equal(0.0, StableMath.Sigmoid(double.NegativeInfinity));
            Assert.Equal(double.PositiveInfinity, StableMath.Softplus(double.PositiveInfinity));
        }

        [Fact]
        public void Bce_matches_the_naive_formula_on_ordinary_inputs()
        {
            Gen.Select(Logit, Probability).Sample(
                (z, y) =>
                {
                    // The textbook formula with both probabilities computed directly (1 - sigmoid(z) would
                    // lose digits for z > 15).
                    double naive = -((y * Math.Log(NaiveSigmoid(z))) + ((1 - y) * Math.Log(NaiveSigmoid(-z))));
                    Close(naive, StableMath.BinaryCrossEntropyWithLogits(z, y), 1e-13, 1e-15, "bce");
                    Close(naive, StableMath.BinaryCrossEntropyWithLogits((float)z, (float)y), 1e-5, 1e-5, "float bce");
                    Assert.True(StableMath.BinaryCrossEntropyWithLogits(z, y) >= 0);
                },
                iter: 2000,
                threads: 1);
        }

        [Fact]
        public void Bce_is_finite_for_huge_logits_and_limits_at_infinity()
        {
            Assert.Equal(0.0, StableMath.BinaryCrossEntropyWithLogits(1e300, 1.0));
            Assert.Equal(1e300, StableMath.BinaryCrossEntropyWithLogits(1e300, 0.0));
            Assert.Equal(5e299, StableMath.BinaryCrossEntropyWithLogits(1e300, 0.5));
            Assert.Equal(1e300, StableMath.BinaryCrossEntropyWithLogits(-1e300, 1.0));
            Assert.Equal(0.0, StableMath.BinaryCrossEntropyWithLogits(-1e300, 0.0));
            Assert.Equal(0f, StableMath.BinaryCrossEntropyWithLogits(1e4f, 1f));
            Assert.Equal(1e4f, StableMath.BinaryCrossEntropyWithLogits(-1e4f, 1f));
            Assert.Equal(0.0, StableMath.BinaryCrossEntropyWithLogits(double.PositiveInfinity, 1.0));
            Assert.Equal(double.PositiveInfinity, StableMath.BinaryCrossEntropyWithLogits(double.PositiveInfinity, 0.5));
            Assert.Equal(0.0, StableMath.BinaryCrossEntropyWithLogits(double.NegativeInfinity, 0.0));
            Assert.True(double.IsFinite(StableMath.BinaryCrossEntropyWithLogits(new[] { double.MaxValue, double.MaxValue }, new[] { 0.0, 0.0 })));
        }

        [Fact]
        public void Bce_rejects_bad_targets_and_NaN()
        {
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.BinaryCrossEntropyWithLogits(0.0, 1.5)).ParamName);
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.BinaryCrossEntropyWithLogits(0f, -0.1f)).ParamName);
            Assert.Equal("target", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(0.0, double.NaN)).ParamName);
            Assert.Equal("logit", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(double.NaN, 0.0)).ParamName);
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.BinaryCrossEntropyWithLogits(new[] { 0.0, 0.0 }, new[] { 0.0, 2.0 }));
            Assert.Equal("targets", e.ParamName);
            Assert.Contains("targets[1]", e.Message);
            Assert.Contains("logits[1]", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(new[] { 0f, float.NaN }, new[] { 0f, 1f })).Message);
            Assert.Equal("targets", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(new double[2], new double[3])).ParamName);
            Assert.Equal("logits", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty)).ParamName);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.BinaryCrossEntropyWithLogits(new double[2], new double[2], new double[1])).ParamName);
        }

        [Fact]
        public void Bce_span_versions_agree_with_the_scalar()
        {
            Gen.Select(Logit, Probability).Array[1, 50].Sample(
                pairs =>
                {
                    double[] z = pairs.Select(p => p.Item1).ToArray();
                    double[] y = pairs.Select(p => p.Item2).ToArray();
                    double[] each = new double[z.Length];
                    StableMath.BinaryCrossEntropyWithLogits(z, y, each);
                    for (int i = 0; i < z.Length; i++)
                    {
                        Assert.Equal(StableMath.BinaryCrossEntropyWithLogits(z[i], y[i]), each[i]);
                    }

                    Assert.Equal(each.Average(), StableMath.BinaryCrossEntropyWithLogits(z, y), 1e-12);
                    float[] zf = z.Select(v => (float)v).ToArray();
                    float[] yf = y.Select(v => (float)v).ToArray();
                    float[] eachF = new float[z.Length];
                    StableMath.BinaryCrossEntropyWithLogits(zf, yf, eachF);
                    Assert.Equal(eachF.Average(), StableMath.BinaryCrossEntropyWithLogits(zf, yf), 1e-4);

                    double[] grad = new double[z.Length];
                    StableMath.BinaryCrossEntropyWithLogitsBackward(z, y, grad);
                    float[] gradF = new float[z.Length];
                    StableMath.BinaryCrossEntropyWithLogitsBackward(zf, yf, gradF);
                    for (int i = 0; i < z.Length; i++)
                    {
                        Assert.Equal(StableMath.Sigmoid(z[i]) - y[i], grad[i]);
                        Assert.Equal(grad[i], StableMath.BinaryCrossEntropyWithLogitsBackward(z[i], y[i]));
                        Assert.Equal(grad[i], gradF[i], 1e-5);
                    }
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void Bce_gradient_matches_finite_differences()
        {
            Gen.Select(Gen.Double[-10, 10], Probability).Sample(
                (z, y) =>
                {
                    const double h = 1e-6;
                    double numeric = (StableMath.BinaryCrossEntropyWithLogits(z + h, y) - StableMath.BinaryCrossEntropyWithLogits(z - h, y)) / (2 * h);
                    Assert.Equal(numeric, StableMath.BinaryCrossEntropyWithLogitsBackward(z, y), 1e-6);
                },
                iter: 500,
                threads: 1);
        }

        [Fact]
        public void Cross_entropy_with_class_index_is_minus_log_softmax()
        {
            Gen.Double[-30, 30].Array[1, 300].SelectMany(x => Gen.Int[0, x.Length - 1].Select(t => (x, t))).Sample(
                (x, t) =>
                {
                    double naive = -Math.Log(Math.Exp(x[t]) / x.Sum(Math.Exp));
                    double loss = StableMath.CrossEntropyWithLogits(x, t);
                    Assert.True(Math.Abs(naive - loss) <= 1e-12 * (Math.Abs(naive) + 30), $"{naive} vs {loss}");
                    double[] ls = new double[x.Length];
                    StableMath.LogSoftmax(x, ls);
                    Assert.Equal(-ls[t], loss, 1e-12);
                    float lossF = StableMath.CrossEntropyWithLogits(x.Select(v => (float)v).ToArray(), t);
                    Assert.True(Math.Abs(naive - lossF) <= 1e-5 * (Math.Abs(naive) + 30));

                    // One-hot probability targets give the same loss.
                    double[] onehot = new double[x.Length];
                    onehot[t] = 1;
                    Assert.Equal(loss, StableMath.CrossEntropyWithLogits(x, onehot), 1e-12);
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void Cross_entropy_is_finite_for_huge_logits()
        {
            double[] x = { 1e300, -1e300, 0 };
            Assert.Equal(0.0, StableMath.CrossEntropyWithLogits(x, 0));
            Assert.Equal(2e300, StableMath.CrossEntropyWithLogits(x, 1));
            Assert.Equal(1e300, StableMath.CrossEntropyWithLogits(x, 2));
            float[] xf = { 1e4f, -1e4f, 1e4f };
            Assert.Equal(MathF.Log(2f), StableMath.CrossEntropyWithLogits(xf, 0), 1e-6);
            Assert.Equal(2e4 + Math.Log(2), StableMath.CrossEntropyWithLogits(xf, 1), 0.01);
            Assert.Equal(1.5e300, StableMath.CrossEntropyWithLogits(x, new[] { 0.0, 0.5, 0.5 }), 1e285);
            // A zero target on a -inf logit contributes 0, not 0 * inf = NaN.
            Assert.Equal(0.0, StableMath.CrossEntropyWithLogits(new[] { 0.0, double.NegativeInfinity }, new[] { 1.0, 0.0 }));
            Assert.Equal(double.PositiveInfinity, StableMath.CrossEntropyWithLogits(new[] { 0.0, double.NegativeInfinity }, 1));
        }

        [Fact]
        public void Cross_entropy_rejects_bad_input()
        {
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.CrossEntropyWithLogits(new double[3], 3)).ParamName);
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.CrossEntropyWithLogits(new float[3], -1)).ParamName);
            Assert.Equal("logits", Assert.Throws<ArgumentException>(() => StableMath.CrossEntropyWithLogits(ReadOnlySpan<double>.Empty, 0)).ParamName);
            Assert.Equal("targets", Assert.Throws<ArgumentException>(() => StableMath.CrossEntropyWithLogits(new double[3], new double[2])).ParamName);
            Assert.Contains("targets[1]", Assert.Throws<ArgumentException>(() => StableMath.CrossEntropyWithLogits(new double[3], new[] { 0.5, -0.5, 1.0 })).Message);
            Assert.Contains("logits[0]", Assert.Throws<ArgumentException>(() => StableMath.CrossEntropyWithLogits(new[] { double.NaN, 0 }, 1)).Message);
            Assert.Throws<ArgumentException>(() => StableMath.CrossEntropyWithLogits(new[] { double.PositiveInfinity, 0 }, 0));
            Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => StableMath.SoftmaxCrossEntropyBackward(new double[2], 2, new double[2])).ParamName);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.SoftmaxCrossEntropyBackward(new double[2], 1, new double[3])).ParamName);
            double[] shared = new double[2];
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.SoftmaxCrossEntropyBackward(new double[2], shared, shared)).ParamName);
        }

        [Fact]
        public void Softmax_cross_entropy_backward_is_softmax_minus_target_and_matches_finite_differences()
        {
            Gen.Double[-10, 10].Array[2, 20].SelectMany(x => Gen.Int[0, x.Length - 1].Select(t => (x, t))).Sample(
                (x, t) =>
                {
                    double[] grad = new double[x.Length];
                    StableMath.SoftmaxCrossEntropyBackward(x, t, grad);
                    double[] p = new double[x.Length];
                    StableMath.Softmax(x, p);
                    Assert.Equal(0.0, grad.Sum(), 1e-12);
                    for (int i = 0; i < x.Length; i++)
                    {
                        Assert.Equal(p[i] - (i == t ? 1 : 0), grad[i], 1e-15);
                        const double h = 1e-6;
                        double[] up = (double[])x.Clone();
                        double[] down = (double[])x.Clone();
                        up[i] += h;
                        down[i] -= h;
                        double numeric = (StableMath.CrossEntropyWithLogits(up, t) - StableMath.CrossEntropyWithLogits(down, t)) / (2 * h);
                        Assert.Equal(numeric, grad[i], 1e-6);
                    }

                    // Probability targets: the one-hot case equals the index case; the float version agrees.
                    double[] onehot = new double[x.Length];
                    onehot[t] = 1;
                    double[] gradP = new double[x.Length];
                    StableMath.SoftmaxCrossEntropyBackward(x, onehot, gradP);
                    float[] gradF = new float[x.Length];
                    StableMath.SoftmaxCrossEntropyBackward(x.Select(v => (float)v).ToArray(), t, gradF);
                    float[] gradFP = new float[x.Length];
                    StableMath.SoftmaxCrossEntropyBackward(x.Select(v => (float)v).ToArray(), onehot.Select(v => (float)v).ToArray(), gradFP);
                    for (int i = 0; i < x.Length; i++)
                    {
                        Assert.Equal(grad[i], gradP[i], 1e-15);
                        Assert.Equal(grad[i], gradF[i], 1e-5);
                        Assert.Equal(grad[i], gradFP[i], 1e-5);
                    }
                },
                iter: 200,
                threads: 1);
        }

        [Fact]
        public void Soft_target_backward_matches_finite_differences()
        {
            double[] x = { 0.3, -1.2, 2.5, 0.0 };
            double[] y = { 0.1, 0.2, 0.6, 0.1 };
            double[] grad = new double[4];
            StableMath.SoftmaxCrossEntropyBackward(x, y, grad);
            for (int i = 0; i < x.Length; i++)
            {
                const double h = 1e-6;
                double[] up = (double[])x.Clone();
                double[] down = (double[])x.Clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (StableMath.CrossEntropyWithLogits(up, y) - StableMath.CrossEntropyWithLogits(down, y)) / (2 * h);
                Assert.Equal(numeric, grad[i], 1e-6);
            }
        }

        [Fact]
        public void Span_sigmoid_family_agrees_with_the_scalar_and_rejects_bad_input()
        {
            Gen.Double[-800, 800].Array[0, 40].Sample(
                x =>
                {
                    double[] s = new double[x.Length], ls = new double[x.Length], sp = new double[x.Length];
                    StableMath.Sigmoid(x, s);
                    StableMath.LogSigmoid(x, ls);
                    StableMath.Softplus(x, sp);
                    float[] xf = x.Select(v => (float)v).ToArray();
                    float[] sf = new float[x.Length];
                    StableMath.Sigmoid(xf, sf);
                    float[] lsf = new float[x.Length];
                    StableMath.LogSigmoid(xf, lsf);
                    float[] spf = (float[])xf.Clone();
                    StableMath.Softplus(spf, spf); // in place
                    for (int i = 0; i < x.Length; i++)
                    {
                        Assert.Equal(StableMath.Sigmoid(x[i]), s[i]);
                        Assert.Equal(StableMath.LogSigmoid(x[i]), ls[i]);
                        Assert.Equal(StableMath.Softplus(x[i]), sp[i]);
                        Assert.Equal(StableMath.Sigmoid(xf[i]), sf[i]);
                        Assert.Equal(StableMath.LogSigmoid(xf[i]), lsf[i]);
                        Assert.Equal(StableMath.Softplus(xf[i]), spf[i]);
                    }
                },
                iter: 200,
                threads: 1);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.Sigmoid(new double[2], new double[1])).ParamName);
            double[] bad = { 0, double.NaN };
            double[] dest = { 7, 7 };
            Assert.Contains("x[1]", Assert.Throws<ArgumentException>(() => StableMath.Softplus(bad, dest)).Message);
            Assert.Equal(new double[] { 7, 7 }, dest); // nothing written
            Assert.Equal("z", Assert.Throws<ArgumentException>(() => StableMath.Sigmoid(float.NaN)).ParamName);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using CsCheck;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// Softmax, LogSoftmax and LogSumExp. Tolerances on ordinary inputs (|x| &lt;= 30, the naive formula
    /// computed in double as the reference): double 1e-13 relative (measured about 2e-15),
    /// float 2e-6 relative (measured about 5e-7).
    /// </summary>
    public sealed class SoftmaxFamilyTests
    {
        private const double DoubleTolerance = 1e-13;
        private const double SingleTolerance = 2e-6;

        // Lengths across the 256-element chunks of the vectorized sums.
        private static readonly Gen<double[]> Moderate = Gen.Double[-30, 30].Array[1, 600];

        private static double[] NaiveSoftmax(double[] x)
        {
            double[] e = x.Select(Math.Exp).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }

        private static void AssertClose(double expected, double actual, double relative, string what)
        {
            double scale = Math.Max(Math.Abs(expected), 1e-300);
            Assert.True(Math.Abs(expected - actual) <= relative * scale, $"{what}: expected {expected:R}, got {actual:R}");
        }

        [Fact]
        public void Softmax_matches_the_naive_formula_on_ordinary_inputs()
        {
            Moderate.Sample(
                x =>
                {
                    double[] expected = NaiveSoftmax(x);
                    double[] actual = new double[x.Length];
                    StableMath.Softmax(x, actual);
                    for (int i = 0; i < x.Length; i++)
                    {
                        AssertClose(expected[i], actual[i], DoubleTolerance, $"softmax[{i}]");
                    }

                    float[] xf = x.Select(v => (float)v).ToArray();
                    float[] af = new float[x.Length];
                    StableMath.Softmax(xf, af);
                    double[] expectedF = NaiveSoftmax(xf.Select(v => (double)v).ToArray());
                    for (int i = 0; i < x.Length; i++)
                    {
                        // Float rounding of x[i] - max alone costs |x[i] - max| * 2^-24 relative.
                        double tolerance = SingleTolerance + (Math.Abs(xf[i] - xf.Max()) * 1.2e-7);
                        Assert.True(Math.Abs(expectedF[i] - af[i]) <= (tolerance * expectedF[i]) + 1e-37, $"float softmax[{i}]: {expectedF[i]} vs {af[i]}");
                    }
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void TensorPrimitives_SoftMax_is_NaN_where_ours_is_not()
        {
            float[] x = { 1000f, 1000f, 999f };
            float[] theirs = new float[3];
            TensorPrimitives.SoftMax(x, theirs);
            Assert.All(theirs, v => Assert.True(float.IsNaN(v)));

            float[] ours = new float[3];
            StableMath.Softmax(x, ours);
            float e = MathF.Exp(-1f);
            Assert.Equal(1f / (2f + e), ours[0], 1e-6);
            Assert.Equal(1f / (2f + e), ours[1], 1e-6);
            Assert.Equal(e / (2f + e), ours[2], 1e-6);
        }

        [Fact]
        public void Softmax_family_is_finite_for_huge_logits()
        {
            double[] x = { 1e300, -1e300, 0, 1e300, double.MaxValue, -double.MaxValue };
            double[] p = new double[x.Length];
            StableMath.Softmax(x, p);
            Assert.All(p, v => Assert.True(double.IsFinite(v)));
            Assert.Equal(1.0, p[4]);
            Assert.Equal(0.0, p[0]);

            double[] lp = new double[x.Length];
            StableMath.LogSoftmax(x, lp);
            Assert.Equal(0.0, lp[4]);
            Assert.Equal(-double.MaxValue + 1e300, lp[0]);
            Assert.Equal(double.NegativeInfinity, lp[5]); // -MaxValue - MaxValue: the true value is below -MaxValue
            Assert.Equal(-double.MaxValue, lp[2]);
            StableMath.LogSoftmax(new[] { 1e300, -1e300, 0 }, lp.AsSpan(0, 3));
            Assert.Equal(new[] { 0.0, -2e300, -1e300 }, lp.Take(3));

            Assert.Equal(1e300, StableMath.LogSumExp(new[] { 1e300, -1e300, 0.0 }));
            Assert.Equal(1e300 + Math.Log(2), StableMath.LogSumExp(new[] { 1e300, 1e300 }));

            float[] xf = { 1e4f, -1e4f, 0f, 1e4f };
            float[] pf = new float[4];
            StableMath.Softmax(xf, pf);
            Assert.Equal(new[] { 0.5f, 0f, 0f, 0.5f }, pf);
            StableMath.LogSoftmax(xf, pf);
            Assert.Equal(-MathF.Log(2f), pf[0], 1e-6);
            Assert.Equal(-2e4f - MathF.Log(2f), pf[1], 0.5);
            Assert.Equal(1e4f + MathF.Log(2f), StableMath.LogSumExp(xf), 0.5);
        }

        [Fact]
        public void LogSoftmax_matches_log_of_the_naive_softmax()
        {
            Moderate.Sample(
                x =>
                {
                    double[] expected = NaiveSoftmax(x).Select(v => Math.Log(v)).ToArray();
                    double[] actual = new double[x.Length];
                    StableMath.LogSoftmax(x, actual);
                    double lse = Math.Log(x.Sum(Math.Exp));
                    for (int i = 0; i < x.Length; i++)
                    {
                        // Absolute tolerance relative to the terms x[i] and lse that are subtracted.
                        Assert.True(Math.Abs(expected[i] - actual[i]) <= DoubleTolerance * (Math.Abs(x[i]) + Math.Abs(lse) + 1), $"logsoftmax[{i}]");
                    }

                    float[] xf = x.Select(v => (float)v).ToArray();
                    float[] af = new float[x.Length];
                    StableMath.LogSoftmax(xf, af);
                    for (int i = 0; i < x.Length; i++)
                    {
                        Assert.True(Math.Abs(expected[i] - af[i]) <= (SingleTolerance * (Math.Abs(x[i]) + Math.Abs(lse) + 1)) + 1e-5, $"float logsoftmax[{i}]");
                    }
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void LogSumExp_matches_the_naive_formula_and_every_overload_agrees()
        {
            Moderate.Sample(
                x =>
                {
                    // The naive reference itself has an absolute error of about 1e-16 * (|result| + 1),
                    // so the check is absolute near 0 and relative elsewhere.
                    double expected = Math.Log(x.Sum(Math.Exp));
                    double scale = Math.Abs(expected) + 1;
                    Assert.True(Math.Abs(expected - StableMath.LogSumExp(x)) <= DoubleTolerance * scale, "array");
                    Assert.True(Math.Abs(expected - StableMath.LogSumExp((ReadOnlySpan<double>)x)) <= DoubleTolerance * scale, "span");
                    Assert.True(Math.Abs(expected - StableMath.LogSumExp(new List<double>(x))) <= DoubleTolerance * scale, "list");
                    Assert.True(Math.Abs(expected - StableMath.LogSumExp(x.Select(v => v))) <= DoubleTolerance * scale, "LINQ");
                    float[] xf = x.Select(v => (float)v).ToArray();
                    double expectedF = Math.Log(xf.Sum(v => Math.Exp(v)));
                    Assert.True(Math.Abs(expectedF - StableMath.LogSumExp(xf)) <= SingleTolerance * (Math.Abs(expectedF) + 1));
                },
                iter: 300,
                threads: 1);
        }

        [Fact]
        public void LogSumExp_keeps_tiny_contributions()
        {
            // log(e^0 + e^-50) = log1p(e^-50) = 1.9287498479639178e-22; the naive form gives 0.
            double expected = Math.Exp(-50) - (Math.Exp(-100) / 2);
            Assert.Equal(0.0, Math.Log(Math.Exp(0) + Math.Exp(-50)));
            AssertClose(expected, StableMath.LogSumExp(new[] { 0.0, -50.0 }), 1e-15, "tiny");
            AssertClose(expected, StableMath.LogSumExp(new List<double> { -50.0, 0.0 }), 1e-15, "tiny");
            AssertClose(expected, StableMath.LogSumExp(new List<double> { 0.0, -50.0 }), 1e-15, "tiny");
        }

        [Fact]
        public void LogSumExp_of_empty_is_negative_infinity_and_infinities_are_limits()
        {
            Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp(Array.Empty<double>()));
            Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp(ReadOnlySpan<double>.Empty));
            Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp(new List<double>()));
            Assert.Equal(float.NegativeInfinity, StableMath.LogSumExp(Array.Empty<float>()));
            Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp(new[] { double.NegativeInfinity, double.NegativeInfinity }));
            Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp(new List<double> { double.NegativeInfinity }));
            Assert.Equal(double.PositiveInfinity, StableMath.LogSumExp(new[] { 1.0, double.PositiveInfinity }));
            Assert.Equal(double.PositiveInfinity, StableMath.LogSumExp(new List<double> { double.PositiveInfinity, 1.0 }));
            Assert.Equal(3.0, StableMath.LogSumExp(new[] { double.NegativeInfinity, 3.0 }));
            Assert.Equal(3.0, StableMath.LogSumExp(new List<double> { double.NegativeInfinity, 3.0, double.NegativeInfinity }));
        }

        [Fact]
        public void NaN_is_rejected_naming_the_parameter_and_index()
        {
            double[] x = { 1, 2, double.NaN, 4 };
            var e1 = Assert.Throws<ArgumentException>(() => StableMath.Softmax(x, new double[4]));
            Assert.Equal("x", e1.ParamName);
            Assert.Contains("x[2]", e1.Message);
            var e2 = Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(x));
            Assert.Equal("values", e2.ParamName);
            Assert.Contains("[2]", e2.Message);
            var e3 = Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(new List<double>(x)));
            Assert.Equal("values", e3.ParamName);
            Assert.Contains("[2]", e3.Message);
            Assert.Throws<ArgumentException>(() => StableMath.LogSumExp(new List<double> { double.PositiveInfinity, double.NaN }));
            Assert.Throws<ArgumentException>(() => StableMath.LogSoftmax(new[] { 1f, float.NaN }, new float[2]));
            Assert.Contains("x[1]", Assert.Throws<ArgumentException>(() => StableMath.Softmax(new[] { 1f, float.NaN }, new float[2])).Message);
        }

        [Fact]
        public void Undefined_softmax_inputs_are_rejected()
        {
            Assert.Contains("x[1]", Assert.Throws<ArgumentException>(() => StableMath.Softmax(new[] { 1.0, double.PositiveInfinity }, new double[2])).Message);
            Assert.Throws<ArgumentException>(() => StableMath.Softmax(new[] { double.NegativeInfinity, double.NegativeInfinity }, new double[2]));
            Assert.Throws<ArgumentException>(() => StableMath.LogSoftmax(new[] { float.PositiveInfinity }, new float[1]));
            Assert.Throws<ArgumentException>(() => StableMath.LogSoftmax(new[] { float.NegativeInfinity }, new float[1]));
        }

        [Fact]
        public void Destination_length_and_overlap_are_checked()
        {
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.Softmax(new double[3], new double[2])).ParamName);
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.LogSoftmax(new float[3], new float[4])).ParamName);
            double[] buffer = { 1, 2, 3, 4 };
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => StableMath.Softmax(buffer.AsSpan(0, 3), buffer.AsSpan(1, 3))).ParamName);
        }

        [Fact]
        public void Empty_softmax_is_a_no_op_and_in_place_works()
        {
            StableMath.Softmax(ReadOnlySpan<double>.Empty, Span<double>.Empty);
            StableMath.LogSoftmax(ReadOnlySpan<float>.Empty, Span<float>.Empty);

            double[] x = { 1, 2, 3, double.NegativeInfinity };
            double[] copy = (double[])x.Clone();
            double[] expected = new double[4];
            StableMath.Softmax(copy, expected);
            StableMath.Softmax(x, x);
            Assert.Equal(expected, x);
            Assert.Equal(0.0, x[3]);

            float[] y = { 1, 2, 3 };
            float[] expectedLog = new float[3];
            StableMath.LogSoftmax(y, expectedLog);
            StableMath.LogSoftmax(y, y);
            Assert.Equal(expectedLog, y);
        }

        [Fact]
        public void Softmax_sums_to_one_and_is_shift_invariant()
        {
            Gen.Select(Moderate, Gen.Double[-1e6, 1e6]).Sample(
                (x, shift) =>
                {
                    double[] p = new double[x.Length];
                    StableMath.Softmax(x, p);
                    Assert.Equal(1.0, p.Sum(), 1e-12);
                    double[] shifted = x.Select(v => v + shift).ToArray();
                    double[] q = new double[x.Length];
                    StableMath.Softmax(shifted, q);
                    for (int i = 0; i < p.Length; i++)
                    {
                        // x + shift rounds: the error is |shift| ulp-sized in the exponent.
                        Assert.True(Math.Abs(p[i] - q[i]) <= (p[i] * (1e-9 + (Math.Abs(shift) * 1e-15))) + 1e-300);
                    }
                },
                iter: 200,
                threads: 1);
        }
    }
}

using System;
using System.Linq;
using CsCheck;
using Xunit;

namespace NanGuard.Tests.Robustness
{
    /// <summary>
    /// Property tests (CsCheck, fixed iteration counts) of the span overloads, which reflection cannot call:
    /// arrays mixing ordinary values with NaN, ±inf, subnormals, ±MaxValue and zeros, empty and mismatched
    /// spans. Each property states the documented contract: the documented exception, or a result with no
    /// NaN where the contract promises a finite one.
    /// </summary>
    public class SpanPropertyTests
    {
        private const long Iterations = 4000;

        private static readonly Gen<double> HostileDouble = Gen.Frequency(
            (4, Gen.Double[-20, 20]),
            (2, Gen.OneOf(HostileValues.Doubles)),
            (1, Gen.Double));

        private static readonly Gen<float> HostileFloat = Gen.Frequency(
            (4, Gen.Float[-20, 20]),
            (2, Gen.OneOf(HostileValues.Floats)),
            (1, Gen.Float));

        private static readonly Gen<double[]> Doubles = HostileDouble.Array[0, 70];

        private static readonly Gen<float[]> Floats = HostileFloat.Array[0, 70];

        /// <summary>Mostly finite arrays (the case where a finite result is promised), with hostile finite values.</summary>
        private static readonly Gen<double[]> FiniteDoubles = HostileDouble.Where(double.IsFinite).Array[0, 70];

        private static readonly Gen<float[]> FiniteFloats = HostileFloat.Where(float.IsFinite).Array[0, 70];

        [Fact]
        public void FinitenessChecksAgreeWithALoopAndNameTheFirstBadIndex()
        {
            Doubles.Sample(x =>
            {
                int first = Array.FindIndex(x, v => !double.IsFinite(v));
                Assert.Equal(first < 0, InputValidation.IsAllFinite((ReadOnlySpan<double>)x));
                Assert.Equal(x.Count(v => !double.IsFinite(v)), InputValidation.CountNonFinite((ReadOnlySpan<double>)x));
                var e = Record.Exception(() => InputValidation.EnsureFinite((ReadOnlySpan<double>)x, "x"));
                if (first < 0)
                {
                    Assert.Null(e);
                }
                else
                {
                    var nonFinite = Assert.IsType<NonFiniteValueException>(e);
                    Assert.Equal("x", nonFinite.ParamName);
                    Assert.Equal(first, nonFinite.Index);
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O2");

            Floats.Sample(x =>
            {
                int first = Array.FindIndex(x, v => !float.IsFinite(v));
                Assert.Equal(first < 0, InputValidation.IsAllFinite((ReadOnlySpan<float>)x));
                Assert.Equal(x.Count(v => !float.IsFinite(v)), InputValidation.CountNonFinite((ReadOnlySpan<float>)x));
                var e = Record.Exception(() => InputValidation.EnsureFinite((ReadOnlySpan<float>)x, "x"));
                if (first < 0)
                {
                    Assert.Null(e);
                }
                else
                {
                    Assert.Equal(first, Assert.IsType<NonFiniteValueException>(e).Index);
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O3");
        }

        [Fact]
        public void NanToNumLeavesOnlyFiniteValuesAndKeepsTheFiniteOnes()
        {
            Doubles.Sample(x =>
            {
                var y = (double[])x.Clone();
                InputValidation.NanToNum((Span<double>)y);
                for (int i = 0; i < x.Length; i++)
                {
                    Assert.True(double.IsFinite(y[i]), $"element {i}: {x[i]} became {y[i]}");
                    if (double.IsFinite(x[i]))
                    {
                        Assert.Equal(x[i], y[i]);
                    }
                }
            }, iter: Iterations, seed: "0N0XIzNsQ111");

            Floats.Sample(x =>
            {
                var y = (float[])x.Clone();
                InputValidation.NanToNum((Span<float>)y);
                for (int i = 0; i < x.Length; i++)
                {
                    Assert.True(float.IsFinite(y[i]), $"element {i}: {x[i]} became {y[i]}");
                }
            }, iter: Iterations, seed: "0N0XIzNsQ112");
        }

        [Fact]
        public void ClipByGlobalNormRejectsBadArgumentsAndLeavesFiniteGradientsFiniteAndBounded()
        {
            var maxNorms = Gen.Frequency((4, Gen.Double[1e-6, 100]), (1, Gen.OneOf(HostileValues.Doubles)));
            Gen.Select(Doubles, maxNorms, Gen.Bool).Sample((x, maxNorm, errorIfNonFinite) =>
            {
                var g = (double[])x.Clone();
                bool finite = x.All(double.IsFinite);
                var e = Record.Exception(() => { _ = GradientClipping.ClipByGlobalNorm((Span<double>)g, maxNorm, 2.0, errorIfNonFinite); });
                if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                if (!finite && errorIfNonFinite)
                {
                    Assert.IsType<NonFiniteValueException>(e);
                    return;
                }

                Assert.Null(e);
                double norm = GradientClipping.ClipByGlobalNorm((Span<double>)(double[])x.Clone(), maxNorm);
                for (int i = 0; i < x.Length; i++)
                {
                    if (double.IsFinite(x[i]))
                    {
                        Assert.False(double.IsNaN(g[i]), $"element {i} ({x[i]}) became NaN; norm {norm}, maxNorm {maxNorm}");
                    }
                }

                if (finite)
                {
                    Assert.False(double.IsNaN(norm), "the norm of finite gradients is NaN");
                    Assert.True(g.All(double.IsFinite));
                    // The same reported finding as for floats below: a subnormal double scale factor
                    // (maxNorm / norm under 2.2e-308) keeps few bits; that regime is excluded.
                    if (maxNorm / ScaledNorm(x) >= 2.3e-308)
                    {
                        Assert.True(ScaledNorm(g) <= maxNorm * (1 + 1e-9) + 1e-300, $"norm after clipping {ScaledNorm(g)} > {maxNorm}");
                    }
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O4");

            Gen.Select(Floats, maxNorms).Sample((x, maxNorm) =>
            {
                var g = (float[])x.Clone();
                bool finite = x.All(float.IsFinite);
                var e = Record.Exception(() => { _ = GradientClipping.ClipByGlobalNorm((Span<float>)g, maxNorm); });
                if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                if (finite)
                {
                    Assert.True(g.All(float.IsFinite), "clipping finite float gradients made a non-finite one: " + string.Join(", ", x));

                    // Reported finding, excluded here: when maxNorm / norm is below float's smallest normal
                    // (1.2e-38, e.g. a 3.4e38f gradient clipped to 5e-4), the float scale factor is subnormal and
                    // keeps only a few bits, so the clipped norm can exceed maxNorm by far more than float rounding.
                    double norm = ScaledNorm(x.Select(v => (double)v).ToArray());
                    if (maxNorm / norm >= 1.2e-38)
                    {
                        Assert.True(ScaledNorm(g.Select(v => (double)v).ToArray()) <= maxNorm * (1 + 1e-5) + 1e-30, "norm after clipping above maxNorm");
                    }
                }
                else
                {
                    Assert.True(x.Zip(g).All(p => !float.IsFinite(p.First) || !float.IsNaN(p.Second)));
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O5");
        }

        [Fact]
        public void ClipByValueRejectsBadLimitsAndClampsFiniteValues()
        {
            var limits = Gen.Frequency((4, Gen.Double[1e-6, 100]), (1, Gen.OneOf(HostileValues.Doubles)));
            Gen.Select(Doubles, limits).Sample((x, clip) =>
            {
                var g = (double[])x.Clone();
                var e = Record.Exception(() => GradientClipping.ClipByValue((Span<double>)g, clip));
                if (!(clip > 0) || !double.IsFinite(clip))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                for (int i = 0; i < x.Length; i++)
                {
                    if (!double.IsNaN(x[i]))
                    {
                        Assert.InRange(g[i], -clip, clip);
                    }
                }
            }, iter: Iterations, seed: "0N0XIzNsQ113");

            Gen.Select(Floats, limits).Sample((x, clip) =>
            {
                var g = (float[])x.Clone();
                var e = Record.Exception(() => GradientClipping.ClipByValue((Span<float>)g, clip));
                if (!(clip > 0) || !double.IsFinite(clip))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                float limit = (float)clip;
                Assert.True(x.Zip(g).All(p => float.IsNaN(p.First) || (p.Second >= -limit && p.Second <= limit)));
            }, iter: Iterations, seed: "0N0XIzNsQ114");
        }

        [Fact]
        public void SoftmaxIsAProbabilityVectorOrTheDocumentedArgumentException()
        {
            Doubles.Sample(x =>
            {
                var p = new double[x.Length];
                var e = Record.Exception(() => StableMath.Softmax(x, p));
                if (x.Any(v => double.IsNaN(v) || double.IsPositiveInfinity(v)) || (x.Length > 0 && x.All(double.IsNegativeInfinity)))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                Assert.All(p, v => Assert.InRange(v, 0.0, 1.0));
                if (x.Length > 0)
                {
                    Assert.InRange(p.Sum(), 1 - 1e-9, 1 + 1e-9);
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O6");

            Floats.Sample(x =>
            {
                var p = new float[x.Length];
                var e = Record.Exception(() => StableMath.Softmax(x, p));
                if (x.Any(v => float.IsNaN(v) || float.IsPositiveInfinity(v)) || (x.Length > 0 && x.All(float.IsNegativeInfinity)))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                Assert.All(p, v => Assert.InRange(v, 0f, 1f));
                if (x.Length > 0)
                {
                    Assert.InRange(p.Sum(v => (double)v), 1 - 1e-4, 1 + 1e-4);
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O7");
        }

        [Fact]
        public void LogSoftmaxHasNoNaNAndNoPositiveValue()
        {
            Doubles.Sample(x =>
            {
                var y = new double[x.Length];
                var e = Record.Exception(() => StableMath.LogSoftmax(x, y));
                if (x.Any(v => double.IsNaN(v) || double.IsPositiveInfinity(v)) || (x.Length > 0 && x.All(double.IsNegativeInfinity)))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                Assert.All(y, v => Assert.False(double.IsNaN(v) || v > 1e-12, "log-probability " + v));
                for (int i = 0; i < x.Length; i++)
                {
                    // Documented: finite wherever x[i] is finite.
                    if (double.IsFinite(x[i]) && x.All(double.IsFinite) && x.Max() - x.Min() < 1e300)
                    {
                        Assert.True(double.IsFinite(y[i]), $"log-softmax of finite x[{i}] = {x[i]} is {y[i]}");
                    }
                }
            }, iter: Iterations, seed: "0N0XIzNsQ115");

            Floats.Sample(x =>
            {
                var y = new float[x.Length];
                var e = Record.Exception(() => StableMath.LogSoftmax(x, y));
                if (x.Any(v => float.IsNaN(v) || float.IsPositiveInfinity(v)) || (x.Length > 0 && x.All(float.IsNegativeInfinity)))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                Assert.All(y, v => Assert.False(float.IsNaN(v) || v > 1e-6f, "log-probability " + v));
            }, iter: Iterations, seed: "0N0XIzNsQ116");
        }

        [Fact]
        public void LogSumExpIsNeverNaNForNaNFreeInputAndAtLeastTheMaximum()
        {
            Doubles.Sample(x =>
            {
                var e = Record.Exception(() => { _ = StableMath.LogSumExp((ReadOnlySpan<double>)x); });
                if (x.Any(double.IsNaN))
                {
                    Assert.IsAssignableFrom<ArgumentException>(e);
                    return;
                }

                Assert.Null(e);
                double r = StableMath.LogSumExp((ReadOnlySpan<double>)x);
                Assert.False(double.IsNaN(r));
                if (x.Length == 0)
                {
                    Assert.Equal(double.NegativeInfinity, r);
                }
                else
                {
                    Assert.True(r >= x.Max(), $"LogSumExp {r} < max {x.Max()}");
                    Assert.True(r <= x.Max() + Math.Log(x.Length) + 1e-9 || double.IsInfinity(x.Max()), $"LogSumExp {r} > max + log n");
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O8");

            FiniteFloats.Sample(x =>
            {
                float r = StableMath.LogSumExp((ReadOnlySpan<float>)x);
                Assert.False(float.IsNaN(r));
                if (x.Length > 0)
                {
                    Assert.True(r >= x.Max() || float.IsPositiveInfinity(r), $"LogSumExp {r} < max {x.Max()}");
                }
            }, iter: Iterations, seed: "0N0XIzNsQ117");
        }

        [Fact]
        public void MismatchedAndOverlappingSpansThrowArgumentException()
        {
            Gen.Select(FiniteDoubles, Gen.Int[-3, 3]).Where((x, d) => d != 0 && x.Length + d >= 0).Sample((x, d) =>
            {
                var destination = new double[x.Length + d];
                Assert.ThrowsAny<ArgumentException>(() => StableMath.Softmax(x, destination));
                Assert.ThrowsAny<ArgumentException>(() => StableMath.LogSoftmax(x, destination));
            }, iter: 500, seed: "0N0XIzNsQ118");

            Gen.Select(FiniteFloats, Gen.Int[-3, 3]).Where((x, d) => d != 0 && x.Length + d >= 0).Sample((x, d) =>
            {
                var destination = new float[x.Length + d];
                Assert.ThrowsAny<ArgumentException>(() => StableMath.Softmax(x, destination));
                Assert.ThrowsAny<ArgumentException>(() => StableMath.LogSoftmax(x, destination));
            }, iter: 500, seed: "0N0XIzNsQ119");

            // Partial overlap: destination starts one element into x.
            var buffer = new double[] { 1, 2, 3, 4, 5 };
            Assert.ThrowsAny<ArgumentException>(() => StableMath.Softmax(buffer.AsSpan(0, 4), buffer.AsSpan(1, 4)));

            // Exact aliasing is documented as allowed.
            var same = new double[] { 1000, 1000, 999 };
            StableMath.Softmax(same, same);
            Assert.InRange(same.Sum(), 1 - 1e-12, 1 + 1e-12);
        }

        [Fact]
        public void SpanSafeMathRejectsNaNAndOtherLengthsAndNeverMakesNaN()
        {
            Gen.Select(Doubles, Gen.Int[-1, 1]).Sample((x, d) =>
            {
                foreach (var (name, f) in new (string, Action<double[], double[]>)[]
                {
                    ("Log", (a, b) => SafeMath.Log(a, b)), ("Sqrt", (a, b) => SafeMath.Sqrt(a, b)), ("Exp", (a, b) => SafeMath.Exp(a, b)),
                })
                {
                    if (x.Length + d < 0)
                    {
                        continue;
                    }

                    var destination = new double[x.Length + d];
                    var e = Record.Exception(() => f(x, destination));
                    if (d != 0 || x.Any(double.IsNaN))
                    {
                        Assert.True(e is ArgumentException, $"{name}: expected ArgumentException, got {e?.GetType().Name ?? "none"}");
                        continue;
                    }

                    Assert.Null(e);
                    Assert.False(destination.Any(double.IsNaN), $"{name} made a NaN from NaN-free input");
                }
            }, iter: Iterations, seed: "0N0XIzNsQ130");

            Gen.Select(Floats, Gen.Int[-1, 1]).Sample((x, d) =>
            {
                foreach (var (name, f) in new (string, Action<float[], float[]>)[]
                {
                    ("Log", (a, b) => SafeMath.Log(a, b)), ("Sqrt", (a, b) => SafeMath.Sqrt(a, b)), ("Exp", (a, b) => SafeMath.Exp(a, b)),
                })
                {
                    if (x.Length + d < 0)
                    {
                        continue;
                    }

                    var destination = new float[x.Length + d];
                    var e = Record.Exception(() => f(x, destination));
                    if (d != 0 || x.Any(float.IsNaN))
                    {
                        Assert.True(e is ArgumentException, $"{name}: expected ArgumentException, got {e?.GetType().Name ?? "none"}");
                        continue;
                    }

                    Assert.Null(e);
                    Assert.False(destination.Any(float.IsNaN), $"{name} made a NaN from NaN-free input");
                    if (name == "Log")
                    {
                        Assert.True(destination.All(v => v >= MathF.Log(SafeMath.DefaultEpsilonSingle) || float.IsPositiveInfinity(v)), "clamped log below ln(eps)");
                    }
                }
            }, iter: Iterations, seed: "0N0XIzNsQ131");
        }

        [Fact]
        public void ScalarFunctionsNeverTurnNaNFreeInputIntoNaN()
        {
            Gen.Select(HostileDouble, HostileDouble).Where((a, b) => !double.IsNaN(a) && !double.IsNaN(b)).Sample((a, b) =>
            {
                foreach (var (name, f) in new (string, Func<double>)[]
                {
                    ("Log", () => SafeMath.Log(a)), ("Log2", () => SafeMath.Log2(a)), ("Log10", () => SafeMath.Log10(a)),
                    ("Sqrt", () => SafeMath.Sqrt(a)), ("Exp", () => SafeMath.Exp(a)), ("Acos", () => SafeMath.Acos(a)),
                    ("Asin", () => SafeMath.Asin(a)), ("Atanh", () => SafeMath.Atanh(a)), ("Log1P", () => SafeMath.Log1P(a)),
                    ("ExpM1", () => SafeMath.ExpM1(a)), ("Divide", () => SafeMath.Divide(a, b)), ("Pow", () => SafeMath.Pow(a, b)),
                    ("Sigmoid", () => StableMath.Sigmoid(a)), ("LogSigmoid", () => StableMath.LogSigmoid(a)), ("Softplus", () => StableMath.Softplus(a)),
                    ("BinaryCrossEntropyWithLogits", () => StableMath.BinaryCrossEntropyWithLogits(a, Math.Clamp(b, 0, 1))),
                })
                {
                    double r;
                    try
                    {
                        r = f();
                    }
                    catch (ArgumentException)
                    {
                        continue;
                    }

                    Assert.False(double.IsNaN(r), $"{name}({a:R}, {b:R}) is NaN");
                }
            }, iter: Iterations, seed: "0N0XIzNsQ0O9");
        }

        [Fact]
        public void ScalarFunctionsRejectNaNWithArgumentException()
        {
            foreach (var (name, f) in new (string, Action)[]
            {
                ("Log", () => SafeMath.Log(double.NaN)), ("Sqrt", () => SafeMath.Sqrt(double.NaN)), ("Exp", () => SafeMath.Exp(double.NaN)),
                ("Acos", () => SafeMath.Acos(double.NaN)), ("Log1P", () => SafeMath.Log1P(double.NaN)), ("ExpM1", () => SafeMath.ExpM1(double.NaN)),
                ("Divide", () => SafeMath.Divide(double.NaN, 1)), ("Divide by NaN", () => SafeMath.Divide(1, double.NaN)),
                ("Log float", () => SafeMath.Log(float.NaN)), ("Sqrt float", () => SafeMath.Sqrt(float.NaN)),
            })
            {
                var e = Record.Exception(f);
                Assert.True(e is ArgumentException, $"{name}(NaN) {(e == null ? "returned" : "threw " + e.GetType().Name)}");
            }
        }

        /// <summary>The 2-norm without overflow (scaled by the largest magnitude).</summary>
        private static double ScaledNorm(double[] g)
        {
            double scale = g.Length == 0 ? 0 : g.Max(Math.Abs);
            if (scale == 0)
            {
                return 0;
            }

            double sum = g.Sum(v => (v / scale) * (v / scale));
            return scale * Math.Sqrt(sum);
        }
    }
}

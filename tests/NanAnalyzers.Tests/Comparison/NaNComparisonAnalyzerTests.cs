using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Comparison.NaNComparisonAnalyzer>;

namespace NanAnalyzers.Tests.Comparison
{
    /// <summary>NAN301: what is flagged and what is not (the fixes are in <see cref="NaNComparisonCodeFixTests"/>).</summary>
    public class NaNComparisonAnalyzerTests
    {
        /// <summary>A class with a few typical locals, around <paramref name="body"/>.</summary>
        private static string InMethod(string body) => $$"""
            using System;
            using System.Linq;
            using System.Numerics;

            public class C
            {
                public void M(double x, float f, Half h, int i, double[] xs, double? n)
                {
                    {{body}}
                }
            }
            """;

        // ---------------------------------------------------------------- flagged

        [Theory]
        [InlineData("==")]
        [InlineData("!=")]
        [InlineData("<")]
        [InlineData("<=")]
        [InlineData(">")]
        [InlineData(">=")]
        public Task EveryComparisonOperatorWithDoubleNaN(string op)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {{|NAN301:x {op} double.NaN|}};"));

        [Theory]
        [InlineData("==")]
        [InlineData("!=")]
        [InlineData("<")]
        [InlineData(">=")]
        public Task NaNOnTheLeft(string op)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {{|NAN301:double.NaN {op} x|}};"));

        [Fact]
        public Task FloatNaN()
            => VerifyCS.AnalyzerAsync(InMethod("var b = {|NAN301:f == float.NaN|} || {|NAN301:float.NaN != f|};"));

        [Fact]
        public Task MixedTypes()
            => VerifyCS.AnalyzerAsync(InMethod("var b = {|NAN301:x == float.NaN|} || {|NAN301:f == double.NaN|} || {|NAN301:i == double.NaN|};"));

        [Theory]
        [InlineData("h == Half.NaN")]
        [InlineData("h != Half.NaN")]
        [InlineData("Half.NaN == h")]
        [InlineData("h < Half.NaN")]
        [InlineData("h >= System.Half.NaN")]
        [InlineData("h == (Half)double.NaN")]
        public Task HalfNaN(string comparison)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {{|NAN301:{comparison}|}};"));

        [Fact]
        public Task GenericMathNaN()
            => VerifyCS.AnalyzerAsync("""
                using System.Numerics;

                public static class G
                {
                    public static bool Eq<T>(T x) where T : IFloatingPointIeee754<T> => {|NAN301:x == T.NaN|};

                    public static bool Ne<T>(T x) where T : IFloatingPointIeee754<T> => {|NAN301:T.NaN != x|};

                    public static bool Lt<T>(T x) where T : IFloatingPointIeee754<T> => {|NAN301:x < T.NaN|};

                    public static bool Binary<T>(T x) where T : IBinaryFloatingPointIeee754<T> => {|NAN301:x == T.NaN|};

                    public static bool Constrained<T>(T x) where T : struct, IBinaryFloatingPointIeee754<T>, IRootFunctions<T> => {|NAN301:x >= T.NaN|};
                }

                public class Layer<T> where T : struct, IFloatingPointIeee754<T>
                {
                    private T bias;

                    public bool Broken => {|NAN301:bias == T.NaN|};
                }
                """);

        [Fact]
        public Task UserConstantsEqualToNaN()
            => VerifyCS.AnalyzerAsync("""
                public static class Sentinels
                {
                    public const double Missing = double.NaN;
                    public const float MissingF = float.NaN;
                    public const double Derived = Missing * 2;
                }

                public class C
                {
                    private const double Local = 0.0 / 0.0;

                    public bool M(double x, float f)
                    {
                        const double missing = double.NaN;
                        return {|NAN301:x == Sentinels.Missing|}
                            || {|NAN301:f != Sentinels.MissingF|}
                            || {|NAN301:x == Sentinels.Derived|}
                            || {|NAN301:x == Local|}
                            || {|NAN301:missing == x|};
                    }
                }
                """);

        [Theory]
        [InlineData("x == 0.0 / 0.0")]
        [InlineData("f == 0f / 0f")]
        [InlineData("x != -double.NaN")]
        [InlineData("x == double.NaN + 1")]
        [InlineData("x == Double.NaN")]
        [InlineData("x == System.Double.NaN")]
        [InlineData("x > (double)float.NaN")]
        [InlineData("f == (float)double.NaN")]
        public Task OtherNaNConstants(string comparison)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {{|NAN301:{comparison}|}};"));

        [Fact]
        public Task UsingAliasAndConstantsOfOtherTypes()
            => VerifyCS.AnalyzerAsync("""
                using D = System.Double;
                using static System.Double;

                public class C
                {
                    public bool M(double x, float f) => {|NAN301:x == D.NaN|} || {|NAN301:NaN != x|} || {|NAN301:f == NaN|};
                }
                """);

        [Fact]
        public Task LiftedComparison()
            => VerifyCS.AnalyzerAsync(InMethod("var b = {|NAN301:n == double.NaN|} || {|NAN301:n != double.NaN|};"));

        [Fact]
        public Task BothOperandsNaN()
            => VerifyCS.AnalyzerAsync(InMethod("var b = {|NAN301:double.NaN == double.NaN|} || {|NAN301:float.NaN != double.NaN|};"));

        [Fact]
        public Task InsideLambdasTernariesConditionsAndArguments()
            => VerifyCS.AnalyzerAsync("""
                using System;
                using System.Collections.Generic;
                using System.Linq;

                public class Trainer
                {
                    private double loss;

                    public bool Diverged => {|NAN301:loss == double.NaN|};

                    public double Clean => {|NAN301:loss != double.NaN|} ? loss : 0.0;

                    public bool this[int i] => {|NAN301:i == double.NaN|};

                    public int CountNaN(IEnumerable<double> values) => values.Count(v => {|NAN301:v == double.NaN|});

                    public void Step(double[] grads, Func<double, bool> isBad)
                    {
                        if ({|NAN301:loss == double.NaN|})
                        {
                            return;
                        }

                        while ({|NAN301:grads[0] != double.NaN|} && grads.Length > 1)
                        {
                            break;
                        }

                        Log({|NAN301:loss == double.NaN|});
                        Func<double, bool> check = delegate (double g) { return {|NAN301:g == double.NaN|}; };
                        var first = grads.FirstOrDefault(g => {|NAN301:double.NaN == g|});
                        var safe = grads.Select(g => {|NAN301:g == double.NaN|} ? 0.0 : g).ToArray();
                        bool Local(double g) => {|NAN301:g == double.NaN|};
                        switch (grads.Length)
                        {
                            case 1 when {|NAN301:grads[0] == double.NaN|}:
                                break;
                        }

                        var label = grads.Length switch
                        {
                            0 when {|NAN301:loss == double.NaN|} => "nan",
                            _ => "ok",
                        };
                    }

                    private static void Log(bool b)
                    {
                    }
                }
                """);

        [Fact]
        public Task TopLevelStatements()
            => VerifyCS.AnalyzerAsync(
                """
                double loss = double.Parse("NaN", System.Globalization.CultureInfo.InvariantCulture);
                if ({|NAN301:loss == double.NaN|})
                {
                    System.Console.WriteLine("diverged");
                }
                """,
                new TestOptions { Executable = true });

        [Fact]
        public Task FieldInitializersAndConstants()
            => VerifyCS.AnalyzerAsync("""
                public class C
                {
                    private const double Missing = double.NaN;
                    private const bool AlwaysFalse = {|NAN301:Missing == 1.0|};
                    private static readonly double Threshold = 1.0;
                    private bool flag = {|NAN301:Threshold == double.NaN|};
                }
                """);

        [Fact]
        public Task MessageSaysAlwaysFalseAndNamesTheReplacement()
            => VerifyCS.AnalyzerAsync(
                InMethod("var a = {|#0:x == float.NaN|}; var b = {|#1:f != double.NaN|}; var c = {|#2:h < Half.NaN|}; var d = {|#3:n == double.NaN|}; var e = {|#4:n != double.NaN|}; var g = {|#5:(float?)f == double.NaN|};"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(0).WithArguments("'x == float.NaN'", "false", "use double.IsNaN(x)"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(1).WithArguments("'f != double.NaN'", "true", "use !double.IsNaN(f)"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(2).WithArguments("'h < Half.NaN'", "false", "to test for NaN use Half.IsNaN(h)"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(3).WithArguments("'n == double.NaN'", "false", "use n is double.NaN"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(4).WithArguments("'n != double.NaN'", "true", "use n is not double.NaN"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(5).WithArguments("'(float?)f == double.NaN'", "false", "to test the nullable value use ((float?)f).HasValue && double.IsNaN(((float?)f).Value)"));

        [Fact]
        public Task MessageOfALongComparisonAndOfGenericMath()
            => VerifyCS.AnalyzerAsync(
                """
                using System.Numerics;

                public static class G
                {
                    public static bool M<T>(T x) where T : IFloatingPointIeee754<T> => {|#0:x == T.NaN|};

                    public static bool Long(double[] activations, int index) => {|#1:activations[index] * activations[index] + activations[index] == double.NaN|};
                }
                """,
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(0).WithArguments("'x == T.NaN'", "false", "use T.IsNaN(x)"),
                VerifyCS.Diagnostic(Descriptors.NAN301).WithLocation(1).WithArguments("This comparison", "false", "use double.IsNaN(x)"));

        // ---------------------------------------------------------------- not flagged

        [Theory]
        [InlineData("double.IsNaN(x)")]
        [InlineData("float.IsNaN(f)")]
        [InlineData("Half.IsNaN(h)")]
        [InlineData("!double.IsFinite(x)")]
        [InlineData("double.IsNaN(x) == true")]
        [InlineData("x != x")]
        [InlineData("x == x")]
        [InlineData("f != f")]
        public Task CorrectNaNTests(string test)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {test};"));

        [Theory]
        [InlineData("x.Equals(double.NaN)")]
        [InlineData("double.NaN.Equals(x)")]
        [InlineData("f.Equals(float.NaN)")]
        [InlineData("h.Equals(Half.NaN)")]
        [InlineData("Equals(x, double.NaN)")]
        [InlineData("x.CompareTo(double.NaN) == 0")]
        [InlineData("double.NaN.GetHashCode() == i")]
        public Task EqualsAndCompareToAreNotOperators(string test)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {test};"));

        [Theory]
        [InlineData("x is double.NaN")]
        [InlineData("x is not double.NaN")]
        [InlineData("f is float.NaN")]
        [InlineData("n is double.NaN")]
        [InlineData("x is double.NaN or double.PositiveInfinity")]
        [InlineData("xs is [double.NaN, ..]")]
        public Task PatternsMatchNaN(string test)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {test};"));

        [Fact]
        public Task SwitchOnNaN()
            => VerifyCS.AnalyzerAsync(InMethod("""
                switch (x)
                {
                    case 0.0 / 0.0 when i > 0:
                        break;
                    case double.NaN:
                        break;
                }

                var label = x switch
                {
                    double.NaN => "nan",
                    < 0 => "negative",
                    _ => "ok",
                };
                var g = f switch { float.NaN => 0f, _ => f };
                """));

        [Fact]
        public Task AssignmentsInitializersReturnsAndArguments()
            => VerifyCS.AnalyzerAsync("""
                using System;
                using System.Collections.Generic;

                public class Metrics
                {
                    private const double Missing = double.NaN;
                    private static readonly double Sentinel = double.NaN;
                    private double best = double.NaN;
                    private float bestF = float.NaN;
                    private Half bestH = Half.NaN;
                    private readonly List<double> history = new List<double> { double.NaN };

                    public double Best => best;

                    public double Reset()
                    {
                        best = double.NaN;
                        bestF = 0f / 0f;
                        var local = Missing;
                        double[] buffer = { double.NaN, 0.0 };
                        Array.Fill(buffer, double.NaN);
                        history.Add(double.NaN);
                        var worst = Math.Max(best, double.NaN);
                        var orDefault = history.Count > 0 ? history[0] : double.NaN;
                        double? maybe = null;
                        var value = maybe ?? double.NaN;
                        return double.NaN;
                    }

                    public static T Empty<T>() where T : System.Numerics.IFloatingPointIeee754<T> => T.NaN;
                }
                """);

        [Theory]
        [InlineData("x == double.PositiveInfinity")]
        [InlineData("x != double.NegativeInfinity")]
        [InlineData("x > double.MaxValue")]
        [InlineData("x < double.Epsilon")]
        [InlineData("x == 0.0")]
        [InlineData("x <= 1e-12")]
        [InlineData("f >= float.MinValue")]
        [InlineData("h == Half.Zero")]
        [InlineData("h < Half.MaxValue")]
        [InlineData("i == int.MaxValue")]
        [InlineData("(double)unchecked((int)double.NaN) == x")]
        [InlineData("unchecked((long)double.NaN) == i")]
        [InlineData("x == Math.PI")]
        public Task ComparisonsWithNonNaNConstants(string test)
            => VerifyCS.AnalyzerAsync(InMethod($"var b = {test};"));

        [Fact]
        public Task GenericMathWithoutNaN()
            => VerifyCS.AnalyzerAsync("""
                using System.Numerics;

                public static class G
                {
                    public static bool IsZero<T>(T x) where T : IFloatingPointIeee754<T> => x == T.Zero;

                    public static bool IsNaN<T>(T x) where T : IFloatingPointIeee754<T> => T.IsNaN(x);

                    public static bool SelfTest<T>(T x) where T : IFloatingPointIeee754<T> => x != x;

                    public static bool Positive<T>(T x) where T : INumber<T> => x > T.Zero;
                }
                """);

        [Fact]
        public Task UserDefinedOperatorsOnOtherTypes()
            => VerifyCS.AnalyzerAsync("""
                public readonly struct Reading
                {
                    public readonly double Value;

                    public Reading(double value) => Value = value;

                    // A sensor reading that treats NaN as "missing": the user decides what == means.
                    public static bool operator ==(Reading r, double d) => double.IsNaN(d) ? double.IsNaN(r.Value) : r.Value == d;
                    public static bool operator !=(Reading r, double d) => !(r == d);
                    public static bool operator <(Reading r, double d) => r.Value < d;
                    public static bool operator >(Reading r, double d) => r.Value > d;

                    public override bool Equals(object obj) => obj is Reading other && other.Value.Equals(Value);

                    public override int GetHashCode() => Value.GetHashCode();
                }

                public class C
                {
                    public bool M(Reading r) => r == double.NaN || r != double.NaN || r < double.NaN || r > float.NaN;
                }
                """);

        [Fact]
        public Task DecimalAndIntegerComparisons()
            => VerifyCS.AnalyzerAsync(InMethod("""
                decimal m = 1m;
                var a = m == 0m;
                var b = i == 0 || i < int.MaxValue;
                object o = x;
                var c = o == (object)double.NaN;
                """));

        [Fact]
        public Task ATrainingLoopThatTestsForNaNCorrectly()
            => VerifyCS.AnalyzerAsync("""
                using System;
                using System.Linq;

                public static class Sgd
                {
                    private const double Tolerance = 1e-9;

                    public static int Train(double[] w, double[][] xs, double[] ys, double lr, int epochs)
                    {
                        var previous = double.NaN;
                        for (var epoch = 0; epoch < epochs; epoch++)
                        {
                            var loss = 0.0;
                            var grad = new double[w.Length];
                            for (var n = 0; n < xs.Length; n++)
                            {
                                var err = xs[n].Zip(w, (a, b) => a * b).Sum() - ys[n];
                                loss += err * err;
                                for (var j = 0; j < w.Length; j++)
                                {
                                    grad[j] += 2 * err * xs[n][j];
                                }
                            }

                            if (double.IsNaN(loss) || double.IsInfinity(loss) || loss != loss)
                            {
                                return -epoch;
                            }

                            if (grad.Any(g => !double.IsFinite(g)) || grad.Any(double.IsNaN))
                            {
                                continue;
                            }

                            if (!double.IsNaN(previous) && Math.Abs(previous - loss) < Tolerance)
                            {
                                return epoch;
                            }

                            var norm = Math.Sqrt(grad.Sum(g => g * g));
                            var scale = norm > 1.0 ? 1.0 / norm : 1.0;
                            for (var j = 0; j < w.Length; j++)
                            {
                                w[j] -= lr * scale * grad[j];
                            }

                            previous = loss is double.NaN ? previous : loss;
                        }

                        return epochs;
                    }

                    public static float Mean(float[] values) => values.Length == 0 ? float.NaN : values.Where(v => !float.IsNaN(v)).DefaultIfEmpty(float.NaN).Average();
                }
                """);

        [Fact]
        public Task ATrainingLoopThatTestsForNaNWithEquality()
            => VerifyCS.AnalyzerAsync("""
                using System;

                public static class Sgd
                {
                    public static int Train(double[] w, double[] g, float lr)
                    {
                        for (var step = 0; step < 100; step++)
                        {
                            var loss = Math.Log(w[0] * w[0]);
                            if ({|NAN301:loss == double.NaN|} || {|NAN301:loss == Double.PositiveInfinity * 0|})
                            {
                                return step;
                            }

                            for (var j = 0; j < w.Length; j++)
                            {
                                if ({|NAN301:g[j] != float.NaN|})
                                {
                                    w[j] -= lr * g[j];
                                }
                            }
                        }

                        return -1;
                    }
                }
                """);

        [Fact]
        public Task GeneratedCodeIsNotAnalysed()
            => VerifyCS.AnalyzerAsync("""
                // <auto-generated/>
                public class Generated
                {
                    public bool M(double x) => x == double.NaN;
                }
                """);

        [Fact]
        public Task KnownMissesAreNotFlagged()
            // Documented in docs/rules/NAN301.md: a NaN that is not a constant (a static readonly field, a
            // computed value) and tuple equality are not recognised. These are false negatives, never noise.
            => VerifyCS.AnalyzerAsync("""
                public class C
                {
                    private static readonly double Sentinel = double.NaN;

                    public bool M(double x)
                    {
                        dynamic d = x;
                        bool viaDynamic = d == double.NaN;
                        return x == Sentinel || x == System.Math.Sqrt(-1) || (x, 1) == (double.NaN, 1) || viaDynamic;
                    }
                }
                """);

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => VerifyCS.AnalyzerAsync(
                InMethod("var b = x == double.{|#0:|}{|#1:;|}"),
                DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("double", string.Empty),
                DiagnosticResult.CompilerError("CS1001").WithLocation(1));

        [Fact]
        public Task UndefinedOperandDoesNotThrow()
            => VerifyCS.AnalyzerAsync(
                InMethod("var b = {|#0:undefined|} == double.NaN || x == double.{|#1:Nope|};"),
                DiagnosticResult.CompilerError("CS0103").WithLocation(0).WithArguments("undefined"),
                DiagnosticResult.CompilerError("CS0117").WithLocation(1).WithArguments("double", "Nope"));
    }
}

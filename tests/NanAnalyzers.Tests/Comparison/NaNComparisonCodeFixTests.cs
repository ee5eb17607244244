using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NanAnalyzers.CodeFixes.Comparison;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Comparison.NaNComparisonAnalyzer, NanAnalyzers.CodeFixes.Comparison.NaNComparisonCodeFixProvider>;

namespace NanAnalyzers.Tests.Comparison
{
    /// <summary>
    /// NAN301 fixes: the exact text, and (by the harness) that the fixed code compiles, carries no NAN301 any more,
    /// and that FixAll gives the same text.
    /// </summary>
    public class NaNComparisonCodeFixTests
    {
        private static string InMethod(string body) => $$"""
            using System;
            using System.Linq;

            public class C
            {
                public object M(double x, float f, Half h, int i, long l, double[] xs)
                {
                    {{body}}
                }
            }
            """;

        [Theory]
        [InlineData("x == double.NaN", "double.IsNaN(x)")]
        [InlineData("double.NaN == x", "double.IsNaN(x)")]
        [InlineData("x != double.NaN", "!double.IsNaN(x)")]
        [InlineData("double.NaN != x", "!double.IsNaN(x)")]
        [InlineData("f == float.NaN", "float.IsNaN(f)")]
        [InlineData("f != float.NaN", "!float.IsNaN(f)")]
        [InlineData("x == Double.NaN", "double.IsNaN(x)")]
        [InlineData("x == 0.0 / 0.0", "double.IsNaN(x)")]
        [InlineData("x == -double.NaN", "double.IsNaN(x)")]
        [InlineData("f == 0f / 0f", "float.IsNaN(f)")]
        public Task EqualityAndInequality(string comparison, string expected)
            => VerifyCS.CodeFixAsync(
                InMethod($"return {{|NAN301:{comparison}|}};"),
                InMethod($"return {expected};"));

        [Theory]
        // The CA2242 failure: the comparison is done in double, so the test must be double.IsNaN (float.IsNaN(d) is CS1503).
        [InlineData("x == float.NaN", "double.IsNaN(x)")]
        [InlineData("float.NaN != x", "!double.IsNaN(x)")]
        // A float compared with double.NaN is converted to double first: double.IsNaN(f) compiles and is right.
        [InlineData("f == double.NaN", "double.IsNaN(f)")]
        [InlineData("i == double.NaN", "double.IsNaN(i)")]
        [InlineData("l != float.NaN", "!float.IsNaN(l)")]
        [InlineData("x == (double)float.NaN", "double.IsNaN(x)")]
        public Task MixedTypesUseTheTypeOfTheComparison(string comparison, string expected)
            => VerifyCS.CodeFixAsync(
                InMethod($"return {{|NAN301:{comparison}|}};"),
                InMethod($"return {expected};"));

        [Theory]
        [InlineData("h == Half.NaN", "Half.IsNaN(h)")]
        [InlineData("Half.NaN != h", "!Half.IsNaN(h)")]
        [InlineData("h == (Half)double.NaN", "Half.IsNaN(h)")]
        public Task HalfUsesHalfIsNaN(string comparison, string expected)
            => VerifyCS.CodeFixAsync(
                InMethod($"return {{|NAN301:{comparison}|}};"),
                InMethod($"return {expected};"));

        [Fact]
        public Task HalfWithoutUsingSystemIsQualified()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(System.Half h) => {|NAN301:h == System.Half.NaN|};
                }
                """,
                """
                public class C
                {
                    public bool M(System.Half h) => System.Half.IsNaN(h);
                }
                """);

        [Fact]
        public Task UserTypesNamedDoubleAndHalfDoNotCaptureTheFix()
            => VerifyCS.CodeFixAsync(
                """
                namespace Model
                {
                    public class Double { }

                    public class Half { }

                    public class C
                    {
                        public bool M(double x, System.Half h)
                        {
                            var Single = 1;
                            var Double = 2.0;
                            return {|NAN301:x == System.Double.NaN|} || {|NAN301:h == System.Half.NaN|} || {|NAN301:(float)x == float.NaN|};
                        }
                    }
                }
                """,
                """
                namespace Model
                {
                    public class Double { }

                    public class Half { }

                    public class C
                    {
                        public bool M(double x, System.Half h)
                        {
                            var Single = 1;
                            var Double = 2.0;
                            return double.IsNaN(x) || System.Half.IsNaN(h) || float.IsNaN((float)x);
                        }
                    }
                }
                """);

        [Fact]
        public Task HalfUnderUsingSystemWithAUserHalfInScopeStaysQualified()
            => VerifyCS.CodeFixAsync(
                """
                using System;

                namespace Model
                {
                    public struct Half { }

                    public class C
                    {
                        public bool M(System.Half h) => {|NAN301:h == System.Half.NaN|};
                    }
                }
                """,
                """
                using System;

                namespace Model
                {
                    public struct Half { }

                    public class C
                    {
                        public bool M(System.Half h) => System.Half.IsNaN(h);
                    }
                }
                """);

        [Fact]
        public Task UsingAliasOfDouble()
            => VerifyCS.CodeFixAsync(
                """
                using D = System.Double;

                public class C
                {
                    public bool M(D x) => {|NAN301:x == D.NaN|};
                }
                """,
                """
                using D = System.Double;

                public class C
                {
                    public bool M(D x) => double.IsNaN(x);
                }
                """);

        [Fact]
        public Task GenericMathUsesTheTypeParameter()
            => VerifyCS.CodeFixAsync(
                """
                using System.Numerics;

                public static class G
                {
                    public static bool M<T>(T x) where T : IFloatingPointIeee754<T> => {|NAN301:x == T.NaN|};

                    public static bool N<TFloat>(TFloat x) where TFloat : IBinaryFloatingPointIeee754<TFloat> => {|NAN301:TFloat.NaN == x|};
                }
                """,
                """
                using System.Numerics;

                public static class G
                {
                    public static bool M<T>(T x) where T : IFloatingPointIeee754<T> => T.IsNaN(x);

                    public static bool N<TFloat>(TFloat x) where TFloat : IBinaryFloatingPointIeee754<TFloat> => TFloat.IsNaN(x);
                }
                """);

        [Fact]
        public Task GenericMathInequalityInAGenericClass()
            => VerifyCS.CodeFixAsync(
                """
                using System.Numerics;

                public sealed class RunningMean<T> where T : struct, IFloatingPointIeee754<T>
                {
                    private T sum;

                    public bool HasValue => {|NAN301:sum != T.NaN|};
                }
                """,
                """
                using System.Numerics;

                public sealed class RunningMean<T> where T : struct, IFloatingPointIeee754<T>
                {
                    private T sum;

                    public bool HasValue => !T.IsNaN(sum);
                }
                """);

        [Fact]
        public Task UserConstantEqualToNaN()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    private const double Missing = double.NaN;

                    public bool M(double x) => {|NAN301:x == Missing|};
                }
                """,
                """
                public class C
                {
                    private const double Missing = double.NaN;

                    public bool M(double x) => double.IsNaN(x);
                }
                """);

        [Fact]
        public Task EveryCommentIsKept()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double x)
                    {
                        return /* a */ {|NAN301:x /* b */ == /* c */ double.NaN|} // d
                            ;
                    }
                }
                """,
                """
                public class C
                {
                    public bool M(double x)
                    {
                        return /* a */ double.IsNaN(x /* b */ /* c */) // d
                            ;
                    }
                }
                """);

        [Fact]
        public Task CommentsAroundNaNOnTheLeftAndInsideTheNaNOperand()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool A(double x) => /* a */ {|NAN301:double.NaN /* b */ != /* c */ x|}; // d

                    public bool B(double x) => {|NAN301:x != double /* inside */ .NaN|} /* e */; // f
                }
                """,
                """
                public class C
                {
                    public bool A(double x) => /* a */ !double.IsNaN(/* b */ /* c */ x); // d

                    public bool B(double x) => !double.IsNaN(x /* inside */) /* e */; // f
                }
                """);

        [Fact]
        public Task LineCommentInsideTheComparisonKeepsTheCodeAfterIt()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double loss)
                    {
                        bool diverged = {|NAN301:loss // the running loss
                            == double.NaN|};
                        return diverged;
                    }
                }
                """,
                """
                public class C
                {
                    public bool M(double loss)
                    {
                        bool diverged = double.IsNaN(loss // the running loss
                            );
                        return diverged;
                    }
                }
                """);

        [Fact]
        public Task CommentsInsideTheOperandAreKept()
            => VerifyCS.CodeFixAsync(
                InMethod("return {|NAN301:xs[/* first */ 0] * 2 /* scaled */ == double.NaN|};"),
                InMethod("return double.IsNaN(xs[/* first */ 0] * 2 /* scaled */);"));

        [Theory]
        [InlineData("{|NAN301:(x + 1) == double.NaN|}", "double.IsNaN(x + 1)")]
        [InlineData("{|NAN301:x + 1 == double.NaN|}", "double.IsNaN(x + 1)")]
        [InlineData("{|NAN301:double.NaN != x * x|}", "!double.IsNaN(x * x)")]
        [InlineData("{|NAN301:(i > 0 ? x : f) == double.NaN|}", "double.IsNaN(i > 0 ? x : f)")]
        [InlineData("{|NAN301:xs.Sum() != double.NaN|}", "!double.IsNaN(xs.Sum())")]
        [InlineData("!({|NAN301:x != double.NaN|})", "!(!double.IsNaN(x))")]
        [InlineData("({|NAN301:x != double.NaN|}).ToString()", "(!double.IsNaN(x)).ToString()")]
        [InlineData("({|NAN301:x == double.NaN|}) == (i == 0)", "(double.IsNaN(x)) == (i == 0)")]
        [InlineData("{|NAN301:x == double.NaN|} ? 0.0 : x", "double.IsNaN(x) ? 0.0 : x")]
        [InlineData("i > 0 && {|NAN301:x != double.NaN|}", "i > 0 && !double.IsNaN(x)")]
        [InlineData("xs.Where(v => {|NAN301:v != double.NaN|}).ToArray()", "xs.Where(v => !double.IsNaN(v)).ToArray()")]
        [InlineData("xs.Select(v => {|NAN301:v == double.NaN|} ? 0 : v).ToArray()", "xs.Select(v => double.IsNaN(v) ? 0 : v).ToArray()")]
        [InlineData("Math.Max({|NAN301:x == double.NaN|} ? 0.0 : x, 1e-12)", "Math.Max(double.IsNaN(x) ? 0.0 : x, 1e-12)")]
        public Task OperandsAndContexts(string expression, string expected)
            => VerifyCS.CodeFixAsync(
                InMethod("return " + expression + ";"),
                InMethod("return " + expected + ";"));

        [Fact]
        public Task LocalFunctionsPropertiesAndIfConditions()
            => VerifyCS.CodeFixAsync(
                """
                using System;

                public class Trainer
                {
                    private double loss;

                    public bool Diverged => {|NAN301:loss == double.NaN|};

                    public void Step(double[] grads)
                    {
                        bool Bad(double g) => {|NAN301:g == double.NaN|};
                        if ({|NAN301:loss == double.NaN|} || Bad(grads[0]))
                        {
                            Console.WriteLine({|NAN301:grads[1] == double.NaN|});
                        }
                    }
                }
                """,
                """
                using System;

                public class Trainer
                {
                    private double loss;

                    public bool Diverged => double.IsNaN(loss);

                    public void Step(double[] grads)
                    {
                        bool Bad(double g) => double.IsNaN(g);
                        if (double.IsNaN(loss) || Bad(grads[0]))
                        {
                            Console.WriteLine(double.IsNaN(grads[1]));
                        }
                    }
                }
                """);

        [Fact]
        public Task ExpressionTrees()
            => VerifyCS.CodeFixAsync(
                """
                using System;
                using System.Linq.Expressions;

                public class C
                {
                    public Expression<Func<double, bool>> Filter => v => {|NAN301:v == double.NaN|};
                }
                """,
                """
                using System;
                using System.Linq.Expressions;

                public class C
                {
                    public Expression<Func<double, bool>> Filter => v => double.IsNaN(v);
                }
                """);

        [Fact]
        public async Task NestedComparisonsAreFixedOneAfterTheOther()
        {
            // The batch fixer does not merge a change inside another change: FixAll takes two passes here
            // (documented on the rule's page). One-at-a-time fixing gives the same text.
            var test = new NestedFixTest
            {
                TestCode = """
                    public class C
                    {
                        public bool Nested(double x) => {|NAN301:({|NAN301:x == double.NaN|} ? 1.0 : x) == double.NaN|};
                    }
                    """,
                FixedCode = """
                    public class C
                    {
                        public bool Nested(double x) => double.IsNaN(double.IsNaN(x) ? 1.0 : x);
                    }
                    """,
                NumberOfFixAllIterations = 2,
                NumberOfFixAllInDocumentIterations = 2,
            };
            Verify<NanAnalyzers.Rules.Comparison.NaNComparisonAnalyzer>.Configure(test, new TestOptions());
            await test.RunAsync(System.Threading.CancellationToken.None);
        }

        private sealed class NestedFixTest : Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<NanAnalyzers.Rules.Comparison.NaNComparisonAnalyzer, NaNComparisonCodeFixProvider, DefaultVerifier>
        {
        }

        [Fact]
        public Task TopLevelStatements()
            => VerifyCS.CodeFixAsync(
                """
                double loss = double.Parse("1.5", System.Globalization.CultureInfo.InvariantCulture);
                if ({|NAN301:loss == double.NaN|})
                {
                    System.Console.WriteLine("diverged");
                }

                """,
                """
                double loss = double.Parse("1.5", System.Globalization.CultureInfo.InvariantCulture);
                if (double.IsNaN(loss))
                {
                    System.Console.WriteLine("diverged");
                }

                """,
                options: new TestOptions { Executable = true });

        [Fact]
        public Task FixAllEqualityComparisonsInOneDocument()
            => VerifyCS.CodeFixAsync(
                """
                using System;

                public class Metrics
                {
                    public int CountMissing(double[] values, float[] weights, Half[] halves)
                    {
                        var count = 0;
                        for (var k = 0; k < values.Length; k++)
                        {
                            if ({|NAN301:values[k] == double.NaN|} || {|NAN301:float.NaN == weights[k]|} /* w */ || {|NAN301:halves[k] == Half.NaN|})
                            {
                                count++;
                            }
                        }

                        return {|NAN301:count == double.NaN|} ? -1 : count;
                    }
                }
                """,
                """
                using System;

                public class Metrics
                {
                    public int CountMissing(double[] values, float[] weights, Half[] halves)
                    {
                        var count = 0;
                        for (var k = 0; k < values.Length; k++)
                        {
                            if (double.IsNaN(values[k]) || float.IsNaN(weights[k]) /* w */ || Half.IsNaN(halves[k]))
                            {
                                count++;
                            }
                        }

                        return double.IsNaN(count) ? -1 : count;
                    }
                }
                """,
                NaNComparisonCodeFixProvider.UseIsNaNKey);

        [Fact]
        public Task FixAllInequalityComparisonsInOneDocument()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double a, double b, float c) => {|NAN301:a != double.NaN|} && {|NAN301:double.NaN != b|} && {|NAN301:c != float.NaN|};
                }
                """,
                """
                public class C
                {
                    public bool M(double a, double b, float c) => !double.IsNaN(a) && !double.IsNaN(b) && !float.IsNaN(c);
                }
                """,
                NaNComparisonCodeFixProvider.UseIsNaNKey);

        [Fact]
        public Task FixAllFixesEqualityAndInequalityTogetherAndLeavesRelationalComparisons()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double a, double b, float c) => {|NAN301:a == double.NaN|} || {|NAN301:b != double.NaN|} || {|NAN301:float.NaN != c|} || {|NAN301:b > double.NaN|};
                }
                """,
                """
                public class C
                {
                    public bool M(double a, double b, float c) => double.IsNaN(a) || !double.IsNaN(b) || !float.IsNaN(c) || b > double.NaN;
                }
                """,
                NaNComparisonCodeFixProvider.UseIsNaNKey,
                null,
                System.Array.Empty<DiagnosticResult>(),
                new[] { VerifyCS.Diagnostic("NAN301").WithSpan(3, 109, 3, 123) });

        [Theory]
        [InlineData("x < double.NaN")]
        [InlineData("x <= double.NaN")]
        [InlineData("double.NaN > x")]
        [InlineData("x >= float.NaN")]
        [InlineData("h < Half.NaN")]
        public Task RelationalComparisonsHaveNoFix(string comparison)
            => VerifyCS.NoCodeFixAsync(InMethod($"return {{|NAN301:{comparison}|}};"));

        [Fact]
        public Task RelationalGenericComparisonHasNoFix()
            => VerifyCS.NoCodeFixAsync("""
                using System.Numerics;

                public static class G
                {
                    public static bool M<T>(T x) where T : IFloatingPointIeee754<T> => {|NAN301:x >= T.NaN|};
                }
                """);

        [Fact]
        public Task NullableComparisonsBecomeNaNPatterns()
            // double.IsNaN(n) would not compile for a double? n; the constant pattern matches NaN and is false for null.
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double? n, float? g, double x, double?[] a)
                    {
                        return {|NAN301:n == double.NaN|}
                            || {|NAN301:n != double.NaN|}
                            || {|NAN301:double.NaN == n|}
                            || {|NAN301:g == float.NaN|}
                            || /* a */ {|NAN301:n /* b */ == /* c */ double.NaN|} // d
                            || {|NAN301:a[0] + n == double.NaN|}
                            || {|NAN301:x == (double?)double.NaN|};
                    }
                }
                """,
                """
                public class C
                {
                    public bool M(double? n, float? g, double x, double?[] a)
                    {
                        return n is double.NaN
                            || n is not double.NaN
                            || n is double.NaN
                            || g is float.NaN
                            || /* a */ n /* b */ /* c */ is double.NaN // d
                            || (a[0] + n) is double.NaN
                            || double.IsNaN(x);
                    }
                }
                """);

        [Fact]
        public Task NullableInequalityBeforeCSharp9()
            => VerifyCS.CodeFixAsync(
                """
                public class C
                {
                    public bool M(double? n) => {|NAN301:n != double.NaN|};
                }
                """,
                """
                public class C
                {
                    public bool M(double? n) => !(n is double.NaN);
                }
                """,
                options: new TestOptions { LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp8 });

        [Fact]
        public Task NullableComparisonsWithoutAPatternHaveNoFix()
            // A float? compared in double? (the pattern's constant would not convert), and Half? (Half.NaN is no constant).
            => VerifyCS.NoCodeFixAsync("""
                public class C
                {
                    public bool M(float? g, System.Half? h) => {|NAN301:g == double.NaN|} || {|NAN301:h != System.Half.NaN|};
                }
                """);

        [Fact]
        public Task BothOperandsNaNHasNoFix()
            // The result is a constant: no rewrite says what the author meant.
            => VerifyCS.NoCodeFixAsync(InMethod("return {|NAN301:double.NaN == double.NaN|} || {|NAN301:float.NaN != 0.0 / 0.0|};"));

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => VerifyCS.NoCodeFixAsync(
                InMethod("return x == double.{|#0:|}{|#1:;|}"),
                null,
                DiagnosticResult.CompilerError("CS0117").WithLocation(0).WithArguments("double", string.Empty),
                DiagnosticResult.CompilerError("CS1001").WithLocation(1));
    }
}

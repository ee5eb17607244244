using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Stability;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Stability.Log1PAnalyzer, NanAnalyzers.CodeFixes.Stability.Log1PCodeFix>;

namespace NanAnalyzers.Tests.Stability
{
    public class Nan203Tests
    {
        private const string Usings = "using System;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

        [Theory]
        [InlineData("Math.Log({|NAN203:1 + x|})")]
        [InlineData("Math.Log({|NAN203:x + 1|})")]
        [InlineData("Math.Log({|NAN203:1.0 + x * x|})")]
        [InlineData("Math.Log({|NAN203:1 + Math.Exp(x)|})")]
        [InlineData("{|NAN203:Math.Exp(x) - 1|}")]
        [InlineData("{|NAN203:Math.Exp(x) - 1.0|}")]
        [InlineData("{|NAN203:double.LogP1(x)|}")]
        [InlineData("{|NAN203:double.ExpM1(x)|}")]
        [InlineData("double.Log({|NAN203:1 + x|})")]
        [InlineData("2 * ({|NAN203:Math.Exp(x / 2) - 1|})")]
        public Task DoubleFormsAreFlagged(string expression)
        {
            var source = @"using System;
class C
{
    double M(double x) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("MathF.Log({|NAN203:1f + x|})")]
        [InlineData("{|NAN203:MathF.Exp(x) - 1f|}")]
        [InlineData("{|NAN203:float.LogP1(x)|}")]
        [InlineData("{|NAN203:float.ExpM1(x)|}")]
        [InlineData("(float)Math.Log({|NAN203:1 + x|})")]
        public Task FloatFormsAreFlagged(string expression)
        {
            var source = @"using System;
class C
{
    float M(float x) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.log({|NAN203:1 + x|})")]
        [InlineData("torch.log({|NAN203:x + 1.0|})")]
        [InlineData("({|NAN203:1 + x|}).log()")]
        [InlineData("{|NAN203:torch.exp(x) - 1|}")]
        [InlineData("{|NAN203:x.exp() - 1|}")]
        public Task TorchFormsAreFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("Math.Log(1 + n)")]
        [InlineData("Math.Log(1.0 + n)")]
        [InlineData("Math.Log(1 + 1e-3)")]
        [InlineData("Math.Log(2 + x)")]
        [InlineData("Math.Log(x + 1e-12)")]
        [InlineData("Math.Log(x)")]
        [InlineData("Math.Exp(x) - 2")]
        [InlineData("Math.Exp(x) + 1")]
        [InlineData("1 - Math.Exp(x) * 0")]
        [InlineData("Math.Min(x, 0) - Math.Log(1 + Math.Exp(-Math.Abs(x)))")]
        [InlineData("Math.Max(x, 0) + Math.Log(1.0 + Math.Exp(-Math.Abs(x)))")]
        [InlineData("Math.Log(1 + x, 2)")]
        [InlineData("Math.Exp(x - 1)")]
        public Task ExactOrOtherFormsAreNotFlagged(string expression)
        {
            var source = @"using System;
class C
{
    double M(double x, int n) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.log1p(x)")]
        [InlineData("x.log1p()")]
        [InlineData("torch.expm1(x)")]
        [InlineData("x.expm1()")]
        [InlineData("torch.log(2 + x)")]
        [InlineData("torch.log(x + 1e-8)")]
        [InlineData("torch.exp(x) - 2")]
        [InlineData("torch.log(1 + x).log1p_()")]
        public Task StableTorchFormsAreNotFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expression.Replace("torch.log(1 + x).log1p_()", "x.log1p_()") + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task TheInlineFixesOfNan201AndNan202AreNotFlagged()
        {
            const string source = @"using System;
class C
{
    double LogSigmoid(double z) => Math.Min(z, 0.0) - Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
    float LogSigmoidF(float z) => MathF.Min(z, 0f) - MathF.Log(1f + MathF.Exp(-MathF.Abs(z)));
    double Bce(double z, double y) => Math.Max(z, 0.0) - z * y + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));
    float BceF(float z, float y) => -(MathF.Max(z, 0f) - z * y + MathF.Log(1f + MathF.Exp(-MathF.Abs(z))));
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task NanGuardFormsAreNotFlagged()
        {
            const string source = @"using System;
using NanGuard;
class C
{
    double M(double x) => SafeMath.Log1P(x) + SafeMath.ExpM1(x);
    float N(float x) => SafeMath.Log1P(x) + SafeMath.ExpM1(x);
}";
            return VerifyCS.AnalyzerAsync(source, new TestOptions { WithNanGuard = true });
        }

        // ------------------------------------------------------------------ fixes

        [Theory]
        [InlineData("Math.Log({|NAN203:1 + x|})", "SafeMath.Log1P(x)")]
        [InlineData("Math.Log({|NAN203:x * x + 1|})", "SafeMath.Log1P(x * x)")]
        [InlineData("{|NAN203:Math.Exp(x) - 1|}", "SafeMath.ExpM1(x)")]
        [InlineData("{|NAN203:double.LogP1(x)|}", "SafeMath.Log1P(x)")]
        [InlineData("{|NAN203:double.ExpM1(2 * x)|}", "SafeMath.ExpM1(2 * x)")]
        [InlineData("3 * ({|NAN203:Math.Exp(x) - 1|})", "3 * SafeMath.ExpM1(x)")]
        public Task SafeMathFixDouble(string expression, string expected)
        {
            var source = @"using System;
class C
{
    double M(double x) => " + expression + @";
}";
            var fixedSource = @"using System;
using NanGuard;
class C
{
    double M(double x) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, Log1PCodeFix.SafeMathKey, new TestOptions { WithNanGuard = true });
        }

        [Theory]
        [InlineData("MathF.Log({|NAN203:1f + x|})", "SafeMath.Log1P(x)")]
        [InlineData("{|NAN203:MathF.Exp(x) - 1f|}", "SafeMath.ExpM1(x)")]
        [InlineData("{|NAN203:float.LogP1(x)|}", "SafeMath.Log1P(x)")]
        [InlineData("(float)Math.Log({|NAN203:1 + x|})", "(float)SafeMath.Log1P((double)x)")]
        public Task SafeMathFixFloatKeepsTheResultType(string expression, string expected)
        {
            var source = @"using System;
using NanGuard;

class C
{
    float M(float x) => " + expression + @";
}";
            var fixedSource = @"using System;
using NanGuard;

class C
{
    float M(float x) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, Log1PCodeFix.SafeMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task NoScalarFixWithoutNanGuard()
        {
            const string source = @"using System;
class C
{
    double M(double x) => Math.Log({|NAN203:1 + x|}) + ({|NAN203:Math.Exp(x) - 1|});
}";
            return VerifyCS.NoCodeFixAsync(source);
        }

        [Theory]
        [InlineData("torch.log({|NAN203:1 + x|})", "torch.log1p(x)")]
        [InlineData("torch.log({|NAN203:a * x + 1|})", "torch.log1p(a * x)")]
        [InlineData("({|NAN203:1 + x|}).log()", "x.log1p()")]
        [InlineData("({|NAN203:1 + a * x|}).log()", "(a * x).log1p()")]
        [InlineData("{|NAN203:torch.exp(x) - 1|}", "torch.expm1(x)")]
        [InlineData("{|NAN203:x.exp() - 1|}", "x.expm1()")]
        [InlineData("2 * ({|NAN203:x.exp() - 1|})", "2 * x.expm1()")]
        [InlineData("2 * ( /* d */ {|NAN203:x.exp() - 1|})", "2 * ( /* d */ x.expm1())")]
        public Task TorchFix(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x, Tensor a) => " + expression + @";
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor x, Tensor a) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, Log1PCodeFix.TorchKey);
        }

        [Fact]
        public Task FixAllExperiment()
        {
            const string source = @"using System;
class Poisson
{
    public double Terms(double rate, double dt)
    {
        var a = Math.Log({|NAN203:1 + rate * dt|});
        var b = {|NAN203:Math.Exp(rate * dt) - 1|};
        return a + b + {|NAN203:double.LogP1(dt)|};
    }
}";
            const string fixedSource = @"using System;
using NanGuard;
class Poisson
{
    public double Terms(double rate, double dt)
    {
        var a = SafeMath.Log1P(rate * dt);
        var b = SafeMath.ExpM1(rate * dt);
        return a + b + SafeMath.Log1P(dt);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, Log1PCodeFix.SafeMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task FixAllKeepsComments()
        {
            const string source = @"using System;
class Poisson
{
    // log-likelihood terms
    public double Terms(double rate, double dt)
    {
        var a = Math.Log(/* tiny */ {|NAN203:1 + rate * dt|}); // survival
        var b = {|NAN203:Math.Exp(rate * dt) - 1|} /* growth */;
        return a + b + {|NAN203:double.LogP1(dt)|};
    }
}";
            const string fixedSource = @"using System;
using NanGuard;
class Poisson
{
    // log-likelihood terms
    public double Terms(double rate, double dt)
    {
        var a = SafeMath.Log1P(rate * dt) /* tiny */; // survival
        var b = SafeMath.ExpM1(rate * dt) /* growth */;
        return a + b + SafeMath.Log1P(dt);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, Log1PCodeFix.SafeMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
        {
            const string source = @"using System;
class C
{
    double M(double x) => Math.Log(1 + {|CS0103:y|}) + double.{|CS0117:LogQ1|}(x);
}";
            return VerifyCS.AnalyzerAsync(source);
        }
    }
}

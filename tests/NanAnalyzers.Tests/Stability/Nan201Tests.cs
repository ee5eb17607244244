using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Stability;
using NanAnalyzers.Rules.Stability;
using NanAnalyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Stability.LogOfSoftmaxAnalyzer, NanAnalyzers.CodeFixes.Stability.LogOfSoftmaxCodeFix>;

namespace NanAnalyzers.Tests.Stability
{
    public class Nan201Tests
    {
        private const string Usings = "using System;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

        [Theory]
        [InlineData("torch.log(torch.softmax(x, 1))")]
        [InlineData("x.softmax(1).log()")]
        [InlineData("x.softmax(-1).log_()")]
        [InlineData("torch.log(torch.nn.functional.softmax(x, 1))")]
        [InlineData("torch.log(torch.sigmoid(x))")]
        [InlineData("x.sigmoid().log()")]
        [InlineData("torch.log(torch.nn.functional.sigmoid(x))")]
        [InlineData("torch.log(1 - torch.sigmoid(x))")]
        [InlineData("log(softmax(x, 1))")]
        public Task TorchLogOfSoftmaxOrSigmoidIsFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN201:" + expression + @"|};
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task SoftmaxStoredInALocalFirstIsFlagged()
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor logits)
    {
        var probs = torch.softmax(logits, 1);
        var logProbs = {|NAN201:torch.log(probs)|};
        return logProbs;
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("Math.Log(Sigmoid(z))")]
        [InlineData("Math.Log(1 - Sigmoid(z))")]
        [InlineData("Math.Log(1.0 / (1.0 + Math.Exp(-z)))")]
        [InlineData("Math.Log(SigmoidBlock(z))")]
        [InlineData("Math.Log(Logistic(z))")]
        [InlineData("double.Log(Sigmoid(z))")]
        public Task ScalarLogOfASigmoidHelperIsFlagged(string expression)
        {
            var source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    static double SigmoidBlock(double v)
    {
        return 1.0 / (1.0 + Math.Exp(-v));
    }
    static double Logistic(double v) => Sigmoid(v);
    double M(double z) => {|NAN201:" + expression + @"|};
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task FloatSigmoidThroughALocalIsFlagged()
        {
            const string source = @"using System;
class C
{
    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float LogLikelihood(float z)
    {
        var p = Sigmoid(z);
        return {|NAN201:MathF.Log(p)|};
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.nn.functional.log_softmax(x, 1)")]
        [InlineData("x.log_softmax(1)")]
        [InlineData("torch.nn.functional.logsigmoid(x)")]
        [InlineData("x.log_sigmoid()")]
        [InlineData("torch.log(x)")]
        [InlineData("torch.log(torch.softmax(x, 1) + 1e-8)")]
        [InlineData("torch.log(torch.clamp(torch.softmax(x, 1), 1e-7, 1.0))")]
        [InlineData("torch.log(torch.exp(x))")]
        [InlineData("torch.nn.functional.nll_loss(torch.nn.functional.log_softmax(x, 1), x)")]
        [InlineData("torch.softmax(x, 1)")]
        public Task StableTorchFormsAreNotFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task NllLossOfLogSoftmaxIsLeftToNan202()
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x, Tensor y) => torch.nn.functional.nll_loss(torch.log(torch.softmax(x, 1)), y);
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("Math.Log(Sigmoid(z) + 1e-7)")]
        [InlineData("Math.Log(Math.Max(Sigmoid(z), 1e-12))")]
        [InlineData("Math.Log(Math.Clamp(Sigmoid(z), 1e-7, 1 - 1e-7))")]
        [InlineData("Math.Log(NotASigmoid(z))")]
        [InlineData("Math.Log(Softplus(z))")]
        [InlineData("Math.Log(z)")]
        [InlineData("Math.Min(z, 0) - Math.Log(1 + Math.Exp(-Math.Abs(z)))")]
        [InlineData("Math.Log(Sigmoid(z), 2)")]
        [InlineData("Math.Log(1 + Math.Exp(-z))")]
        public Task OtherScalarLogsAreNotFlagged(string expression)
        {
            var source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    static double NotASigmoid(double z) => 1 / (2 + Math.Exp(-z));
    static double Softplus(double z) => Math.Log(1 + Math.Exp(z));
    double M(double z) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task ReassignedLocalIsNotFollowed()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z)
    {
        var p = Sigmoid(z);
        p = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return Math.Log(p);
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task SigmoidGuardedByABranchIsNotFlagged()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z)
    {
        var p = Sigmoid(z);
        if (p <= 0)
        {
            return -745;
        }

        return Math.Log(p);
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task BothLogsOfAHandWrittenBceAreLeftToNan202()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double Loss(double z, double y)
    {
        var p = Sigmoid(z);
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z) => Math.Log(Sigmoid());
    double N(double z) => Math.Log(Undefined(z));
    double O(double z) => Math.Log();
}";
            return VerifyCS.AnalyzerAsync(
                source,
                DiagnosticResult.CompilerError("CS7036").WithSpan(5, 36, 5, 43).WithArguments("z", "C.Sigmoid(double)"),
                DiagnosticResult.CompilerError("CS0103").WithSpan(6, 36, 6, 45).WithArguments("Undefined"),
                DiagnosticResult.CompilerError("CS1501").WithSpan(7, 32, 7, 35).WithArguments("Log", "0"));
        }

        // ------------------------------------------------------------------ fixes

        [Theory]
        [InlineData("torch.log(torch.softmax(x, 1))", "torch.nn.functional.log_softmax(x, 1)")]
        [InlineData("torch.log(torch.nn.functional.softmax(x, dim: -1))", "torch.nn.functional.log_softmax(x, -1)")]
        [InlineData("x.softmax(1).log()", "x.log_softmax(1)")]
        [InlineData("(x * 2).softmax(0).log()", "(x * 2).log_softmax(0)")]
        [InlineData("torch.log(torch.softmax(x, 1, ScalarType.Float64))", "torch.special.log_softmax(x, 1, ScalarType.Float64)")]
        public Task TorchLogSoftmaxFix(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN201:" + expression + @"|};
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.TorchLogSoftmaxKey);
        }

        [Theory]
        [InlineData("torch.log(torch.sigmoid(x))", "torch.nn.functional.logsigmoid(x)")]
        [InlineData("x.sigmoid().log()", "x.log_sigmoid()")]
        [InlineData("torch.log(1 - torch.sigmoid(x))", "torch.nn.functional.logsigmoid(-x)")]
        [InlineData("torch.log(1 - torch.sigmoid(a + x))", "torch.nn.functional.logsigmoid(-(a + x))")]
        public Task TorchLogSigmoidFix(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x, Tensor a) => {|NAN201:" + expression + @"|};
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor x, Tensor a) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.TorchLogSigmoidKey);
        }

        [Fact]
        public Task TorchFixThroughALocalUsesTheLogitsAndKeepsComments()
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor logits)
    {
        var probs = torch.softmax(logits, 1);
        // per-class log-probabilities
        var logProbs = /* unstable */ {|NAN201:torch.log(probs)|}; // keep me
        return logProbs;
    }
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor logits)
    {
        var probs = torch.softmax(logits, 1);
        // per-class log-probabilities
        var logProbs = /* unstable */ torch.nn.functional.log_softmax(logits, 1); // keep me
        return logProbs;
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.TorchLogSoftmaxKey);
        }

        [Fact]
        public Task TorchFixAddsTheUsingWhenOnlyUsingStaticIsPresent()
        {
            const string source = @"using static TorchSharp.torch;
class C
{
    Tensor M(Tensor x) => {|NAN201:log(softmax(x, 1))|};
}";
            const string fixedSource = @"using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor x) => torch.nn.functional.log_softmax(x, 1);
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.TorchLogSoftmaxKey);
        }

        [Fact]
        public Task TorchFixAllFixesEveryLog()
        {
            var source = Usings + @"
class C
{
    (Tensor, Tensor, Tensor) M(Tensor x, Tensor y)
    {
        var a = {|NAN201:torch.log(torch.softmax(x, 1))|};
        var b = {|NAN201:y.softmax(0).log()|};
        var c = {|NAN201:torch.log(torch.softmax(y, -1))|};
        return (a, b, c);
    }
}";
            var fixedSource = Usings + @"
class C
{
    (Tensor, Tensor, Tensor) M(Tensor x, Tensor y)
    {
        var a = torch.nn.functional.log_softmax(x, 1);
        var b = y.log_softmax(0);
        var c = torch.nn.functional.log_softmax(y, -1);
        return (a, b, c);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.TorchLogSoftmaxKey);
        }

        [Fact]
        public Task ScalarFixWithNanGuardUsesStableMathLogSigmoid()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z, double w) => w * {|NAN201:Math.Log(Sigmoid(z))|} /* log p */ + {|NAN201:Math.Log(1 - Sigmoid(w))|};
}";
            const string fixedSource = @"using System;
using NanGuard;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z, double w) => w * StableMath.LogSigmoid(z) /* log p */ + StableMath.LogSigmoid(-w);
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task ScalarFixWithNanGuardFloat()
        {
            const string source = @"using System;
using NanGuard;

class C
{
    static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float M(float z)
    {
        var p = Sigmoid(z);
        return {|NAN201:MathF.Log(p)|};
    }
}";
            const string fixedSource = @"using System;
using NanGuard;

class C
{
    static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float M(float z)
    {
        var p = Sigmoid(z);
        return StableMath.LogSigmoid(z);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task ScalarInlineFixWithoutNanGuard()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z, double w) => 2 * {|NAN201:Math.Log(Sigmoid(z))|} + {|NAN201:Math.Log(1 - Sigmoid(w))|};
}";
            const string fixedSource = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double M(double z, double w) => 2 * (Math.Min(z, 0.0) - Math.Log(1.0 + Math.Exp(-Math.Abs(z)))) + (Math.Min(-w, 0.0) - Math.Log(1.0 + Math.Exp(-Math.Abs(w))));
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.InlineKey);
        }

        [Fact]
        public Task ScalarInlineFixFloat()
        {
            const string source = @"using System;
class C
{
    static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float M(float[] z, int i) => {|NAN201:MathF.Log(Sigmoid(z[i]))|};
}";
            const string fixedSource = @"using System;
class C
{
    static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float M(float[] z, int i) => MathF.Min(z[i], 0f) - MathF.Log(1f + MathF.Exp(-MathF.Abs(z[i])));
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogOfSoftmaxCodeFix.InlineKey);
        }

        [Fact]
        public Task NoInlineFixForAnExpensiveArgumentWithoutNanGuard()
        {
            const string source = @"using System;
class C
{
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    double Dot(double[] w, double[] x) => w[0] * x[0];
    double M(double[] w, double[] x) => {|NAN201:Math.Log(Sigmoid(Dot(w, x)))|};
}";
            return VerifyCS.NoCodeFixAsync(source);
        }
    }
}

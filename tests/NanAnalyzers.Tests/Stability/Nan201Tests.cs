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
    }
}

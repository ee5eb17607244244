using System;
using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Stability;
using NanAnalyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Stability.CrossEntropyOnProbabilitiesAnalyzer, NanAnalyzers.CodeFixes.Stability.CrossEntropyOnProbabilitiesCodeFix>;

namespace NanAnalyzers.Tests.Stability
{
    public class Nan202Tests
    {
        private const string Usings = "using System;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

        private const string Helpers = @"
    static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
    static float SigmoidF(float z) => 1f / (1f + MathF.Exp(-z));";

        [Theory]
        [InlineData("torch.nn.functional.binary_cross_entropy(torch.sigmoid(z), y)")]
        [InlineData("torch.nn.functional.binary_cross_entropy(z.sigmoid(), y, reduction: nn.Reduction.Sum)")]
        [InlineData("nn.functional.binary_cross_entropy(torch.nn.functional.sigmoid(z), y)")]
        [InlineData("torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 1)), y)")]
        [InlineData("torch.nn.functional.nll_loss(z.softmax(1).log(), y)")]
        public Task TorchLossOnProbabilitiesIsFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y) => {|NAN202:" + expression + @"|};
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task TorchProbabilitiesThroughALocalAreFlagged()
        {
            var source = Usings + @"
class C
{
    Tensor Step(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        var logits = model.forward(x);
        var probs = torch.sigmoid(logits);
        var loss = {|NAN202:torch.nn.functional.binary_cross_entropy(probs, y)|};
        return loss;
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("-(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))")]
        [InlineData("-y * Math.Log(p) - (1 - y) * Math.Log(1 - p)")]
        [InlineData("-(Math.Log(p) * y + Math.Log(1 - p) * (1 - y))")]
        [InlineData("y * Math.Log(p) + (1 - y) * Math.Log(1 - p)")]
        [InlineData("-(y * Math.Log(Sigmoid(z)) + (1 - y) * Math.Log(1 - Sigmoid(z)))")]
        [InlineData("-(w * y * Math.Log(p) + (1 - y) * Math.Log(1 - p))")]
        public Task HandWrittenBceOnASigmoidIsFlagged(string expression)
        {
            var source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y, double w)
    {
        var p = Sigmoid(z);
        return {|NAN202:" + expression + @"|};
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task HandWrittenBceInATrainingLoopIsFlagged()
        {
            const string source = @"using System;
class LogisticRegression
{
    private readonly double[] w = new double[3];
    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    public double Epoch(double[][] xs, double[] ys)
    {
        double loss = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double z = w[0] * xs[i][0] + w[1] * xs[i][1] + w[2];
            double p = Sigmoid(z);
            loss += {|NAN202:-(ys[i] * Math.Log(p) + (1 - ys[i]) * Math.Log(1 - p))|};
        }

        return loss / xs.Length;
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task FloatHandWrittenBceIsFlagged()
        {
            const string source = @"using System;
class C
{
    static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
    float Loss(float z, float y)
    {
        float p = Sigmoid(z);
        return {|NAN202:-(y * MathF.Log(p) + (1f - y) * MathF.Log(1f - p))|};
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.nn.functional.binary_cross_entropy_with_logits(z, y)")]
        [InlineData("torch.nn.functional.cross_entropy(z, y)")]
        [InlineData("torch.nn.functional.nll_loss(torch.nn.functional.log_softmax(z, 1), y)")]
        [InlineData("torch.nn.functional.nll_loss(z.log_softmax(1), y)")]
        [InlineData("torch.nn.functional.binary_cross_entropy(z, y)")]
        [InlineData("torch.nn.functional.binary_cross_entropy(torch.clamp(torch.sigmoid(z), 1e-7, 1 - 1e-7), y)")]
        [InlineData("torch.nn.functional.nll_loss(z, y)")]
        public Task StableTorchLossesAreNotFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("var p = Math.Clamp(Sigmoid(z), 1e-7, 1 - 1e-7);")]
        [InlineData("var p = Math.Max(1e-7, Math.Min(Sigmoid(z), 1 - 1e-7));")]
        [InlineData("var p = Math.Min(Math.Max(Sigmoid(z), 1e-7), 1 - 1e-7);")]
        [InlineData("var p = y;")]
        [InlineData("var p = Sigmoid(z); p = Math.Clamp(p, 1e-7, 1 - 1e-7);")]
        public Task HandWrittenBceOnAClampedOrUnknownPIsNotFlagged(string declaration)
        {
            var source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y)
    {
        " + declaration + @"
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task HandWrittenBceBehindAGuardOnPIsNotFlagged()
        {
            const string source = @"using System;
class C
{" + Helpers + @"
    double Loss(double[] zs, double[] ys)
    {
        double loss = 0;
        for (int i = 0; i < zs.Length; i++)
        {
            var p = Sigmoid(zs[i]);
            if (p < 1e-12 || p > 1 - 1e-12)
            {
                continue;
            }

            loss += -(ys[i] * Math.Log(p) + (1 - ys[i]) * Math.Log(1 - p));
        }

        return loss;
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("-(y * Math.Log(p + 1e-9) + (1 - y) * Math.Log(1 - p + 1e-9))")]
        [InlineData("-(y * Math.Log(Math.Max(p, 1e-12)) + (1 - y) * Math.Log(Math.Max(1 - p, 1e-12)))")]
        [InlineData("Math.Max(z, 0) - z * y + Math.Log(1 + Math.Exp(-Math.Abs(z)))")]
        [InlineData("-(y * Math.Log(p) + (1 - y) * Math.Log(1 - q))")]
        [InlineData("-Math.Log(p)")]
        public Task OtherLossesAreNotFlagged(string expression)
        {
            var source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y, double q)
    {
        var p = Sigmoid(z);
        return " + expression + @";
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        // ------------------------------------------------------------------ fixes

        [Theory]
        [InlineData(
            "torch.nn.functional.binary_cross_entropy(torch.sigmoid(z), y)",
            "torch.nn.functional.binary_cross_entropy_with_logits(z, y)")]
        [InlineData(
            "torch.nn.functional.binary_cross_entropy(z.sigmoid(), y, w, nn.Reduction.Sum)",
            "torch.nn.functional.binary_cross_entropy_with_logits(z, y, w, nn.Reduction.Sum)")]
        [InlineData(
            "nn.functional.binary_cross_entropy(torch.sigmoid(z + w), y, reduction: nn.Reduction.None)",
            "torch.nn.functional.binary_cross_entropy_with_logits(z + w, y, reduction: nn.Reduction.None)")]
        public Task TorchBceFixUsesTheLogitsAndKeepsWeightAndReduction(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y, Tensor w) => {|NAN202:" + expression + @"|};
}";
            var fixedSource = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y, Tensor w) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.TorchBceKey);
        }

        [Theory]
        [InlineData(
            "torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 1)), y)",
            "torch.nn.functional.cross_entropy(z, y)")]
        [InlineData(
            "torch.nn.functional.nll_loss(z.softmax(1).log(), y, w, nn.Reduction.Sum)",
            "torch.nn.functional.cross_entropy(z, y, w, reduction: nn.Reduction.Sum)")]
        [InlineData(
            "torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 1)), y, reduction: nn.Reduction.None)",
            "torch.nn.functional.cross_entropy(z, y, reduction: nn.Reduction.None)")]
        public Task TorchNllFixUsesCrossEntropy(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y, Tensor w) => {|NAN202:" + expression + @"|};
}";
            var fixedSource = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y, Tensor w) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.TorchCrossEntropyKey);
        }

        [Fact]
        public Task NoCrossEntropyFixWhenTheSoftmaxIsNotOverDimensionOne()
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y) => {|NAN202:torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 0)), y)|};
}";
            return VerifyCS.NoCodeFixAsync(source);
        }

        [Fact]
        public Task TorchFixAllFixesEveryShapeAndKeepsComments()
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor logits, Tensor y, Tensor scores, Tensor labels)
    {
        var probs = torch.sigmoid(logits);
        // binary part
        var a = {|NAN202:torch.nn.functional.binary_cross_entropy(probs /* p */, y)|}; // mean
        var b = {|NAN202:torch.nn.functional.binary_cross_entropy(scores.sigmoid(), labels)|};
        var c = {|NAN202:torch.nn.functional.nll_loss(torch.log(torch.softmax(scores, 1)), labels)|};
        return a + b + c;
    }
}";
            var fixedSource = Usings + @"
class C
{
    Tensor Loss(Tensor logits, Tensor y, Tensor scores, Tensor labels)
    {
        var probs = torch.sigmoid(logits);
        // binary part
        var a = torch.nn.functional.binary_cross_entropy_with_logits(logits /* p */, y); // mean
        var b = torch.nn.functional.binary_cross_entropy_with_logits(scores, labels);
        var c = torch.nn.functional.nll_loss(torch.log(torch.softmax(scores, 1)), labels);
        return a + b + c;
    }
}";
            // Fix All fixes all: the multiclass line, which has no BCE fix, gets its own first fix (cross_entropy), so that
            // `dotnet format` leaves nothing whichever diagnostic it meets first.
            var batchFixedSource = fixedSource.Replace(
                "torch.nn.functional.nll_loss(torch.log(torch.softmax(scores, 1)), labels)",
                "torch.nn.functional.cross_entropy(scores, labels)",
                StringComparison.Ordinal);
            return VerifyCS.CodeFixAsync(
                source,
                fixedSource,
                batchFixedSource,
                CrossEntropyOnProbabilitiesCodeFix.TorchBceKey,
                null,
                new DiagnosticResult[0],
                new[] { VerifyCS.Diagnostic("NAN202").WithSpan(13, 17, 13, 90) });
        }

        [Theory]
        [InlineData("-(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))", "StableMath.BinaryCrossEntropyWithLogits(z, y)")]
        [InlineData("-y * Math.Log(p) - (1 - y) * Math.Log(1 - p)", "StableMath.BinaryCrossEntropyWithLogits(z, y)")]
        [InlineData("y * Math.Log(p) + (1 - y) * Math.Log(1 - p)", "-StableMath.BinaryCrossEntropyWithLogits(z, y)")]
        public Task HandWrittenFixWithNanGuard(string expression, string expected)
        {
            var source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y)
    {
        var p = Sigmoid(z);
        return {|NAN202:" + expression + @"|};
    }
}";
            var fixedSource = @"using System;
using NanGuard;
class C
{" + Helpers + @"
    double Loss(double z, double y)
    {
        var p = Sigmoid(z);
        return " + expected + @";
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task HandWrittenFixAllWithNanGuardInATrainingLoopKeepsComments()
        {
            const string source = @"using System;
using NanGuard;

class C
{
    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    public float Loss(float[] zs, float[] ys)
    {
        float loss = 0f;
        for (int i = 0; i < zs.Length; i++)
        {
            var p = Sigmoid(zs[i]);
            loss += /* bce */ {|NAN202:-(ys[i] * MathF.Log(p) + (1f - ys[i]) * MathF.Log(1f - p))|}; // per sample
            loss += 0.5f * {|NAN202:-(ys[i] * MathF.Log(Sigmoid(zs[i])) + (1f - ys[i]) * MathF.Log(1f - Sigmoid(zs[i])))|};
        }

        return loss / zs.Length;
    }
}";
            const string fixedSource = @"using System;
using NanGuard;

class C
{
    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    public float Loss(float[] zs, float[] ys)
    {
        float loss = 0f;
        for (int i = 0; i < zs.Length; i++)
        {
            var p = Sigmoid(zs[i]);
            loss += /* bce */ StableMath.BinaryCrossEntropyWithLogits(zs[i], ys[i]); // per sample
            loss += 0.5f * StableMath.BinaryCrossEntropyWithLogits(zs[i], ys[i]);
        }

        return loss / zs.Length;
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task HandWrittenInlineFixWithoutNanGuard()
        {
            const string source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y)
    {
        var p = Sigmoid(z);
        return 2 * {|NAN202:-(y * Math.Log(p) + (1 - y) * Math.Log(1 - p))|};
    }
}";
            const string fixedSource = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y)
    {
        var p = Sigmoid(z);
        return 2 * (Math.Max(z, 0.0) - z * y + Math.Log(1.0 + Math.Exp(-Math.Abs(z))));
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.InlineKey);
        }

        [Fact]
        public Task HandWrittenInlineFixFloatLogLikelihood()
        {
            const string source = @"using System;
class C
{" + Helpers + @"
    float LogLikelihood(float z, float t)
    {
        float p = SigmoidF(z);
        return {|NAN202:t * MathF.Log(p) + (1f - t) * MathF.Log(1f - p)|};
    }
}";
            const string fixedSource = @"using System;
class C
{" + Helpers + @"
    float LogLikelihood(float z, float t)
    {
        float p = SigmoidF(z);
        return -(MathF.Max(z, 0f) - z * t + MathF.Log(1f + MathF.Exp(-MathF.Abs(z))));
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, CrossEntropyOnProbabilitiesCodeFix.InlineKey);
        }

        [Fact]
        public Task NoFixForAWeightedFormThatDoesNotMapToTheLogitsLoss()
        {
            const string source = @"using System;
class C
{" + Helpers + @"
    double Loss(double z, double y, double w)
    {
        var p = Sigmoid(z);
        return {|NAN202:-(w * y * Math.Log(p) + (1 - y) * Math.Log(1 - p))|};
    }
}";
            return VerifyCS.NoCodeFixAsync(source, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
        {
            var source = Usings + @"
class C
{
    Tensor Loss(Tensor z, Tensor y) => torch.nn.functional.binary_cross_entropy(torch.{|CS7036:sigmoid|}(), y);
}";
            return VerifyCS.AnalyzerAsync(source);
        }
    }
}

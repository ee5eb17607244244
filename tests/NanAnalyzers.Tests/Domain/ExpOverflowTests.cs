using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Domain;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Domain.ExpOverflowAnalyzer, NanAnalyzers.CodeFixes.Domain.DomainCodeFixProvider>;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>NAN104: exp may overflow; softmax without max subtraction; TensorPrimitives.SoftMax.</summary>
    public class ExpOverflowTests
    {
        private static readonly TestOptions NanGuard = new TestOptions { WithNanGuard = true };

        // ---- flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task UnboundedArgumentsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double v) => Math.Exp({|NAN104:v|});

    double Logit(double[] w, double[] x)
    {
        double z = 0;
        for (int i = 0; i < w.Length; i++) z += w[i] * x[i];
        return Math.Exp({|NAN104:z|});
    }

    double Odds(double v)
    {
        double k = Math.Exp({|NAN104:v|});
        return k / (1 + k);
    }
}");

        [Fact]
        public Task SoftmaxWithoutMaxSubtractionIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double[] Softmax(double[] z)
    {
        var e = new double[z.Length];
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            e[i] = Math.Exp({|NAN104:z[i]|});
            sum += e[i];
        }

        for (int i = 0; i < z.Length; i++) e[i] /= sum;
        return e;
    }
}");

        [Fact]
        public Task FloatUsesTheFloatLimit()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    float F(float x) => MathF.Exp({|NAN104:Math.Clamp(x, 0f, 100f)|});
    double D(double x) => Math.Exp(Math.Clamp(x, 0, 100));
}");

        [Fact]
        public async Task TheMessageGivesTheLimit()
        {
            var message = await DomainTestSupport.SingleMessageAsync<ExpOverflowAnalyzer>(@"
class C
{
    float F(float x) => MathF.Exp(x);
}");
            Assert.Contains("'MathF.Exp' may overflow to Infinity", message);
            Assert.Contains("exp overflows above 88.72 in float", message);
        }

        [Fact]
        public Task GenericTorchAndMathNetExpsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    double D(double x) => double.Exp({|NAN104:x|});
    T G<T>(T x) where T : System.Numerics.IExponentialFunctions<T> => T.Exp({|NAN104:x|});
    Tensor T1(Tensor logits) => torch.exp({|NAN104:logits|}) + {|NAN104:logits|}.exp();
    Vector<double> V(Vector<double> v) => {|NAN104:v|}.PointwiseExp();
}");

        [Fact]
        public Task TensorPrimitivesSoftMaxIsFlagged()
            => DomainTestSupport.AnalyzeWithTensorsAsync<ExpOverflowAnalyzer>(@"
using System.Numerics.Tensors;
class C
{
    void M(float[] logits, float[] probs) => TensorPrimitives.SoftMax({|NAN104:logits|}, probs);
}");

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            await DomainTestSupport.AnalyzeBrokenCodeAsync<ExpOverflowAnalyzer>("class C { double M(double p) => 1 / (1 + Math.Exp(; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<ExpOverflowAnalyzer>("class C { double M(double[] z) { var max = z.Max(); return Math.Exp(z[0] - ); } }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<ExpOverflowAnalyzer>("class C { object M(TorchSharp.torch.Tensor t) => t.exp(3); }");
        }

        // ---- not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task MaxShiftedSoftmaxIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
using System.Linq;
class C
{
    double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = new double[z.Length];
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            e[i] = Math.Exp(z[i] - max);
            sum += e[i];
        }

        for (int i = 0; i < z.Length; i++) e[i] /= sum;
        return e;
    }

    double LogSumExp(double[] z)
    {
        double m = double.NegativeInfinity;
        for (int i = 0; i < z.Length; i++)
        {
            if (z[i] > m) m = z[i];
        }

        double s = 0;
        for (int i = 0; i < z.Length; i++) s += Math.Exp(z[i] - m);
        return m + Math.Log(s);
    }

    double Running(double[] z)
    {
        double m = z[0];
        foreach (var v in z) m = Math.Max(m, v);
        return Math.Exp(z[0] - m);
    }
}");

        [Fact]
        public Task ClampedAndNonPositiveArgumentsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double x) => Math.Exp(Math.Clamp(x, -10, 10)) + Math.Exp(-Math.Abs(x)) + Math.Exp(Math.Min(x, 50.0));
    double Gaussian(double x) => Math.Exp(-(x * x) / 2);
    float F(float x) => MathF.Exp(MathF.Min(x, 20f)) + MathF.Exp(1f);
}");

        [Fact]
        public Task SigmoidIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    float SigmoidF(float x) => 1f / (1f + MathF.Exp(-x));
    double Scaled(double x) => 2.0 / (1.0 + 3.0 * Math.Exp(-x));
}");

        [Fact]
        public Task TorchSharpStableFormsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor x) => (x - x.max()).exp() + x.clamp(-10, 10).exp() + torch.exp(x.clamp_max(20)) + torch.exp(-x.abs());
}");

        [Fact]
        public Task MathNetClampedExpIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v) => (v - v.Maximum()).PointwiseExp() + v.PointwiseMinimum(30.0).PointwiseExp();
}");

        // ---- fixes -------------------------------------------------------------------------------------

        [Fact]
        public Task NanGuardFixUsesSafeMathExp()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double v) => Math.Exp({|NAN104:v|});
    float B(float v) => MathF.Exp({|NAN104:v|});
}", @"
using System;
using NanGuard;
class C
{
    double A(double v) => SafeMath.Exp(v);
    float B(float v) => SafeMath.Exp(v);
}", "NAN104.SafeMath", NanGuard);

        [Fact]
        public Task InlineFixClampsTheArgument()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double v) => Math.Exp({|NAN104:v|}); // odds
    float B(float v) => MathF.Exp(/* logit */ {|NAN104:v|});
}", @"
using System;
class C
{
    double A(double v) => Math.Exp(Math.Min(v, 709.0)); // odds
    float B(float v) => MathF.Exp(/* logit */ MathF.Min(v, 88f));
}", "NAN104.Clamp");

        [Fact]
        public Task InlineFixForTorchSharpAndMathNet()
            => VerifyCS.CodeFixAsync(@"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor logits) => torch.exp({|NAN104:logits|}) + {|NAN104:logits|}.exp();
    Vector<double> V(Vector<double> v) => {|NAN104:v|}.PointwiseExp();
}", @"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor logits) => torch.exp(logits.clamp_max(88.0)) + logits.clamp_max(88.0).exp();
    Vector<double> V(Vector<double> v) => v.PointwiseMinimum(709.0).PointwiseExp();
}", "NAN104.Clamp");

        [Fact]
        public Task FixAllClampsEveryExp()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double a, double b, double c) => Math.Exp({|NAN104:a|}) + Math.Exp({|NAN104:b|}) + Math.Exp({|NAN104:c|});
}", @"
using System;
using NanGuard;
class C
{
    double M(double a, double b, double c) => SafeMath.Exp(a) + SafeMath.Exp(b) + SafeMath.Exp(c);
}", "NAN104.SafeMath", NanGuard);

        [Fact]
        public Task SoftMaxFixUsesStableMath()
            => DomainTestSupport.FixWithTensorsAsync<ExpOverflowAnalyzer, DomainCodeFixProvider>(@"
using System.Numerics.Tensors;
class C
{
    void M(float[] logits, float[] probs) => TensorPrimitives.SoftMax({|NAN104:logits|}, probs); // probabilities
}", @"
using System.Numerics.Tensors;
using NanGuard;
class C
{
    void M(float[] logits, float[] probs) => StableMath.Softmax(logits, probs); // probabilities
}", "NAN104.StableMath");
    }
}

using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Domain;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Domain.LogArgumentAnalyzer, NanAnalyzers.CodeFixes.Domain.DomainCodeFixProvider>;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>NAN101: the argument of a logarithm may be 0 or negative.</summary>
    public class LogArgumentTests
    {
        private static readonly TestOptions NanGuard = new TestOptions { WithNanGuard = true };

        // ---- flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task EntropyOfAnUnguardedParameterIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Entropy(double p) => -p * Math.Log({|NAN101:p|});
}");

        [Fact]
        public Task BoxMullerWithNextDoubleIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Gaussian(Random rng)
    {
        double u1 = rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log({|NAN101:u1|})) * Math.Cos(2.0 * Math.PI * u2);
    }
}");

        [Fact]
        public Task LogOfOneMinusSigmoidIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Bce(double z, double y)
    {
        double p = 1.0 / (1.0 + Math.Exp(-z));
        return -(y * Math.Log({|NAN101:p|}) + (1 - y) * Math.Log({|NAN101:1 - p|}));
    }
}");

        [Fact]
        public Task MathFLog2AndLog10AreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    float M(float x, double y) => MathF.Log({|NAN101:x|}) + MathF.Log2({|NAN101:x|}) + (float)Math.Log10({|NAN101:y|}) + (float)Math.Log2({|NAN101:y|}) + (float)Math.Log({|NAN101:y|}, 2.0);
}");

        [Fact]
        public Task GenericMathStaticsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.Numerics;
class C
{
    double D(double x) => double.Log({|NAN101:x|}) + double.Log10({|NAN101:x|});
    T G<T>(T x) where T : ILogarithmicFunctions<T> => T.Log({|NAN101:x|});
}");

        [Fact]
        public Task AGuardOnOneBranchDoesNotProtectTheOther()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double p)
    {
        double a = 0;
        if (p > 0)
        {
            a = Math.Log(p);
        }

        return a + Math.Log({|NAN101:p|});
    }
}");

        [Fact]
        public Task NonNegativeIsNotEnough()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double x) => Math.Log({|NAN101:Math.Abs(x)|}) + Math.Log({|NAN101:x * x|}) + Math.Log({|NAN101:Math.Max(x, 0)|});
}");

        [Fact]
        public Task LogOfACountIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
using System.Collections.Generic;
class C
{
    double M(List<double> xs) => Math.Log({|NAN101:xs.Count|});
}");

        [Fact]
        public Task TorchSharpLogsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor p, Tensor q)
    {
        var a = torch.log({|NAN101:p|});
        var b = {|NAN101:p|}.log();
        var c = torch.log2({|NAN101:q|}) + torch.log10({|NAN101:q|});
        {|NAN101:q|}.log_();
        return a + b + c;
    }
}");

        [Fact]
        public Task MathNetPointwiseLogIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v, Matrix<float> m)
    {
        var x = {|NAN101:m|}.PointwiseLog();
        return {|NAN101:v|}.PointwiseLog();
    }
}");

        [Fact]
        public async Task TheMessageSaysWhatTheRangeIsAndWhy()
        {
            var message = await DomainTestSupport.SingleMessageAsync<LogArgumentAnalyzer>(@"
class C
{
    double Entropy(double p) => -p * Math.Log(p);
}");
            Assert.Contains("'Math.Log'", message);
            Assert.Contains("0 or negative", message);
            Assert.Contains("'p'", message);
        }

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            await DomainTestSupport.AnalyzeBrokenCodeAsync<LogArgumentAnalyzer>("class C { double M(double p) => Math.Log(; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<LogArgumentAnalyzer>("class C { double M() => Math.Log(undefinedThing); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<LogArgumentAnalyzer>("class C { double M(double p) => Math.Log(p, ); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<LogArgumentAnalyzer>("class C { object M(TorchSharp.torch.Tensor t) => TorchSharp.torch.log(); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<LogArgumentAnalyzer>("class C { void M() { var x = Math.Log(\"a\"); } }");
        }

        // ---- not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task ClampedWithMathMaxIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    const double Eps = 1e-12;
    double M(double p) => Math.Log(Math.Max(p, 1e-12)) + Math.Log(Math.Max(Eps, p)) + MathF.Log(MathF.Max((float)p, 1e-7f));
}");

        [Fact]
        public Task EpsilonAddedToANonNegativeValueIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double x) => Math.Log(Math.Abs(x) + 1e-9) + Math.Log(x * x + 1) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
}");

        [Fact]
        public Task EpsilonAddedToANonNegativeLocalIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double x)
    {
        double p = Math.Abs(x);
        return Math.Log(p + 1e-9);
    }
}");

        [Fact]
        public Task CodeBehindAPositiveGuardIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double p)
    {
        if (p > 0)
        {
            return Math.Log(p);
        }

        return 0;
    }

    double B(double p) => p > 0 ? Math.Log(p) : 0;

    double D(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        return Math.Log(p);
    }

    double E(double[] ps)
    {
        double sum = 0;
        foreach (var p in ps)
        {
            if (p <= 0) continue;
            sum += p * Math.Log(p);
        }

        return -sum;
    }

    double F(double p)
    {
        if (p <= 0 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p));
        return Math.Log(p);
    }
}");

        [Fact]
        public Task BoxMullerWithOneMinusNextDoubleIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}");

        [Fact]
        public Task CrossEntropyWithClampedProbabilitiesIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    const double Eps = 1e-12;

    double CrossEntropy(double[] probs, int label) => -Math.Log(Math.Max(probs[label], Eps));

    double Bce(double[] p, double[] y)
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double q = Math.Clamp(p[i], Eps, 1 - Eps);
            loss -= y[i] * Math.Log(q) + (1 - y[i]) * Math.Log(1 - q);
        }

        return loss / Math.Max(p.Length, 1);
    }
}");

        [Fact]
        public Task SigmoidPlusEpsilonIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double z)
    {
        double s = 1.0 / (1.0 + Math.Exp(-z));
        return Math.Log(s + 1e-7);
    }
}");

        [Fact]
        public Task ConstantsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M() => Math.Log(2.0) + Math.Log10(1000) + Math.Log(Math.E) + MathF.Log2(8f);
}");

        [Fact]
        public Task RejectionLoopIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(Random rng)
    {
        double u = rng.NextDouble();
        while (u <= 0)
        {
            u = rng.NextDouble();
        }

        return -Math.Log(u);
    }
}");

        [Fact]
        public Task TorchSharpClampedLogsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    const double Eps = 1e-7;
    Tensor M(Tensor p)
    {
        var a = torch.log(torch.clamp(p, min: 1e-7));
        var b = p.clamp_min(Eps).log();
        var c = torch.log(p.softmax(1) + 1e-7) + torch.log(p.abs() + Eps) + torch.log(torch.clamp_min(p, 1e-7));
        var d = p.clamp(1e-7, 1.0).log();
        return a + b + c + d;
    }
}");

        [Fact]
        public Task TorchLogOfASoftmaxOrSigmoidIsLeftToNan201AndNan202()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor z, Tensor y)
    {
        var a = torch.log(torch.softmax(z, 1));
        var b = z.sigmoid().log();
        var probabilities = torch.softmax(z, 1);
        var c = torch.log(probabilities);
        var d = torch.log(1 - torch.sigmoid(z));
        var e = torch.nn.functional.nll_loss(torch.log(torch.softmax(z, 1)), y);
        return a + b + c + d + e;
    }
}");

        [Fact]
        public Task TorchLogOfOtherProbabilitiesIsStillFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor z, Tensor p)
    {
        var a = torch.log({|NAN101:torch.softmax(z, 1) * p|});
        var b = torch.log({|NAN101:torch.sigmoid(z) - 0.5|});
        return a + b;
    }
}");

        [Fact]
        public Task MathNetClampedLogIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v) => v.PointwiseMaximum(1e-12).PointwiseLog() + v.PointwiseAbs().Add(1.0).PointwiseLog();
}");


        [Fact]
        public Task NanGuardFixForLog2AndLog10InOneExpression()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double B(double p) => Math.Log2({|NAN101:p|}) + Math.Log10({|NAN101:p|});
}", @"
using System;
using NanGuard;
class C
{
    double B(double p) => SafeMath.Log2(p) + SafeMath.Log10(p);
}", "NAN101.SafeMath", NanGuard);

        [Fact]
        public Task FixAllWithNanGuardAddsOneUsingForThreeFixes()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double p) => Math.Log({|NAN101:p|});
    double B(double p) => Math.Log({|NAN101:p|});
    double D(double p) => Math.Log({|NAN101:p|});
}", @"
using System;
using NanGuard;
class C
{
    double A(double p) => SafeMath.Log(p);
    double B(double p) => SafeMath.Log(p);
    double D(double p) => SafeMath.Log(p);
}", "NAN101.SafeMath", NanGuard);

        // ---- fixes -------------------------------------------------------------------------------------

        [Fact]
        public Task NanGuardFixUsesSafeMathLog()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double Entropy(double p) => -p * Math.Log({|NAN101:p|});
}", @"
using System;
using NanGuard;
class C
{
    double Entropy(double p) => -p * SafeMath.Log(p);
}", "NAN101.SafeMath", NanGuard);

        [Fact]
        public Task NanGuardFixForFloatAndLog2AndLog10()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    float A(float p) => MathF.Log({|NAN101:p|});
    double B(double p) => Math.Log2({|NAN101:p|}) + Math.Log10({|NAN101:p|});
    double D(float p) => Math.Log({|NAN101:p|});
}", @"
using System;
using NanGuard;
class C
{
    float A(float p) => SafeMath.Log(p);
    double B(double p) => SafeMath.Log2(p) + SafeMath.Log10(p);
    double D(float p) => SafeMath.Log((double)p);
}", "NAN101.SafeMath", NanGuard);

        [Fact]
        public Task InlineFixClampsDouble()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double Entropy(double p) => -p * Math.Log({|NAN101:p|});
}", @"
using System;
class C
{
    double Entropy(double p) => -p * Math.Log(Math.Max(p, 1e-12));
}", "NAN101.Clamp");

        [Fact]
        public Task InlineFixClampsFloatWithMathF()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    float Entropy(float p) => -p * MathF.Log({|NAN101:p|});
}", @"
using System;
class C
{
    float Entropy(float p) => -p * MathF.Log(MathF.Max(p, 1e-7f));
}", "NAN101.Clamp");

        [Fact]
        public Task InlineFixIsOfferedWithNanGuardToo()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double p) => Math.Log({|NAN101:1 - p|});
}", @"
using System;
class C
{
    double M(double p) => Math.Log(Math.Max(1 - p, 1e-12));
}", "NAN101.Clamp", NanGuard);

        [Fact]
        public Task InlineFixForGenericMath()
            => VerifyCS.CodeFixAsync(@"
using System.Numerics;
class C
{
    double D(double x) => double.Log({|NAN101:x|});
    T G<T>(T x) where T : IFloatingPointIeee754<T> => T.Log({|NAN101:x|});
}", @"
using System.Numerics;
class C
{
    double D(double x) => double.Log(double.Max(x, 1e-12));
    T G<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(T.Max(x, T.CreateChecked(1e-12)));
}", "NAN101.Clamp");

        [Fact]
        public Task InlineFixForTorchSharp()
            => VerifyCS.CodeFixAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor p, Tensor q) => torch.log({|NAN101:p|}) + {|NAN101:q|}.log() + torch.log({|NAN101:p * q|});
}", @"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor p, Tensor q) => torch.log(p.clamp_min(1e-7)) + q.clamp_min(1e-7).log() + torch.log((p * q).clamp_min(1e-7));
}", "NAN101.Clamp");

        [Fact]
        public Task InlineFixForMathNet()
            => VerifyCS.CodeFixAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v) => {|NAN101:v|}.PointwiseLog();
    Vector<float> F(Vector<float> v) => {|NAN101:v|}.PointwiseLog();
}", @"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v) => v.PointwiseMaximum(1e-12).PointwiseLog();
    Vector<float> F(Vector<float> v) => v.PointwiseMaximum(1e-7f).PointwiseLog();
}", "NAN101.Clamp");

        [Fact]
        public Task EditorConfigEpsilonIsHonoured()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double p) => Math.Log({|NAN101:p|});
    float F(float p) => MathF.Log({|NAN101:p|});
}", @"
using System;
class C
{
    double M(double p) => Math.Log(Math.Max(p, 1e-9));
    float F(float p) => MathF.Log(MathF.Max(p, 1e-5f));
}", "NAN101.Clamp", new TestOptions { EditorConfig = "nan_analyzers.epsilon = 1e-9\nnan_analyzers.epsilon_float = 1e-5" });

        [Fact]
        public Task FixAllClampsEveryLogAndKeepsComments()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double Loss(double[] p, int[] y)
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            // binary cross-entropy
            loss -= y[i] * Math.Log(/* prob */ {|NAN101:p[i]|}) + (1 - y[i]) * Math.Log({|NAN101:1 - p[i]|} /* complement */); // per sample
        }

        return loss;
    }
}", @"
using System;
class C
{
    double Loss(double[] p, int[] y)
    {
        double loss = 0;
        for (int i = 0; i < p.Length; i++)
        {
            // binary cross-entropy
            loss -= y[i] * Math.Log(/* prob */ Math.Max(p[i], 1e-12)) + (1 - y[i]) * Math.Log(Math.Max(1 - p[i], 1e-12) /* complement */); // per sample
        }

        return loss;
    }
}", "NAN101.Clamp");

        [Fact]
        public Task FixAllWithNanGuard()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double a, double b) => Math.Log({|NAN101:a|}) - Math.Log({|NAN101:b|}); // log ratio
}", @"
using System;
using NanGuard;
class C
{
    double M(double a, double b) => SafeMath.Log(a) - SafeMath.Log(b); // log ratio
}", "NAN101.SafeMath", NanGuard);

        [Fact]
        public Task NoNanGuardFixWithoutNanGuard()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double p) => Math.Log({|NAN101:p|});
}", @"
using System;
class C
{
    double M(double p) => Math.Log({|NAN101:p|});
}", "NAN101.SafeMath", null, new Microsoft.CodeAnalysis.Testing.DiagnosticResult[0], new Microsoft.CodeAnalysis.Testing.DiagnosticResult[0]);
    }
}

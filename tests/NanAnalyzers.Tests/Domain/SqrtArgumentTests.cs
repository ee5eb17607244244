using System.Threading.Tasks;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Domain.SqrtArgumentAnalyzer, NanAnalyzers.CodeFixes.Domain.DomainCodeFixProvider>;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>NAN102: the argument of a square root may be negative, or 0 where a reciprocal or a gradient is taken.</summary>
    public class SqrtArgumentTests
    {
        private static readonly TestOptions NanGuard = new TestOptions { WithNanGuard = true };

        // ---- flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task OnePassVarianceIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Std(double[] xs)
    {
        if (xs.Length == 0) return 0;
        double s = 0, s2 = 0;
        foreach (var x in xs)
        {
            s += x;
            s2 += x * x;
        }

        double mean = s / xs.Length;
        return Math.Sqrt({|NAN102:s2 / xs.Length - mean * mean|});
    }
}");

        [Fact]
        public Task DifferencesAndParametersAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double a, double b) => Math.Sqrt({|NAN102:a - b|});
    float B(float v) => MathF.Sqrt({|NAN102:v|});
    double D(double v) => double.Sqrt({|NAN102:v|});
    T G<T>(T v) where T : System.Numerics.IRootFunctions<T> => T.Sqrt({|NAN102:v|});
}");

        [Fact]
        public Task ReciprocalSqrtOfAPossibleZeroIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double[] Normalize(double[] xs)
    {
        double ss = 0;
        foreach (var x in xs) ss += x * x;
        double inv = 1.0 / Math.Sqrt({|NAN102:ss|});
        var result = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++) result[i] = xs[i] * inv;
        return result;
    }

    float R(float x) => MathF.ReciprocalSqrtEstimate({|NAN102:x * x|});
}");

        [Fact]
        public async Task TheReciprocalMessageSaysZeroIsTheRisk()
        {
            var message = await DomainTestSupport.SingleMessageAsync<SqrtArgumentAnalyzer>(@"
class C
{
    double M(double x) => 1.0 / Math.Sqrt(x * x);
}");
            Assert.Contains("may be 0, and 1/sqrt(0) is Infinity", message);
            Assert.Contains("'x * x'", message);
        }

        [Fact]
        public Task TorchSqrtOfASumOfSquaresIsFlaggedForItsGradient()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor Norm(Tensor x) => torch.sqrt({|NAN102:(x * x).sum()|});
    Tensor Diff(Tensor a, Tensor b) => ({|NAN102:a - b|}).sqrt() + torch.rsqrt({|NAN102:a.pow(2)|});
}");

        [Fact]
        public Task MathNetPointwiseSqrtIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v, Vector<double> w) => ({|NAN102:v - w|}).PointwiseSqrt();
}");

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            await DomainTestSupport.AnalyzeBrokenCodeAsync<SqrtArgumentAnalyzer>("class C { double M(double p) => 1 / Math.Sqrt(; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<SqrtArgumentAnalyzer>("class C { double M() => Math.Sqrt(missing) / ; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<SqrtArgumentAnalyzer>("class C { object M(TorchSharp.torch.Tensor t) => t.sqrt(1, 2); }");
        }

        // ---- not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task SumsOfSquaresAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Hypot(double x, double y) => Math.Sqrt(x * x + y * y);

    double L2(double[] g)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        return Math.Sqrt(ss);
    }

    double Pow2(double x) => Math.Sqrt(Math.Pow(x, 2) + 1);
}");

        [Fact]
        public Task TwoPassVarianceIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Std(double[] xs)
    {
        if (xs.Length == 0) return 0;
        double mean = 0;
        foreach (var x in xs) mean += x;
        mean /= xs.Length;
        double var = 0;
        foreach (var x in xs) var += (x - mean) * (x - mean);
        return Math.Sqrt(var / xs.Length);
    }
}");

        [Fact]
        public Task ClampedArgumentsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double v) => Math.Sqrt(Math.Max(v, 0));
    float B(float v) => MathF.Sqrt(MathF.Max(v, 0f));
    double D(double v) => Math.Sqrt(Math.Abs(v)) + Math.Sqrt(2.0);
}");

        [Fact]
        public Task BatchNormalisationIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    const double Eps = 1e-5;

    void BatchNorm(double[] x, double gamma, double beta)
    {
        if (x.Length == 0) return;
        double mean = 0;
        for (int i = 0; i < x.Length; i++) mean += x[i];
        mean /= x.Length;
        double var = 0;
        for (int i = 0; i < x.Length; i++) var += (x[i] - mean) * (x[i] - mean);
        var /= x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = gamma * (x[i] - mean) / Math.Sqrt(var + Eps) + beta;
        }
    }
}");

        [Fact]
        public Task BoxMullerRadiusIsNotFlagged()
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
        public Task GuardedDifferenceIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double a, double b)
    {
        double d = a - b;
        if (d < 0) return 0;
        return Math.Sqrt(d);
    }

    double N(double v) => v > 0 ? 1 / Math.Sqrt(v) : 0;
}");

        [Fact]
        public Task TorchSqrtWithEpsilonIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor Norm(Tensor x) => torch.sqrt((x * x).sum() + 1e-7) + torch.sqrt(x.pow(2).mean() + 1e-8) + x.abs().clamp_min(1e-6).rsqrt();
}");

        [Fact]
        public Task MathNetClampedSqrtIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v) => v.PointwiseMaximum(0.0).PointwiseSqrt() + v.PointwiseAbs().PointwiseSqrt();
}");

        // ---- fixes -------------------------------------------------------------------------------------

        [Fact]
        public Task NanGuardFixUsesSafeMathSqrt()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double a, double b) => Math.Sqrt({|NAN102:a - b|});
    float B(float v) => MathF.Sqrt({|NAN102:v|});
}", @"
using System;
using NanGuard;
class C
{
    double A(double a, double b) => SafeMath.Sqrt(a - b);
    float B(float v) => SafeMath.Sqrt(v);
}", "NAN102.SafeMath", NanGuard);

        [Fact]
        public Task NanGuardFixPassesAnEpsilonWhereZeroIsTheRisk()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double x) => 1.0 / Math.Sqrt({|NAN102:x * x|});
}", @"
using System;
using NanGuard;
class C
{
    double M(double x) => 1.0 / SafeMath.Sqrt(x * x, 1e-12);
}", "NAN102.SafeMath", NanGuard);

        [Fact]
        public Task InlineFixClampsToZero()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double a, double b) => Math.Sqrt({|NAN102:a - b|});
    float B(float v) => MathF.Sqrt({|NAN102:v|}); // rms
}", @"
using System;
class C
{
    double A(double a, double b) => Math.Sqrt(Math.Max(a - b, 0));
    float B(float v) => MathF.Sqrt(MathF.Max(v, 0)); // rms
}", "NAN102.Clamp");

        [Fact]
        public Task InlineFixClampsToEpsilonWhereZeroIsTheRisk()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double x) => 1.0 / Math.Sqrt({|NAN102:x * x|});
}", @"
using System;
class C
{
    double M(double x) => 1.0 / Math.Sqrt(Math.Max(x * x, 1e-12));
}", "NAN102.Clamp");

        [Fact]
        public Task InlineFixForTorchSharpAddsEpsilonOrClamps()
            => VerifyCS.CodeFixAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor Norm(Tensor x) => torch.sqrt({|NAN102:(x * x).sum()|}) + {|NAN102:x.pow(2)|}.sqrt() + torch.sqrt({|NAN102:x|});
}", @"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor Norm(Tensor x) => torch.sqrt((x * x).sum() + 1e-7) + (x.pow(2) + 1e-7).sqrt() + torch.sqrt(x.clamp_min(1e-7));
}", "NAN102.Clamp");

        [Fact]
        public Task InlineFixForMathNet()
            => VerifyCS.CodeFixAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v, Vector<double> w) => ({|NAN102:v - w|}).PointwiseSqrt();
}", @"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v, Vector<double> w) => (v - w).PointwiseMaximum(0.0).PointwiseSqrt();
}", "NAN102.Clamp");

        [Fact]
        public Task EditorConfigEpsilonIsHonoured()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double x) => 1.0 / Math.Sqrt({|NAN102:x * x|});
}", @"
using System;
class C
{
    double M(double x) => 1.0 / Math.Sqrt(Math.Max(x * x, 1e-9));
}", "NAN102.Clamp", new TestOptions { EditorConfig = "nan_analyzers.epsilon = 1e-9" });

        [Fact]
        public Task FixAllWithComments()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double a, double b, double c)
    {
        // distances
        double d1 = Math.Sqrt(/* squared */ {|NAN102:a - b|});
        double d2 = Math.Sqrt({|NAN102:b - c|}); // second
        double d3 = Math.Sqrt({|NAN102:c - a|});
        return d1 + d2 + d3;
    }
}", @"
using System;
class C
{
    double M(double a, double b, double c)
    {
        // distances
        double d1 = Math.Sqrt(/* squared */ Math.Max(a - b, 0));
        double d2 = Math.Sqrt(Math.Max(b - c, 0)); // second
        double d3 = Math.Sqrt(Math.Max(c - a, 0));
        return d1 + d2 + d3;
    }
}", "NAN102.Clamp");
    }
}

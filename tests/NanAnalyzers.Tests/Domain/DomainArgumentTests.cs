using System.Threading.Tasks;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Domain.DomainArgumentAnalyzer, NanAnalyzers.CodeFixes.Domain.DomainCodeFixProvider>;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>NAN105: acos/asin outside [-1, 1], atanh outside (-1, 1), pow of a negative base with a non-integer exponent.</summary>
    public class DomainArgumentTests
    {
        private static readonly TestOptions NanGuard = new TestOptions { WithNanGuard = true };

        private const string CosineSimilarity = @"
using System;
class C
{
    double Angle(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return Math.Acos(ARG);
    }
}";

        // ---- flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task CosineSimilarityIsFlagged()
            => VerifyCS.AnalyzerAsync(CosineSimilarity.Replace("ARG", "{|NAN105:dot / (Math.Sqrt(na) * Math.Sqrt(nb))|}"));

        [Fact]
        public Task AcosAsinAndAtanhOfUnknownValuesAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double c) => Math.Acos({|NAN105:c|}) + Math.Asin({|NAN105:c|}) + Math.Atanh({|NAN105:c|});
    float F(float c) => MathF.Acos({|NAN105:c|}) + MathF.Atanh({|NAN105:c|});
    double D(double c) => double.Acos({|NAN105:c|});
    T G<T>(T c) where T : System.Numerics.ITrigonometricFunctions<T> => T.Asin({|NAN105:c|});
    double TanhThenAtanh(double x) => Math.Atanh({|NAN105:Math.Tanh(x)|});
    double Above(double x) => Math.Acos({|NAN105:Math.Abs(x) + 0.5|});
}");

        [Fact]
        public Task PowOfAPossiblyNegativeBaseWithAFractionalExponentIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double x) => Math.Pow({|NAN105:x|}, 0.5);
    double B(double x, double e) => Math.Pow({|NAN105:x - 1|}, e);
    float F(float x) => MathF.Pow({|NAN105:x|}, 1.5f);
}");

        [Fact]
        public async Task TheMessageSaysWhichSideIsAtRisk()
        {
            var message = await DomainTestSupport.SingleMessageAsync<DomainArgumentAnalyzer>(@"
class C
{
    double Above(double x) => Math.Acos(Math.Abs(x) + 0.5);
}");
            Assert.Contains("'Math.Acos' may be above 1", message);
            var pow = await DomainTestSupport.SingleMessageAsync<DomainArgumentAnalyzer>(@"
class C
{
    double A(double x) => Math.Pow(x, 0.5);
}");
            Assert.Contains("negative with the exponent '0.5'", pow);
        }

        [Fact]
        public Task TorchSharpAndMathNetAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor x) => torch.acos({|NAN105:x|}) + {|NAN105:x|}.asin() + torch.atanh({|NAN105:x|}) + {|NAN105:x|}.pow(0.5);
    Vector<double> V(Vector<double> v) => {|NAN105:v|}.PointwiseAcos() + {|NAN105:v|}.PointwisePower(0.5);
}");

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DomainArgumentAnalyzer>("class C { double M(double p) => Math.Pow(p, ); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DomainArgumentAnalyzer>("class C { double M(double p) => Math.Pow(p); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DomainArgumentAnalyzer>("class C { double M() => Math.Acos(nope / (a * b)); }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DomainArgumentAnalyzer>("class C { object M(TorchSharp.torch.Tensor t) => t.pow(); }");
        }

        // ---- not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task ClampedCosineSimilarityIsNotFlagged()
            => VerifyCS.AnalyzerAsync(CosineSimilarity.Replace("ARG", "Math.Clamp(dot / (Math.Sqrt(na) * Math.Sqrt(nb)), -1, 1)"));

        [Fact]
        public Task ClampedArgumentsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double c) => Math.Acos(Math.Clamp(c, -1.0, 1.0)) + Math.Asin(Math.Max(-1, Math.Min(1, c)));
    float F(float c) => MathF.Acos(Math.Clamp(c, -1f, 1f));
    double H(double x) => Math.Atanh(Math.Clamp(x, -0.999, 0.999)) + Math.Acos(0.5) + Math.Atanh(Math.Tanh(x) * 0.5);
}");

        [Fact]
        public Task IntegerExponentsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double x, int n) => Math.Pow(x, 2) + Math.Pow(x, 3.0) + Math.Pow(x, -3 / 2) + Math.Pow(x, n) + Math.Pow(x, -1);
    float F(float x) => MathF.Pow(x, 2f);
}");

        [Fact]
        public Task AdamBiasCorrectionIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Step(double m, double v, int t, double beta1, double beta2)
    {
        double mHat = m / (1 - Math.Pow(beta1, t));
        double vHat = v / (1 - Math.Pow(0.999, t));
        return mHat / (Math.Sqrt(Math.Abs(vHat)) + 1e-8);
    }
}");

        [Fact]
        public Task NonNegativeBasesAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double x, double e, Random rng) => Math.Pow(Math.Abs(x), 0.5) + Math.Pow(rng.NextDouble(), 1.5) + Math.Pow(x * x + 1, e) + Math.Pow(0.9, e);

    double LrDecay(double lr0, double step) => lr0 * Math.Pow(0.96, step / 1000.0);
}");

        [Fact]
        public Task GuardedArgumentsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double c)
    {
        if (c < -1 || c > 1) throw new ArgumentOutOfRangeException(nameof(c));
        return Math.Acos(c);
    }

    double B(double x) => x >= 0 ? Math.Pow(x, 0.5) : 0;
}");

        [Fact]
        public Task TorchSharpAndMathNetClampedAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor x) => torch.acos(x.clamp(-1, 1)) + x.clamp(-1.0, 1.0).asin() + x.abs().pow(0.5) + x.pow(2);
    Vector<double> V(Vector<double> v) => v.PointwiseMaximum(-1.0).PointwiseMinimum(1.0).PointwiseAcos() + v.PointwiseAbs().PointwisePower(0.5);
}");

        // ---- fixes -------------------------------------------------------------------------------------

        [Fact]
        public Task NanGuardFixUsesSafeMathAcos()
            => VerifyCS.CodeFixAsync(
                CosineSimilarity.Replace("ARG", "{|NAN105:dot / (Math.Sqrt(na) * Math.Sqrt(nb))|}"),
                CosineSimilarity.Replace("using System;", "using System;\nusing NanGuard;").Replace("Math.Acos(ARG)", "SafeMath.Acos(dot / (Math.Sqrt(na) * Math.Sqrt(nb)))"),
                "NAN105.SafeMath",
                NanGuard);

        [Fact]
        public Task InlineFixClampsTheCosine()
            => VerifyCS.CodeFixAsync(
                CosineSimilarity.Replace("ARG", "{|NAN105:dot / (Math.Sqrt(na) * Math.Sqrt(nb))|}"),
                CosineSimilarity.Replace("ARG", "Math.Clamp(dot / (Math.Sqrt(na) * Math.Sqrt(nb)), -1.0, 1.0)"),
                "NAN105.Clamp");

        [Fact]
        public Task NanGuardFixForAsinAtanhAndPow()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double A(double c, double x) => Math.Asin({|NAN105:c|}) + Math.Atanh({|NAN105:c|}) + Math.Pow({|NAN105:x|}, 0.5);
    float F(float c) => MathF.Acos({|NAN105:c|});
}", @"
using System;
using NanGuard;
class C
{
    double A(double c, double x) => SafeMath.Asin(c) + SafeMath.Atanh(c) + SafeMath.Pow(x, 0.5);
    float F(float c) => SafeMath.Acos(c);
}", "NAN105.SafeMath", NanGuard);

        [Fact]
        public Task InlineFixForFloatAtanhAndPow()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    float F(float c) => MathF.Acos({|NAN105:c|}); // angle
    double H(double x) => Math.Atanh({|NAN105:x|});
    double P(double x) => Math.Pow(/* base */ {|NAN105:x|}, 0.5);
}", @"
using System;
class C
{
    float F(float c) => MathF.Acos(Math.Clamp(c, -1f, 1f)); // angle
    double H(double x) => Math.Atanh(Math.Clamp(x, -1.0 + 1e-12, 1.0 - 1e-12));
    double P(double x) => Math.Pow(/* base */ Math.Max(x, 0), 0.5);
}", "NAN105.Clamp");

        [Fact]
        public Task InlineFixForTorchSharpAndMathNet()
            => VerifyCS.CodeFixAsync(@"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor x) => torch.acos({|NAN105:x|}) + {|NAN105:x|}.pow(0.5);
    Vector<double> V(Vector<double> v) => {|NAN105:v|}.PointwiseAcos();
}", @"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T1(Tensor x) => torch.acos(x.clamp(-1.0, 1.0)) + x.clamp_min(0.0).pow(0.5);
    Vector<double> V(Vector<double> v) => v.PointwiseMaximum(-1.0).PointwiseMinimum(1.0).PointwiseAcos();
}", "NAN105.Clamp");

        [Fact]
        public Task EditorConfigEpsilonIsHonouredForAtanh()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double H(double a, double b) => Math.Atanh({|NAN105:a|}) + Math.Atanh({|NAN105:b|});
}", @"
using System;
class C
{
    double H(double a, double b) => Math.Atanh(Math.Clamp(a, -1.0 + 1e-9, 1.0 - 1e-9)) + Math.Atanh(Math.Clamp(b, -1.0 + 1e-9, 1.0 - 1e-9));
}", "NAN105.Clamp", new TestOptions { EditorConfig = "nan_analyzers.epsilon = 1e-9" });
    }
}

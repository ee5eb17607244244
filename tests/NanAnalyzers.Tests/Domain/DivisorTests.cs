using System.Threading.Tasks;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Domain.DivisorAnalyzer, NanAnalyzers.CodeFixes.Domain.DomainCodeFixProvider>;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>NAN103: a floating-point divisor may be 0.</summary>
    public class DivisorTests
    {
        private static readonly TestOptions NanGuard = new TestOptions { WithNanGuard = true };

        // ---- flagged ----------------------------------------------------------------------------------

        [Fact]
        public Task MeanOverACountIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
using System.Collections.Generic;
using System.Linq;
class C
{
    double Mean(List<double> xs)
    {
        double s = 0;
        foreach (var x in xs) s += x;
        return s / {|NAN103:xs.Count|};
    }

    double Mean(double[] xs) => xs.Sum() / {|NAN103:xs.Length|};

    double MeanLinq(IEnumerable<double> xs) => xs.Sum() / {|NAN103:xs.Count()|};
}");

        [Fact]
        public Task NormStdAndDifferenceAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    void Normalize(double[] g)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        double norm = Math.Sqrt(ss);
        for (int i = 0; i < g.Length; i++) g[i] /= {|NAN103:norm|};
    }

    double ZScore(double x, double mean, double std) => (x - mean) / {|NAN103:std|};

    double MinMax(double x, double min, double max) => (x - min) / ({|NAN103:max - min|});

    float Ratio(float a, float b) => a / {|NAN103:b|};
}");

        [Fact]
        public Task ProductOfFactorsOfUnknownSignPlusEpsilonIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Cosine(double dot, double a, double b) => dot / ({|NAN103:a * b + 1e-12|});

    double Scaled(double x, double a) => x / ({|NAN103:Math.Sqrt(a) * (a - 1) + 1e-12|});
}");

        [Fact]
        public Task GenericAndHalfDivisionsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
using System.Numerics;
class C
{
    T Mean<T>(T sum, T n) where T : IFloatingPointIeee754<T> => sum / {|NAN103:n|};
    Half H(Half a, Half b) => a / {|NAN103:b|};
}");

        [Fact]
        public Task TorchSharpDivisionsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor x, Tensor w, double t)
    {
        var a = x / {|NAN103:x.sum()|};
        var b = torch.div(x, {|NAN103:w|});
        var c = x.div({|NAN103:w|});
        var d = x / {|NAN103:t|};
        return a + b + c + d;
    }
}");

        [Fact]
        public Task MathNetDivisionsAreFlagged()
            => VerifyCS.AnalyzerAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C
{
    Vector<double> M(Vector<double> v, double s) => v / {|NAN103:s|} + v.Divide({|NAN103:v.Sum()|});
}");

        [Fact]
        public Task SoftmaxWithoutMaxSubtractionHasAPossiblyZeroSum()
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
            e[i] = Math.Exp(z[i]);
            sum += e[i];
        }

        for (int i = 0; i < z.Length; i++) e[i] /= {|NAN103:sum|};
        return e;
    }
}");

        [Fact]
        public async Task TheMessageNamesTheDivisorAndItsRange()
        {
            var message = await DomainTestSupport.SingleMessageAsync<DivisorAnalyzer>(@"
class C
{
    double Mean(double[] xs) => xs.Sum() / xs.Length;
}");
            Assert.Contains("'xs.Length' may be 0", message);
        }

        [Fact]
        public async Task HalfTypedCodeDoesNotThrow()
        {
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DivisorAnalyzer>("class C { double M(double p) => p / ; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DivisorAnalyzer>("class C { double M(double p) => p / q; }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DivisorAnalyzer>("class C { void M(double p) { p /= ; } }");
            await DomainTestSupport.AnalyzeBrokenCodeAsync<DivisorAnalyzer>("class C { object M(TorchSharp.torch.Tensor t) => TorchSharp.torch.div(t); }");
        }

        // ---- not flagged -------------------------------------------------------------------------------

        [Fact]
        public Task NonZeroConstantsAndIntegerDivisionAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    const double Scale = 255.0;
    double A(double x) => x / 2.0 + x / Scale + (float)x / 255f;
    int B(int a, int b) => a / b + a / 2;
    long D(long a, long n) => a / n;
}");

        [Fact]
        public Task EpsilonAndMaxGuardsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    const double Eps = 1e-8;

    void Normalize(double[] g)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        double norm = Math.Sqrt(ss);
        for (int i = 0; i < g.Length; i++) g[i] /= norm + Eps;
    }

    double A(double x, double d) => x / Math.Max(d, 1e-12) + x / (Math.Abs(d) + Eps);
    double Mean(double[] xs) { double s = 0; foreach (var x in xs) s += x; return s / Math.Max(xs.Length, 1); }
}");

        [Fact]
        public Task ProductOfNonNegativeFactorsPlusEpsilonIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Cosine(double dot, double na, double nb) => dot / (Math.Sqrt(na) * Math.Sqrt(nb) + 1e-12);

    float Scaled(float x, float a, float b) => x / (MathF.Abs(a) * MathF.Exp(b) + 1e-7f);
}");

        [Fact]
        public Task LengthOfANonEmptyStaticReadOnlyArrayIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class C
{
    private static readonly string[] Rows = { ""1,2"", ""3,4"" };
    private static readonly double[] Weights = new double[] { 0.5, 0.25, 0.25 };
    private static readonly double[] Buffer = new double[16];
    private static readonly int[] Sizes = [1, 2, 3];

    double A(double sum) => sum / Rows.Length + sum / Weights.Length + sum / Buffer.Length + sum / Sizes.Length;
}");

        [Fact]
        public Task LengthOfAnArrayFieldThatMayBeEmptyIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
class C
{
    private static readonly double[] None = { };
    private static readonly double[] Assigned;
    private readonly double[] instance = { 1.0 };
    private static double[] mutable = { 1.0 };
    private static readonly double[] Zeros = new double[0];

    static C() { Assigned = new double[] { 1.0 }; }

    double A(double sum) => sum / {|NAN103:None.Length|} + sum / {|NAN103:Assigned.Length|} + sum / {|NAN103:instance.Length|}
        + sum / {|NAN103:mutable.Length|} + sum / {|NAN103:Zeros.Length|};
}");

        [Fact]
        public Task CodeBehindANonZeroGuardIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double A(double a, double d)
    {
        if (d != 0)
        {
            return a / d;
        }

        return 0;
    }

    double B(double a, double d) => d > 0 ? a / d : 0;

    double Mean(double[] xs)
    {
        if (xs.Length == 0) return 0;
        double s = 0;
        foreach (var x in xs) s += x;
        return s / xs.Length;
    }

    double Mean2(System.Collections.Generic.List<double> xs, double total) => xs.Count > 0 ? total / xs.Count : 0;
}");

        [Fact]
        public Task GradientClippingThatDiscardsTheInfinityIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    void ClipByNorm(double[] g, double maxNorm)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        double norm = Math.Sqrt(ss);
        double rate = maxNorm / norm;
        if (rate < 1)
        {
            for (int i = 0; i < g.Length; i++) g[i] *= rate;
        }
    }
}");

        [Fact]
        public Task SigmoidIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
    float SigmoidF(float x) => 1f / (1f + MathF.Exp(-x));
}");

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
            sum += Math.Exp(z[i] - max);
        }

        for (int i = 0; i < z.Length; i++) e[i] = Math.Exp(z[i] - max) / sum;
        return e;
    }
}");

        [Fact]
        public Task AdamBiasCorrectionIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    void Adam(double[] w, double[] g, double[] m, double[] v, int steps)
    {
        const double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (int t = 1; t <= steps; t++)
        {
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                w[i] -= lr * mHat / (Math.Sqrt(Math.Max(vHat, 0)) + eps);
            }
        }
    }
}");

        [Fact]
        public Task BatchNormDivisorIsLeftToNan102()
            => VerifyCS.AnalyzerAsync(@"
using System;
class C
{
    double M(double x, double mean, double var) => (x - mean) / Math.Sqrt(var + 1e-5) + 1 / Math.Sqrt(x);
}");

        [Fact]
        public Task TorchSharpGuardedDivisionsAreNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor M(Tensor x)
    {
        var a = x / (x.abs().sum() + 1e-7);
        var b = x / 255.0;
        var c = torch.div(x, x.norm().clamp_min(1e-12));
        return a + b + c;
    }
}");

        // ---- fixes -------------------------------------------------------------------------------------

        [Fact]
        public Task NanGuardFixUsesSafeMathDivide()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double Z(double x, double mean, double std) => (x - mean) / {|NAN103:std|};
    float R(float a, float b) => a / {|NAN103:b|};
    void N(double[] g, double norm)
    {
        for (int i = 0; i < g.Length; i++) g[i] /= {|NAN103:norm|};
    }
}", @"
using System;
using NanGuard;
class C
{
    double Z(double x, double mean, double std) => SafeMath.Divide((x - mean), std);
    float R(float a, float b) => SafeMath.Divide(a, b);
    void N(double[] g, double norm)
    {
        for (int i = 0; i < g.Length; i++) g[i] = SafeMath.Divide(g[i], norm);
    }
}", "NAN103.SafeMath", NanGuard);

        [Fact]
        public Task InlineFixAddsEpsilonToANonNegativeDivisor()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    void Normalize(double[] g)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        double norm = Math.Sqrt(ss);
        for (int i = 0; i < g.Length; i++) g[i] /= {|NAN103:norm|};
        double first = g[0] / {|NAN103:norm|}; // first
    }

    float F(float[] x)
    {
        float s = 0;
        foreach (var v in x) s += v * v;
        return x[0] / {|NAN103:s|};
    }
}", @"
using System;
class C
{
    void Normalize(double[] g)
    {
        double ss = 0;
        foreach (var v in g) ss += v * v;
        double norm = Math.Sqrt(ss);
        for (int i = 0; i < g.Length; i++) g[i] /= norm + 1e-12;
        double first = g[0] / (norm + 1e-12); // first
    }

    float F(float[] x)
    {
        float s = 0;
        foreach (var v in x) s += v * v;
        return x[0] / (s + 1e-7f);
    }
}", "NAN103.Epsilon");

        [Fact]
        public Task InlineFixDividesByAtLeastOneForACount()
            => VerifyCS.CodeFixAsync(@"
using System;
using System.Collections.Generic;
class C
{
    double Mean(List<double> xs, double total) => total / {|NAN103:xs.Count|};
}", @"
using System;
using System.Collections.Generic;
class C
{
    double Mean(List<double> xs, double total) => total / Math.Max(xs.Count, 1);
}", "NAN103.Epsilon");

        [Fact]
        public Task InlineFixKeepsTheSignOfASignedDivisor()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double MinMax(double x, double min, double max) => (x - min) / ({|NAN103:max - min|});
    float Slope(float dy, float dx) => dy / {|NAN103:dx|};
}", @"
using System;
class C
{
    double MinMax(double x, double min, double max) => (x - min) / Math.CopySign(Math.Max(Math.Abs(max - min), 1e-12), max - min);
    float Slope(float dy, float dx) => dy / MathF.CopySign(MathF.Max(MathF.Abs(dx), 1e-7f), dx);
}", "NAN103.Epsilon");

        [Fact]
        public Task InlineFixForTorchSharpAndMathNet()
            => VerifyCS.CodeFixAsync(@"
using System;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T(Tensor x) => x / {|NAN103:x.abs().sum()|} + torch.div(x, {|NAN103:x.pow(2).sum()|});
    Vector<double> V(Vector<double> v)
    {
        double norm = Math.Sqrt(v.DotProduct(v));
        return v.Divide({|NAN103:norm|}) + v / {|NAN103:norm|};
    }
}", @"
using System;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
class C
{
    Tensor T(Tensor x) => x / (x.abs().sum() + 1e-7) + torch.div(x, x.pow(2).sum() + 1e-7);
    Vector<double> V(Vector<double> v)
    {
        double norm = Math.Sqrt(v.DotProduct(v));
        return v.Divide(norm + 1e-12) + v / (norm + 1e-12);
    }
}", "NAN103.Epsilon");

        [Fact]
        public Task EditorConfigEpsilonIsHonoured()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double x, double y) => 1.0 / ({|NAN103:x * x + y * y|});
}", @"
using System;
class C
{
    double M(double x, double y) => 1.0 / (x * x + y * y + 1e-9);
}", "NAN103.Epsilon", new TestOptions { EditorConfig = "nan_analyzers.epsilon = 1e-9" });

        [Fact]
        public Task NanGuardFixKeepsComments()
            => VerifyCS.CodeFixAsync(@"
using System;
class C
{
    double M(double a, double b)
    {
        return a /* numerator */ / {|NAN103:b|}; // ratio
    }
}", @"
using System;
using NanGuard;
class C
{
    double M(double a, double b)
    {
        return SafeMath.Divide(a /* numerator */, b); // ratio
    }
}", "NAN103.SafeMath", NanGuard);
    }
}

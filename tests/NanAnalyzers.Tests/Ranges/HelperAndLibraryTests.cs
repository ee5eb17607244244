using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    public class HelperAndLibraryTests
    {
        private static async Task<ValueRange[]> AllAsync(string source)
        {
            var probes = await ProbesAsync(source);
            return probes.Select(p => p.Ranges.RangeOf(p.Operation)).ToArray();
        }

        [Fact]
        public async Task UserSigmoidHelperIsZeroToOne()
        {
            var r = await AllAsync("class C { static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z)); void M(double x) { Probe(Sigmoid(x)); } }");
            AssertRange(r[0], 0, 1, true);
        }

        [Fact]
        public async Task UserSoftplusHelperIsNonNegative()
        {
            var r = await AllAsync("class C { private double Softplus(double x) { return Math.Log(1 + Math.Exp(x)); } void M(double x) { Probe(Softplus(x)); } }");
            Assert.Equal(0, r[0].Lo);
            Assert.False(r[0].MayBeNegative);
        }

        [Fact]
        public async Task HelperWithBranchesJoinsItsReturns()
        {
            var r = await AllAsync("class C { static double Relu(double x) { if (x > 0) return x; return 0; } void M(double x) { Probe(Relu(x)); } }");
            AssertRange(r[0], 0, double.PositiveInfinity, false);
        }

        [Fact]
        public async Task HelperInAnotherClassOfTheCompilation()
        {
            var r = await AllAsync("static class Act { public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z)); } class C { void M(float x) { Probe(Act.Sigmoid(x)); } }");
            AssertRange(r[0], 0, 1, true);
            Assert.Equal(NumericKind.Single, r[0].Kind);
        }

        [Fact]
        public async Task LocalFunctionHelper()
        {
            var r = await AllAsync("class C { void M(double p) { double Sq(double v) => v * v; Probe(Sq(p)); } }");
            AssertRange(r[0], 0, double.PositiveInfinity, true);
        }

        [Fact]
        public async Task VirtualMethodsAreNotSummarised()
        {
            var r = await AllAsync("class C { protected virtual double F(double z) => 1; void M() { Probe(F(0)); } }");
            Assert.True(r[0].IsUnknown);
        }

        [Fact]
        public async Task RecursiveHelpersDoNotHang()
        {
            var r = await AllAsync(@"
class C {
    static double F(double x) => x > 0 ? G(x - 1) : 1;
    static double G(double x) => F(x) + 1;
    void M(double p) { Probe(F(p)); }
}");
            Assert.True(r[0].Hi >= 1);
        }

        [Fact]
        public async Task LinqSumOfNonNegativeSelectorIsNonNegative()
        {
            var r = await AllAsync("class C { void M(double[] xs) { Probe(xs.Sum(x => x * x)); Probe(xs.Sum(Math.Exp)); Probe(xs.Sum(x => x - 1)); } }");
            Assert.Equal(0, r[0].Lo);
            Assert.True(r[0].MayBeZero);
            Assert.Equal(0, r[1].Lo);
            Assert.True(r[2].IsUnknown);
        }

        [Fact]
        public async Task TorchSigmoidAndSoftmaxAreZeroToOne()
        {
            var r = await AllAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C { void M(Tensor x) {
    Probe(torch.sigmoid(x));
    Probe(x.softmax(1));
    Probe(torch.softmax(x, 1));
    Probe(x.sigmoid());
    Probe(x);
} }");
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(0, r[i].Lo);
                Assert.Equal(1, r[i].Hi);
                Assert.Equal(NumericKind.Single, r[i].Kind);
            }

            Assert.True(r[4].IsUnknown);
            Assert.Equal(NumericKind.Single, r[4].Kind);
        }

        [Fact]
        public async Task TorchClampAbsExpPowSquareSum()
        {
            var r = await AllAsync(@"
using TorchSharp;
using static TorchSharp.torch;
class C { void M(Tensor x) {
    Probe(torch.clamp(x, min: 1e-7));
    Probe(x.clamp(0.0, 1.0));
    Probe(x.clamp_min(1e-7));
    Probe(x.abs());
    Probe(x.exp());
    Probe(x.pow(2));
    Probe(x.square());
    Probe(torch.exp(x).sum());
    Probe(x.sigmoid() + 1e-7);
} }");
            Assert.Equal((double)1e-7f, r[0].Lo);
            Assert.Equal(double.PositiveInfinity, r[0].Hi);
            Assert.Equal(0, r[1].Lo);
            Assert.Equal(1, r[1].Hi);
            Assert.Equal((double)1e-7f, r[2].Lo);
            Assert.Equal(0, r[3].Lo);
            Assert.Equal(0, r[4].Lo);
            Assert.Equal(0, r[5].Lo);
            Assert.Equal(0, r[6].Lo);
            Assert.Equal(0, r[7].Lo);
            Assert.True(r[7].MayBeZero);
            Assert.False(r[8].MayBeNonPositive);
        }

        [Fact]
        public async Task TorchLogOfSoftmaxMayBeMinusInfinity()
        {
            var r = await AllAsync("using TorchSharp; using static TorchSharp.torch; class C { void M(Tensor x) { Probe(torch.log(torch.softmax(x, 1))); } }");
            Assert.Equal(double.NegativeInfinity, r[0].Lo);
        }

        [Fact]
        public async Task TensorLocalsAreTracked()
        {
            var r = await AllAsync("using TorchSharp; using static TorchSharp.torch; class C { void M(Tensor x) { var p = x.sigmoid(); var q = p.clamp_min(1e-7); Probe(q); } }");
            Assert.False(r[0].MayBeNonPositive);
        }

        [Fact]
        public async Task MathNetPointwiseFunctions()
        {
            var r = await AllAsync(@"
using MathNet.Numerics.LinearAlgebra;
class C { void M(Vector<double> v) {
    Probe(v.PointwiseExp());
    Probe(v.PointwiseAbs());
    Probe(v.PointwiseMaximum(1e-12));
    Probe(v.PointwiseAbs().Add(1e-9));
    Probe(v);
} }");
            Assert.Equal(0, r[0].Lo);
            Assert.Equal(0, r[1].Lo);
            Assert.Equal(1e-12, r[2].Lo);
            Assert.Equal(1e-9, r[3].Lo);
            Assert.True(r[4].IsUnknown);
            Assert.Equal(NumericKind.Double, r[0].Kind);
        }

        [Fact]
        public async Task MathNetOperatorWithScalar()
        {
            var r = await AllAsync("using MathNet.Numerics.LinearAlgebra; class C { void M(Vector<double> v) { var a = v.PointwiseAbs(); Probe(a + 1e-9); } }");
            Assert.Equal(1e-9, r[0].Lo);
        }
    }
}

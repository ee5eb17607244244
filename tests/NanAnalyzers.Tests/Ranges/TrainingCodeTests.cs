using System.Linq;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;
using static NanAnalyzers.Tests.Ranges.RangeHarness;

namespace NanAnalyzers.Tests.Ranges
{
    /// <summary>Ranges the rules depend on, in the shapes realistic training code has.</summary>
    public class TrainingCodeTests
    {
        private static async Task<ValueRange[]> AllAsync(string members)
        {
            var probes = await ProbesAsync("class C {\n" + members + "\n}");
            return probes.Select(p => p.Ranges.RangeOf(p.Operation)).ToArray();
        }

        [Fact]
        public async Task AdamBiasCorrectionIsPositive()
        {
            var r = await AllAsync(@"
void Train(double[] w, double[] g, int steps) {
    const double beta1 = 0.9;
    for (int t = 1; t <= steps; t++) {
        double correction = 1 - Math.Pow(beta1, t);
        Probe(correction);
    }
}");
            Assert.False(r[0].MayBeNonPositive, r[0].ToString());
            Assert.False(r[0].MayBeNaN, r[0].ToString());
        }

        [Fact]
        public async Task SquarePlusOneIsAtLeastOne()
        {
            var r = await AllAsync("void M(double x, Random rng) { Probe(x * x + 1); double p = rng.NextDouble(); Probe(p + 1e-9); }");
            Assert.Equal(1, r[0].Lo);
            Assert.False(r[1].MayBeNonPositive);
        }

        [Fact]
        public async Task CosineSimilarityMayLeaveMinusOneToOne()
        {
            var r = await AllAsync(@"
void M(double[] a, double[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
    double c = dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    Probe(c);
    Probe(Math.Clamp(c, -1.0, 1.0));
}");
            Assert.True(r[0].MayBeOutside(-1, 1));
            Assert.Equal(-1, r[1].Lo);
            Assert.Equal(1, r[1].Hi);
        }

        [Fact]
        public async Task TwoPassVarianceIsNonNegative()
        {
            var r = await AllAsync(@"
void M(double[] xs) {
    double mean = 0;
    foreach (var x in xs) mean += x;
    mean /= xs.Length;
    double v = 0;
    foreach (var x in xs) v += (x - mean) * (x - mean);
    Probe(v);
}");
            Assert.False(r[0].MayBeNegative);
        }

        [Fact]
        public async Task SoftmaxWithMaxSubtractionHasBoundedExp()
        {
            var r = await AllAsync(@"
void M(double[] logits) {
    double max = logits.Max();
    for (int i = 0; i < logits.Length; i++) {
        double shifted = Math.Min(logits[i] - max, 0);
        Probe(Math.Exp(shifted));
    }
}");
            Assert.False(r[0].MayBePositiveInfinity);
        }
    }
}

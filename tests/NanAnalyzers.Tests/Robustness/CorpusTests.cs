using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NanAnalyzers.Corpus;
using Xunit;
using Xunit.Abstractions;
using static NanAnalyzers.Tests.Robustness.RobustnessHarness;

namespace NanAnalyzers.Tests.Robustness
{
    /// <summary>The benchmark corpus: deterministic, about 100 lines a file, and free of compiler errors.</summary>
    public class CorpusTests
    {
        private readonly ITestOutputHelper output;

        public CorpusTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void SameSeedSameCorpusOtherSeedOtherCorpus()
        {
            var a = CorpusGenerator.Generate(30, 5).Select(f => f.Text).ToList();
            var b = CorpusGenerator.Generate(30, 5).Select(f => f.Text).ToList();
            var c = CorpusGenerator.Generate(30, 6).Select(f => f.Text).ToList();
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.Equal(CorpusGenerator.GenerateFile(17, 5).Text, a[17]);
        }

        [Fact]
        public void FilesAreAboutAHundredLines()
        {
            var lines = CorpusGenerator.Generate(200, 3).Select(f => f.Text.Split('\n').Length).ToList();
            output.WriteLine($"lines per file: min {lines.Min()}, mean {lines.Average():F1}, max {lines.Max()}");
            Assert.InRange(lines.Average(), 90, 125);
            Assert.All(lines, n => Assert.InRange(n, 60, 170));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task CorpusCompilesWithoutErrorsAgainstNet8TorchSharpMathNet(bool nanGuard)
        {
            var options = CorpusOptions();
            if (!nanGuard)
            {
                options.UseNanGuard = false;
            }

            var trees = CorpusGenerator.Generate(150, 1, options).Select(f => CSharpSyntaxTree.ParseText(f.Text, TestParseOptions, path: f.Name));
            var compilation = CSharpCompilation.Create("Corpus", trees, await ReferencesAsync(), TestCompilationOptions);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            output.WriteLine($"NanGuard calls: {options.UseNanGuard}; errors: {errors.Count}");
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        }

        [Fact]
        public void CorpusHasThePatternsTheRulesLookAt()
        {
            var text = string.Concat(CorpusGenerator.Generate(100, 1).Select(f => f.Text));
            foreach (var pattern in new[]
            {
                "Math.Log(p)", "Math.Exp(logits[i])", "Math.Sqrt(variance)", "/ std", "loss == double.NaN", "x == T.NaN",
                "double.Parse(", "float.Parse(", "Math.Log(1 + Math.Exp(x))", "Math.Exp(rate) - 1", "Math.Acos(cos)",
                "torch.log(torch.softmax(logits, 1))", "torch.optim.Adam(model.parameters(), lr: ", "torch.optim.SGD(model.parameters(), learningRate: ",
                "loss.backward();", "optimizer.step();", "optimizer.zero_grad();", "torch.nn.utils.clip_grad_norm_(",
                "binary_cross_entropy(torch.sigmoid(z), target)", "torch.log(torch.exp(scores).sum(1))", "PointwiseLog()", "Vector<double>.Build",
                "w[j] -= LearningRate", "StableMath.Softmax(", "SafeMath.Log(", "GradientClipping.ClipByGlobalNorm(", "InputValidation.EnsureFinite(",
            })
            {
                Assert.Contains(pattern, text);
            }
        }
    }
}

using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace NanAnalyzers.Tests.Verification
{
    public class TestReferencesTests
    {
        [Fact]
        public Task TestCodeCompilesAgainstTheRealTorchSharpMathNetAndNanGuard()
        {
            const string source = @"
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

class C
{
    void M()
    {
        Tensor t = torch.log(torch.ones(3));
        var s = t.softmax(0).log();
        var sgd = torch.optim.SGD(torch.nn.Linear(2, 1).parameters(), learningRate: 0.01);
        var v = Vector<double>.Build.Dense(3).PointwiseLog();
    }
}";
            return Verify<NoOpAnalyzer>.AnalyzerAsync(source, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task TestCodeCompilesAgainstTheRealMLNet()
        {
            const string source = @"
using Microsoft.ML;

class C
{
    void M()
    {
        var ml = new MLContext(seed: 1);
        var sdca = ml.Regression.Trainers.Sdca();
        var ogd = ml.Regression.Trainers.OnlineGradientDescent(learningRate: 0.1f);
        var fastTree = ml.Regression.Trainers.FastTree(learningRate: 0.2);
        var lightGbm = ml.Regression.Trainers.LightGbm(learningRate: 0.1);
    }
}";
            return Verify<NoOpAnalyzer>.AnalyzerAsync(source, new TestOptions { WithMLNet = true });
        }

        [Fact]
        public async Task CodeThatDoesNotCompileFailsTheTest()
        {
            // The harness must report compiler errors: this is what makes every fix test a compile check.
            await Assert.ThrowsAnyAsync<System.Exception>(() =>
                Verify<NoOpAnalyzer>.AnalyzerAsync("class C { void M() { double d = float.IsNaN(1.0); } }"));
        }
    }
}

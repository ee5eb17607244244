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
        public async Task CodeThatDoesNotCompileFailsTheTest()
        {
            // The harness must report compiler errors: this is what makes every fix test a compile check.
            await Assert.ThrowsAnyAsync<System.Exception>(() =>
                Verify<NoOpAnalyzer>.AnalyzerAsync("class C { void M() { double d = float.IsNaN(1.0); } }"));
        }
    }
}

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// Compiles user-style calls against the real NanGuard.dll with C# 12 and with the newest version
    /// Roslyn 4.8 knows: overloads taking both <c>ReadOnlySpan&lt;double&gt;</c> and
    /// <c>IEnumerable&lt;double&gt;</c> are ambiguous for an array in C# 12, which the explicit array
    /// overloads prevent. Also the calls the analyzers' code fixes write.
    /// </summary>
    public sealed class LanguageVersionTests
    {
        private const string Source = @"
using System;
using System.Collections.Generic;
using System.Linq;
using NanGuard;

static class User
{
    static void Run(double[] xs, List<double> list, float[] fs, double p, float pf, int count, double[] dest)
    {
        double a = StableMath.LogSumExp(new double[] { 1, 2, 3 });
        double b = StableMath.LogSumExp(list);
        double c = StableMath.LogSumExp(xs);
        double d = StableMath.LogSumExp(xs.Select(Math.Exp));
        float e = StableMath.LogSumExp(fs);
        double f = StableMath.LogSumExp(xs.AsSpan());
        StableMath.Softmax(xs, dest);
        StableMath.LogSoftmax(xs, dest);
        StableMath.Softmax(fs, fs);
        double g = StableMath.LogSigmoid(p) + StableMath.BinaryCrossEntropyWithLogits(p, 1.0) + StableMath.Softplus(p) + StableMath.Sigmoid(p);
        float h = StableMath.BinaryCrossEntropyWithLogits(pf, 1f);
        double i = StableMath.CrossEntropyWithLogits(xs, 2) + StableMath.CrossEntropyWithLogits(xs, dest);
        StableMath.SoftmaxCrossEntropyBackward(xs, 1, dest);
        double j = SafeMath.Log(p) + SafeMath.Log(p, 1e-9) + SafeMath.Sqrt(p) + SafeMath.Divide(p, p) + SafeMath.Exp(p)
            + SafeMath.Acos(p) + SafeMath.Asin(p) + SafeMath.Atanh(p) + SafeMath.Pow(p, 0.5) + SafeMath.Log1P(p) + SafeMath.ExpM1(p)
            + SafeMath.Log2(p) + SafeMath.Log10(p);
        float k = SafeMath.Log(pf) + SafeMath.Log(pf, 1e-7f) + SafeMath.Sqrt(pf) + SafeMath.Divide(pf, pf) + SafeMath.Exp(pf) + SafeMath.Log1P(pf);
        double l = SafeMath.Log(count) + SafeMath.Divide(count, count) + SafeMath.Sqrt(count) + SafeMath.Divide(p, count);
        SafeMath.Log(xs, dest);
    }
}";

        [Theory]
        [InlineData(LanguageVersion.CSharp12)]
        [InlineData(LanguageVersion.Latest)]
        public void User_calls_compile_without_ambiguity(LanguageVersion version)
        {
            string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
            var references = platform.Select(p => MetadataReference.CreateFromFile(p))
                .Append(MetadataReference.CreateFromFile(typeof(StableMath).Assembly.Location))
                .ToArray();
            var compilation = CSharpCompilation.Create(
                "User",
                new[] { CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(version)) },
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }
    }
}

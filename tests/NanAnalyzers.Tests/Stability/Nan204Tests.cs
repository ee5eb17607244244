using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Stability;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Stability.LogSumExpAnalyzer, NanAnalyzers.CodeFixes.Stability.LogSumExpCodeFix>;

namespace NanAnalyzers.Tests.Stability
{
    public class Nan204Tests
    {
        private const string Usings = "using System;\nusing TorchSharp;\nusing static TorchSharp.torch;\n";

        [Theory]
        [InlineData("Math.Log(xs.Sum(Math.Exp))")]
        [InlineData("Math.Log(xs.Sum(v => Math.Exp(v)))")]
        [InlineData("Math.Log(xs.Select(Math.Exp).Sum())")]
        [InlineData("Math.Log(xs.Select(v => Math.Exp(v)).Sum())")]
        [InlineData("Math.Log(Enumerable.Sum(xs, Math.Exp))")]
        [InlineData("Math.Log(list.Sum(Math.Exp))")]
        public Task LinqFormsAreFlagged(string expression)
        {
            var source = @"using System;
using System.Collections.Generic;
using System.Linq;
class C
{
    double M(double[] xs, List<double> list) => {|NAN204:" + expression + @"|};
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task LoopSumThenLogIsFlagged()
        {
            const string source = @"using System;
class Softmax
{
    public static double LogPartition(double[] logits)
    {
        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z);
        }

        return {|NAN204:Math.Log(sum)|};
    }

    public static float LogPartitionF(float[] logits)
    {
        float total = 0f;
        for (int i = 0; i < logits.Length; i++)
            total = total + MathF.Exp(logits[i]);
        return {|NAN204:MathF.Log(total)|};
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.log(torch.exp(x).sum(1))")]
        [InlineData("torch.log(torch.sum(torch.exp(x), 1))")]
        [InlineData("x.exp().sum(-1, keepdim: true).log()")]
        [InlineData("torch.log(x.exp().sum())")]
        public Task TorchFormsAreFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN204:" + expression + @"|};
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("Math.Log(xs.Sum(v => Math.Exp(v - max)))")]
        [InlineData("max + Math.Log(xs.Select(v => Math.Exp(v - max)).Sum())")]
        [InlineData("Math.Log(xs.Sum())")]
        [InlineData("Math.Log(xs.Sum(v => v * v))")]
        [InlineData("Math.Log(xs.Sum(v => Math.Exp(2 * v)) + 1)")]
        [InlineData("Math.Exp(xs.Sum(Math.Log))")]
        public Task StableOrOtherLinqFormsAreNotFlagged(string expression)
        {
            var source = @"using System;
using System.Linq;
class C
{
    double M(double[] xs, double max) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Fact]
        public Task MaxShiftedAndOtherLoopsAreNotFlagged()
        {
            const string source = @"using System;
class C
{
    public static double LogSumExp(double[] logits)
    {
        double max = double.NegativeInfinity;
        foreach (var z in logits) max = Math.Max(max, z);
        double sum = 0;
        foreach (var z in logits) sum += Math.Exp(z - max);
        return max + Math.Log(sum);
    }

    public static double LogOfSquares(double[] xs)
    {
        double sum = 0;
        foreach (var x in xs) sum += x * x;
        return Math.Log(sum);
    }

    public static double Mixed(double[] xs)
    {
        double sum = 1;
        foreach (var x in xs) sum += Math.Exp(x);
        sum = Math.Max(sum, 2);
        return Math.Log(sum);
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        [Theory]
        [InlineData("torch.logsumexp(x, 1)")]
        [InlineData("x.logsumexp(1)")]
        [InlineData("torch.log(torch.exp(x - x.max()).sum(1))")]
        [InlineData("torch.log(x.sum(1))")]
        [InlineData("torch.log(torch.exp(x))")]
        [InlineData("torch.exp(x).sum(1)")]
        public Task StableTorchFormsAreNotFlagged(string expression)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expression + @";
}";
            return VerifyCS.AnalyzerAsync(source);
        }

        // ------------------------------------------------------------------ fixes

        [Theory]
        [InlineData("torch.log(torch.exp(x).sum(1))", "torch.logsumexp(x, 1)")]
        [InlineData("torch.log(torch.sum(torch.exp(x), 1, true))", "torch.logsumexp(x, 1, true)")]
        [InlineData("x.exp().sum(-1, keepdim: true).log()", "x.logsumexp(-1, true)")]
        [InlineData("(x * 2).exp().sum(-1).log()", "(x * 2).logsumexp(-1)")]
        [InlineData("x.exp().sum(0L).log()", "x.logsumexp(0L)")]
        [InlineData("torch.log(x.exp().sum())", "torch.logsumexp(x.flatten(), 0)")]
        public Task TorchFixKeepsDimAndKeepdim(string expression, string expected)
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN204:" + expression + @"|};
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor x) => " + expected + @";
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogSumExpCodeFix.TorchKey);
        }

        [Fact]
        public Task TorchFixAllThroughLocalsWithComments()
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor logits, Tensor other)
    {
        var e = torch.exp(logits);
        var s = e.sum(1);
        var lse = /* partition */ {|NAN204:torch.log(s)|}; // per row
        return lse + {|NAN204:torch.log(torch.exp(other).sum(1))|};
    }
}";
            var fixedSource = Usings + @"
class C
{
    Tensor M(Tensor logits, Tensor other)
    {
        var e = torch.exp(logits);
        var s = e.sum(1);
        var lse = /* partition */ torch.logsumexp(logits, 1); // per row
        return lse + torch.logsumexp(other, 1);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogSumExpCodeFix.TorchKey);
        }

        [Fact]
        public Task NoTorchFixForSumOfLiteralZeroWhichBindsToTheDtypeOverload()
        {
            // x.sum(0) binds to sum(ScalarType? type): the literal 0 converts to the enum. It sums every element.
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN204:torch.log(x.exp().sum(0))|};
}";
            return VerifyCS.NoCodeFixAsync(source);
        }

        [Fact]
        public Task NoTorchFixForASumWithADtype()
        {
            var source = Usings + @"
class C
{
    Tensor M(Tensor x) => {|NAN204:torch.log(x.exp().sum(1, type: ScalarType.Float64))|};
}";
            return VerifyCS.NoCodeFixAsync(source);
        }

        [Theory]
        [InlineData("double[]", "Math.Log(xs.Sum(Math.Exp))")]
        [InlineData("double[]", "Math.Log(xs.Select(v => Math.Exp(v)).Sum())")]
        [InlineData("List<double>", "Math.Log(xs.Sum(Math.Exp))")]
        public Task StableMathFixForLinq(string type, string expression)
        {
            var source = @"using System;
using System.Collections.Generic;
using System.Linq;
class C
{
    double M(" + type + @" xs) => {|NAN204:" + expression + @"|};
}";
            var fixedSource = @"using System;
using System.Collections.Generic;
using System.Linq;
using NanGuard;
class C
{
    double M(" + type + @" xs) => StableMath.LogSumExp(xs);
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogSumExpCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task StableMathFixAllForLoopsKeepsComments()
        {
            const string source = @"using System;
using NanGuard;

class C
{
    public static double LogPartition(double[] logits)
    {
        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z);
        }

        // the normaliser
        return {|NAN204:Math.Log(sum)|}; // nats
    }

    public static float LogPartitionF(float[] logits)
    {
        float sum = 0f;
        foreach (var z in logits) sum += MathF.Exp(z);
        return {|NAN204:MathF.Log(sum)|};
    }
}";
            const string fixedSource = @"using System;
using NanGuard;

class C
{
    public static double LogPartition(double[] logits)
    {
        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z);
        }

        // the normaliser
        return StableMath.LogSumExp(logits); // nats
    }

    public static float LogPartitionF(float[] logits)
    {
        float sum = 0f;
        foreach (var z in logits) sum += MathF.Exp(z);
        return StableMath.LogSumExp(logits);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, LogSumExpCodeFix.StableMathKey, new TestOptions { WithNanGuard = true });
        }

        [Fact]
        public Task NoScalarFixWithoutNanGuardOrForAForLoop()
        {
            const string source = @"using System;
using System.Linq;
class C
{
    double M(double[] xs) => {|NAN204:Math.Log(xs.Sum(Math.Exp))|};
    double N(double[] xs)
    {
        double sum = 0;
        for (int i = 0; i < xs.Length; i++) sum += Math.Exp(xs[i]);
        return {|NAN204:Math.Log(sum)|};
    }
}";
            return VerifyCS.NoCodeFixAsync(source);
        }

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
        {
            const string source = @"using System;
using System.Linq;
class C
{
    double M(double[] xs) => Math.Log(xs.Sum({|CS0103:Exp|}));
    double N(double[] xs)
    {
        double sum = 0;
        foreach (var x in {|CS0103:ys|}) sum += Math.Exp(x);
        return Math.Log(sum);
    }
}";
            return VerifyCS.AnalyzerAsync(source);
        }
    }
}

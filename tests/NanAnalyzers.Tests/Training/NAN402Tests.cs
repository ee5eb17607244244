using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Training;
using NanAnalyzers.Rules.Training;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Training.GradientClippingAnalyzer, NanAnalyzers.CodeFixes.Training.GradientClippingCodeFix>;

namespace NanAnalyzers.Tests.Training
{
    public class NAN402Tests
    {
        private static readonly TestOptions WithNanGuard = new TestOptions { WithNanGuard = true };

        private static string Torch(string loop, string members = "", string creation = "        var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);") => @"
using TorchSharp;
using static TorchSharp.torch;

class Trainer
{
    private readonly torch.nn.Module<Tensor, Tensor> model = torch.nn.Linear(4, 1);
" + members + @"
    void Train(Tensor x, Tensor y, int epochs)
    {
" + creation + @"
" + loop + @"
    }
}";

        private const string PlainLoop = @"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            STEP;
        }";

        [Fact]
        public Task TorchStepWithoutClippingIsFlaggedAndClipped()
            => VerifyCS.CodeFixAsync(
                Torch(PlainLoop.Replace("STEP", "{|NAN402:optimizer.step()|}")),
                Torch(PlainLoop.Replace("STEP", "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);\n            optimizer.step()")),
                GradientClippingCodeFix.EquivalenceKey);

        [Fact]
        public Task ParametersOfAFieldOptimizerAreFoundInTheConstructor()
        {
            const string members = @"
    private readonly torch.optim.Optimizer opt;

    Trainer()
    {
        opt = torch.optim.SGD(model.parameters(), learningRate: 0.01);
    }
";
            const string loop = @"        while (epochs-- > 0)
        {
            opt.zero_grad();
            model.forward(x).sum().backward();
            // apply
            STEP; // once per batch
        }";
            return VerifyCS.CodeFixAsync(
                Torch(loop.Replace("STEP", "{|NAN402:opt.step()|}"), members, string.Empty),
                Torch(loop.Replace("// apply\n            STEP", "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);\n            // apply\n            opt.step()"), members, string.Empty));
        }

        [Fact]
        public Task UnknownCreationFallsBackToTheOptimizersParameters()
        {
            const string loop = @"        foreach (var batch in new[] { x })
        {
            optimizer.zero_grad();
            model.forward(batch).sum().backward();
            STEP;
        }";
            return VerifyCS.CodeFixAsync(
                Torch(loop.Replace("STEP", "{|NAN402:optimizer.step()|}"), creation: "        torch.optim.Optimizer optimizer = Make();", members: "    static torch.optim.Optimizer Make() => null!;"),
                Torch(loop.Replace("STEP", "torch.nn.utils.clip_grad_norm_(optimizer.parameters(), 1.0);\n            optimizer.step()"), creation: "        torch.optim.Optimizer optimizer = Make();", members: "    static torch.optim.Optimizer Make() => null!;"));
        }

        [Fact]
        public Task ConfiguredMaxNormIsUsed()
            => VerifyCS.CodeFixAsync(
                Torch(PlainLoop.Replace("STEP", "{|NAN402:optimizer.step()|}")),
                Torch(PlainLoop.Replace("STEP", "torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0);\n            optimizer.step()")),
                options: new TestOptions { EditorConfig = "nan_analyzers.nan402.max_norm = 5" });

        [Fact]
        public Task ClippingAfterTheStepIsFlagged()
            => VerifyCS.AnalyzerAsync(Torch(PlainLoop.Replace("STEP", "{|NAN402:optimizer.step()|};\n            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)")));

        [Fact]
        public Task FixAllClipsEveryLoop()
        {
            var two = PlainLoop + "\n" + PlainLoop.Replace("int epoch = 0; epoch < epochs; epoch++", "int again = 0; again < epochs; again++");
            return VerifyCS.CodeFixAsync(
                Torch(two.Replace("STEP", "{|NAN402:optimizer.step()|}")),
                Torch(two.Replace("STEP", "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);\n            optimizer.step()")));
        }

        private const string HandWritten = @"
class Regression
{
    public void Fit(double[] w, double[] g, double lr, int epochs)
    {
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            ComputeGradient(w, g);CLIP
            for (int i = 0; i < w.Length; i++)
            {
                UPDATE
            }
        }
    }

    private static void ComputeGradient(double[] w, double[] g)
    {
        for (int i = 0; i < w.Length; i++) g[i] = 2 * w[i];
    }
}";

        private static string Hand(string update, string clip = "") => HandWritten.Replace("UPDATE", update).Replace("CLIP", clip.Length == 0 ? string.Empty : "\n            " + clip);

        [Fact]
        public Task HandWrittenUpdateIsFlaggedAndClippedWithNanGuard()
            => VerifyCS.CodeFixAsync(
                Hand("{|NAN402:w[i] -= lr * g[i];|} // step"),
                "\nusing NanGuard;\n" + Hand("w[i] -= lr * g[i]; // step", "GradientClipping.ClipByGlobalNorm(g, 1.0);"),
                GradientClippingCodeFix.EquivalenceKey,
                WithNanGuard);

        [Fact]
        public Task HandWrittenUpdateWithoutNanGuardHasNoFix()
            => VerifyCS.NoCodeFixAsync(Hand("{|NAN402:w[i] = w[i] - lr * g[i];|}"));

        [Fact]
        public Task FloatGradientsAreFlagged()
        {
            const string source = @"
class Net
{
    float[] weights = new float[4];
    float[] grads = new float[4];

    void Train()
    {
        while (true)
        {
            for (int i = 0; i < weights.Length; i++) {|NAN402:weights[i] -= 0.01f * grads[i];|}
        }
    }
}";
            return VerifyCS.CodeFixAsync(
                source,
                "\nusing NanGuard;\n" + source.Replace("{|NAN402:weights[i] -= 0.01f * grads[i];|}", "weights[i] -= 0.01f * grads[i];")
                    .Replace("            for (int i", "            GradientClipping.ClipByGlobalNorm(grads, 1.0);\n            for (int i"),
                options: WithNanGuard);
        }

        // ---- not flagged ----

        [Fact]
        public Task TorchLoopThatClipsIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(PlainLoop.Replace("STEP", "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);\n            optimizer.step()")));

        [Fact]
        public Task TorchLoopThatClipsByValueIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(PlainLoop.Replace("STEP", "torch.nn.utils.clip_grad_value_(model.parameters(), 0.5);\n            optimizer.step()")));

        [Fact]
        public Task ClippingInAHelperIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(
                PlainLoop.Replace("STEP", "ClipAll();\n            optimizer.step()"),
                @"
    private void ClipAll()
    {
        var max = 1.0;
        torch.nn.utils.clip_grad_norm_(model.parameters(), max);
    }
"));

        [Fact]
        public Task StepOutsideALoopIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(@"        optimizer.zero_grad();
        model.forward(x).sum().backward();
        optimizer.step();"));

        [Fact]
        public Task HandWrittenClipWithNanGuardIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Hand("w[i] -= lr * g[i];", "NanGuard.GradientClipping.ClipByGlobalNorm(g, 1.0);"), WithNanGuard);

        [Fact]
        public Task HandWrittenRescalingIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Hand("w[i] -= lr * g[i];", @"double norm = 0;
            foreach (var v in g) norm += v * v;
            norm = System.Math.Sqrt(norm);
            if (norm > 1.0) for (int j = 0; j < g.Length; j++) g[j] *= 1.0 / norm;"));

        [Fact]
        public Task HandWrittenClampIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Hand("w[i] -= lr * g[i];", "for (int j = 0; j < g.Length; j++) g[j] = System.Math.Clamp(g[j], -1.0, 1.0);"));

        [Fact]
        public Task SingleUpdateLoopOutsideATrainingLoopIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class Step
{
    public static void Apply(double[] w, double[] g, double lr)
    {
        for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
    }
}");

        [Fact]
        public Task NonUpdateArithmeticIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class Stats
{
    public static void Center(double[][] rows, double[] mean)
    {
        for (int r = 0; r < rows.Length; r++)
            for (int i = 0; i < mean.Length; i++) rows[r][i] -= mean[i];
    }
}");

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => TrainingTestSupport.AssertDoesNotThrowAsync(new GradientClippingAnalyzer(), @"
using TorchSharp;
class C
{
    void M(torch.Tensor loss, torch.optim.Optimizer opt, double[] w, double[] g)
    {
        for (;;) { loss.backward(); opt.step( }
        while (true) { for (int i = 0; i < ; i++) w[i] -= * g[i]; w[0] -= 0.1 * g[]; }
    }
}");
    }
}

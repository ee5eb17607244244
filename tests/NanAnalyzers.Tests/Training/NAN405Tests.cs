using System.Threading.Tasks;
using NanAnalyzers.Rules.Training;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Training.LossCheckAnalyzer, NanAnalyzers.CodeFixes.Training.LossCheckCodeFix>;

namespace NanAnalyzers.Tests.Training
{
    public class NAN405Tests
    {
        private static readonly TestOptions WithNanGuard = new TestOptions { WithNanGuard = true };

        private static string Torch(string loop, string members = "", string usings = "") => @"
" + usings + @"using TorchSharp;
using static TorchSharp.torch;

class Trainer
{
    private readonly torch.nn.Module<Tensor, Tensor> model = torch.nn.Linear(4, 1);
" + members + @"
    void Train(Tensor x, Tensor y, int epochs)
    {
        var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-3);
" + loop + @"
    }
}";

        private const string TorchLoop = @"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
CHECK            loss.backward(); // gradients
            optimizer.step();
        }";

        [Fact]
        public Task TorchLoopWithoutALossCheckIsFlaggedAndGuarded()
            => VerifyCS.CodeFixAsync(
                Torch(TorchLoop.Replace("        for (int epoch", "        {|NAN405:for|} (int epoch").Replace("CHECK", string.Empty)),
                Torch(TorchLoop.Replace("CHECK", "            TrainingGuard.EnsureFiniteLoss(loss.item<float>(), epoch);\n"), usings: "using NanGuard;\n"),
                options: WithNanGuard);

        [Fact]
        public Task NoFixWithoutNanGuard()
            => VerifyCS.NoCodeFixAsync(Torch(TorchLoop.Replace("        for (int epoch", "        {|NAN405:for|} (int epoch").Replace("CHECK", string.Empty)));

        [Fact]
        public Task WhileLoopIsGuardedWithoutAStep()
        {
            const string loop = @"        var batches = 0;
        while (batches++ < epochs)
        {
            optimizer.zero_grad();
            var loss = model.forward(x).sum();
CHECK            loss.backward();
            optimizer.step();
        }";
            return VerifyCS.CodeFixAsync(
                Torch(loop.Replace("        while", "        {|NAN405:while|}").Replace("CHECK", string.Empty)),
                Torch(loop.Replace("CHECK", "            TrainingGuard.EnsureFiniteLoss(loss.item<float>());\n"), usings: "using NanGuard;\n"),
                options: WithNanGuard);
        }

        private const string HandWritten = @"
class LinearRegression
{
    public double[] Fit(double[][] xs, double[] ys, double lr, int epochs)
    {
        var w = new double[xs[0].Length];
        var g = new double[w.Length];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double loss = 0;
            System.Array.Clear(g, 0, g.Length);
            for (int n = 0; n < xs.Length; n++)
            {
                double error = -ys[n];
                for (int i = 0; i < w.Length; i++) error += w[i] * xs[n][i];
                loss += error * error / xs.Length; // mean squared error
                for (int i = 0; i < w.Length; i++) g[i] += 2 * error * xs[n][i] / xs.Length;
            }
CHECK
            for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
        }

        return w;
    }
}";

        [Fact]
        public Task HandWrittenLoopIsFlaggedAndGuardedAfterTheLoss()
            => VerifyCS.CodeFixAsync(
                HandWritten.Replace("        for (int epoch", "        {|NAN405:for|} (int epoch").Replace("CHECK\n", string.Empty),
                "\nusing NanGuard;\n" + HandWritten.Replace("CHECK", "            TrainingGuard.EnsureFiniteLoss(loss, epoch);"),
                options: WithNanGuard);

        [Fact]
        public Task FixAllGuardsEveryLoop()
        {
            var second = TorchLoop.Replace("int epoch = 0; epoch < epochs; epoch++", "int again = 0; again < epochs; again++");
            return VerifyCS.CodeFixAsync(
                Torch(TorchLoop.Replace("        for (int epoch", "        {|NAN405:for|} (int epoch").Replace("CHECK", string.Empty) + "\n"
                      + second.Replace("        for (int again", "        {|NAN405:for|} (int again").Replace("CHECK", string.Empty)),
                Torch(TorchLoop.Replace("CHECK", "            TrainingGuard.EnsureFiniteLoss(loss.item<float>(), epoch);\n") + "\n"
                      + second.Replace("CHECK", "            TrainingGuard.EnsureFiniteLoss(loss.item<float>(), again);\n"), usings: "using NanGuard;\n"),
                options: WithNanGuard);
        }

        // ---- not flagged ----

        [Fact]
        public Task LossCheckedWithIsNaNIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(TorchLoop.Replace("CHECK", "            if (float.IsNaN(loss.item<float>())) break;\n")));

        [Fact]
        public Task LossCheckedThroughALocalIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(TorchLoop.Replace("CHECK", "            var value = loss.item<float>();\n            if (!float.IsFinite(value)) throw new System.InvalidOperationException();\n")));

        [Fact]
        public Task LossCheckedByTensorIsNaNIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(TorchLoop.Replace("CHECK", "            if (loss.isnan().any().item<bool>()) break;\n")));

        [Fact]
        public Task LossCheckedThroughALocalFunctionIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch("        static bool Diverged(float l) => float.IsNaN(l) || float.IsInfinity(l);\n"
                + TorchLoop.Replace("CHECK", "            if (Diverged(loss.item<float>())) break;\n")));

        [Fact]
        public Task LossCheckedThroughAHelperMethodIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(
                TorchLoop.Replace("CHECK", "            Check(loss);\n"),
                "    private static void Check(Tensor t) { if (!double.IsFinite(t.item<float>())) throw new System.InvalidOperationException(); }\n"));

        [Fact]
        public Task TrainingGuardIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch("        var guard = new NanGuard.TrainingGuard();\n"
                + TorchLoop.Replace("CHECK", "            if (!guard.CheckLoss(loss.item<float>())) continue;\n")), WithNanGuard);

        [Fact]
        public Task HandWrittenLossCheckedIsNotFlagged()
            => VerifyCS.AnalyzerAsync(HandWritten.Replace("CHECK", "            if (double.IsNaN(loss)) throw new System.ArithmeticException(\"diverged at \" + epoch);"));

        [Fact]
        public Task EpochLoopCheckIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float total = 0;
            foreach (var batch in new[] { x })
            {
                optimizer.zero_grad();
                var loss = model.forward(batch).sum();
                loss.backward();
                optimizer.step();
                total += loss.item<float>();
            }

            if (float.IsNaN(total)) break;
        }"));

        [Fact]
        public Task HandWrittenLoopWithoutALossIsNotFlagged()
            => VerifyCS.AnalyzerAsync(HandWritten.Replace("loss", "sse").Replace("CHECK", string.Empty));

        [Fact]
        public Task LoopThatDoesNotTrainIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class C
{
    double M(double[] xs)
    {
        double loss = 0;
        for (int i = 0; i < xs.Length; i++) loss += xs[i] * xs[i];
        return loss;
    }
}");

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => TrainingTestSupport.AssertDoesNotThrowAsync(new LossCheckAnalyzer(), @"
using TorchSharp;
class C
{
    void M(torch.Tensor loss, torch.optim.Optimizer opt, double[] w, double[] g)
    {
        for (;;) { loss.backward(); opt.step( }
        for (int e = 0; ; e++) { double loss2 = ; for (int i = 0; i < w.Length; i++) w[i] -= 0.1 * g[]; }
        while () { (). backward(); opt.step(); }
    }
}");
    }
}

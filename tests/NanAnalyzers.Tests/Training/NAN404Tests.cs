using System.Threading.Tasks;
using NanAnalyzers.Rules.Training;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Training.ZeroGradAnalyzer, NanAnalyzers.CodeFixes.Training.ZeroGradCodeFix>;

namespace NanAnalyzers.Tests.Training
{
    public class NAN404Tests
    {
        private static string Code(string loop, string members = "") => @"
using TorchSharp;
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

        [Fact]
        public Task MissingZeroGradIsFlaggedAndInserted()
            => VerifyCS.CodeFixAsync(
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
            {|NAN404:loss.backward()|};
            optimizer.step();
        }"),
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }"));

        [Fact]
        public Task ForeachBatchLoopIsFlagged()
            => VerifyCS.CodeFixAsync(
                Code(@"        foreach (var (bx, by) in new[] { (x, y) })
        {
            // forward pass
            var loss = torch.nn.functional.mse_loss(model.forward(bx), by);
            {|NAN404:loss.backward()|}; // accumulate
            optimizer.step();
        }"),
                Code(@"        foreach (var (bx, by) in new[] { (x, y) })
        {
            optimizer.zero_grad();
            // forward pass
            var loss = torch.nn.functional.mse_loss(model.forward(bx), by);
            loss.backward(); // accumulate
            optimizer.step();
        }"));

        [Fact]
        public Task ZeroGradOnlyBeforeTheLoopIsFlagged()
            => VerifyCS.CodeFixAsync(
                Code(@"        optimizer.zero_grad();
        int step = 0;
        while (step++ < epochs)
        {
            var loss = model.forward(x).sum();
            {|NAN404:loss.backward()|};
            optimizer.step();
        }"),
                Code(@"        optimizer.zero_grad();
        int step = 0;
        while (step++ < epochs)
        {
            optimizer.zero_grad();
            var loss = model.forward(x).sum();
            loss.backward();
            optimizer.step();
        }"));

        [Fact]
        public Task InnerBatchLoopIsFlaggedEvenWhenTheEpochLoopZeroes()
            => VerifyCS.CodeFixAsync(
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            for (int b = 0; b < 10; b++)
            {
                var loss = model.forward(x).sum();
                {|NAN404:loss.backward()|};
                optimizer.step();
            }
        }"),
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            for (int b = 0; b < 10; b++)
            {
                optimizer.zero_grad();
                var loss = model.forward(x).sum();
                loss.backward();
                optimizer.step();
            }
        }"));

        [Fact]
        public Task FixAllFixesEveryLoop()
            => VerifyCS.CodeFixAsync(
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = model.forward(x).sum();
            {|NAN404:loss.backward()|};
            optimizer.step();
        }
        var sgd = torch.optim.SGD(model.parameters(), 0.01);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = model.forward(x).sum();
            {|NAN404:loss.backward()|};
            sgd.step();
        }"),
                Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = model.forward(x).sum();
            loss.backward();
            optimizer.step();
        }
        var sgd = torch.optim.SGD(model.parameters(), 0.01);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            sgd.zero_grad();
            var loss = model.forward(x).sum();
            loss.backward();
            sgd.step();
        }"));

        // ---- not flagged ----

        [Fact]
        public Task ZeroGradOnTheOptimizerIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            optimizer.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
        }"));

        [Fact]
        public Task ZeroGradOnTheModuleIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = model.forward(x).sum();
            loss.backward();
            optimizer.step();
            model.zero_grad();
        }"));

        [Fact]
        public Task DeliberateAccumulationIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        const int accumulation = 4;
        for (int i = 0; i < 100; i++)
        {
            var loss = model.forward(x).sum() / accumulation;
            loss.backward();
            if ((i + 1) % accumulation == 0)
            {
                optimizer.step();
                optimizer.zero_grad();
            }
        }"));

        [Fact]
        public Task ZeroGradInAHelperIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Reset(optimizer);
            var loss = model.forward(x).sum();
            loss.backward();
            optimizer.step();
        }", @"
    private static void Reset(torch.optim.Optimizer optimizer) => optimizer.zero_grad();
"));

        [Fact]
        public Task ZeroGradInALocalFunctionIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        void Clear() => optimizer.zero_grad();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Clear();
            var loss = model.forward(x).sum();
            loss.backward();
            optimizer.step();
        }"));

        [Fact]
        public Task BackwardWithoutStepIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        for (int i = 0; i < 10; i++)
        {
            var loss = model.forward(x).sum();
            loss.backward();
        }
        optimizer.step();"));

        [Fact]
        public Task StepAndBackwardOutsideALoopAreNotFlagged()
            => VerifyCS.AnalyzerAsync(Code(@"        var loss = model.forward(x).sum();
        loss.backward();
        optimizer.step();"));

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => TrainingTestSupport.AssertDoesNotThrowAsync(new ZeroGradAnalyzer(), @"
using TorchSharp;
class C
{
    void M(torch.Tensor loss, torch.optim.Optimizer opt)
    {
        for (;;) { loss.backward(; opt.step() }
        while () { loss.backward(); opt. }
        foreach (var x in ) { loss.backward(); opt.step(); }
    }
}");
    }
}

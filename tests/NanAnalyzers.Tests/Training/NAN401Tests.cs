using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Training;
using NanAnalyzers.Rules.Training;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Training.LearningRateAnalyzer, NanAnalyzers.CodeFixes.Training.LearningRateCodeFix>;

namespace NanAnalyzers.Tests.Training
{
    public class NAN401Tests
    {
        private static readonly TestOptions MLNet = new TestOptions { WithMLNet = true };
        private static readonly TestOptions MLNetTrainers = new TestOptions { WithMLNet = true };

        private static string Torch(string body, string members = "") => @"
using TorchSharp;
using static TorchSharp.torch;

class Trainer
{" + members + @"
    void Train()
    {
        var model = torch.nn.Linear(4, 1);
" + body + @"
    }
}";

        private static string MLNetCode(string body) => @"
using Microsoft.ML;
using Microsoft.ML.Trainers;

class Trainer
{
    void Train()
    {
        var ml = new MLContext();
" + body + @"
    }
}";

        // ---- flagged, with the fix ----

        [Fact]
        public Task AdamNamedLrIsFlaggedAndSetToItsDefault()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: {|NAN401:0.5|});"),
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: 0.001);"));

        [Fact]
        public Task SgdPositionalRateIsFlagged()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.SGD(model.parameters(), {|NAN401:5.0|});"),
                Torch("        var opt = torch.optim.SGD(model.parameters(), 0.01);"));

        [Fact]
        public Task SgdNamedLearningRateIsFlagged()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.SGD(model.parameters(), momentum: 0.9, learningRate: {|NAN401:2|});"),
                Torch("        var opt = torch.optim.SGD(model.parameters(), momentum: 0.9, learningRate: 0.01);"));

        [Fact]
        public Task FloatLiteralKeepsItsType()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.AdamW(model.parameters(), lr: {|NAN401:1f|});"),
                Torch("        var opt = torch.optim.AdamW(model.parameters(), lr: 0.001f);"));

        [Fact]
        public Task ExponentFormIsKept()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.RMSProp(model.parameters(), lr: {|NAN401:1e0|});"),
                Torch("        var opt = torch.optim.RMSProp(model.parameters(), lr: 1e-2);"));

        [Fact]
        public Task NAdamUsesItsOwnDefault()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.NAdam(model.parameters(), {|NAN401:0.3|});"),
                Torch("        var opt = torch.optim.NAdam(model.parameters(), 0.002);"));

        [Fact]
        public Task ConstantIsFlaggedAtItsInitializer()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: LearningRate);", @"
    private const double LearningRate = {|NAN401:0.5|}; // tuned by hand
"),
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: LearningRate);", @"
    private const double LearningRate = 0.001; // tuned by hand
"));

        [Fact]
        public Task LocalIsFlaggedAtItsInitializer()
            => VerifyCS.CodeFixAsync(
                Torch(@"        double rate = {|NAN401:3.0|};
        var opt = torch.optim.Adagrad(model.parameters(), lr: rate);"),
                Torch(@"        double rate = 0.01;
        var opt = torch.optim.Adagrad(model.parameters(), lr: rate);"));

        [Fact]
        public Task CommentsAroundTheLiteralAreKept()
            => VerifyCS.CodeFixAsync(
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: /* too hot */ {|NAN401:0.5|} /* was 1 */);"),
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: /* too hot */ 0.001 /* was 1 */);"));

        [Fact]
        public Task FixAllFixesEveryRate()
            => VerifyCS.CodeFixAsync(
                Torch(@"        var a = torch.optim.Adam(model.parameters(), lr: {|NAN401:0.5|});
        var b = torch.optim.SGD(model.parameters(), {|NAN401:10.0|});
        var c = torch.optim.Adamax(model.parameters(), lr: {|NAN401:2f|});"),
                Torch(@"        var a = torch.optim.Adam(model.parameters(), lr: 0.001);
        var b = torch.optim.SGD(model.parameters(), 0.01);
        var c = torch.optim.Adamax(model.parameters(), lr: 0.002f);"));

        [Fact]
        public Task MLNetOnlineGradientDescentIsFlagged()
            => VerifyCS.CodeFixAsync(
                MLNetCode("        var trainer = ml.Regression.Trainers.OnlineGradientDescent(learningRate: {|NAN401:5f|});"),
                MLNetCode("        var trainer = ml.Regression.Trainers.OnlineGradientDescent(learningRate: 0.1f);"),
                options: MLNet);

        [Fact]
        public Task FloatDefaultsAndRatesArePrintedAsWritten()
            => VerifyCS.AnalyzerAsync(
                MLNetCode("        var trainer = ml.Regression.Trainers.OnlineGradientDescent(learningRate: {|#0:5.1f|});"),
                MLNet,
                VerifyCS.Diagnostic("NAN401").WithLocation(0).WithArguments("5.1f", "ML.NET OnlineGradientDescent", "1", "0.1"));

        [Fact]
        public Task FloatRateAtTheThresholdIsNotFlagged()
            => VerifyCS.AnalyzerAsync(
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: 0.1f);"));

        [Fact]
        public Task MLNetSgdOptionsAreFlagged()
            => VerifyCS.CodeFixAsync(
                MLNetCode("        var trainer = ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options { LearningRate = {|NAN401:2.0|} });"),
                MLNetCode("        var trainer = ml.BinaryClassification.Trainers.SgdCalibrated(new SgdCalibratedTrainer.Options { LearningRate = 0.01 });"),
                options: MLNet);

        [Fact]
        public Task MLNetOptionsAssignmentIsFlagged()
            => VerifyCS.CodeFixAsync(
                MLNetCode(@"        var options = new SgdNonCalibratedTrainer.Options();
        options.LearningRate = {|NAN401:4|};
        var trainer = ml.BinaryClassification.Trainers.SgdNonCalibrated(options);"),
                MLNetCode(@"        var options = new SgdNonCalibratedTrainer.Options();
        options.LearningRate = 0.01;
        var trainer = ml.BinaryClassification.Trainers.SgdNonCalibrated(options);"),
                options: MLNet);

        [Fact]
        public Task MLNetFastTreeIsFlagged()
            => VerifyCS.CodeFixAsync(
                MLNetCode("        var trainer = ml.Regression.Trainers.FastTree(numberOfTrees: 200, learningRate: {|NAN401:3.0|});"),
                MLNetCode("        var trainer = ml.Regression.Trainers.FastTree(numberOfTrees: 200, learningRate: 0.2);"),
                options: MLNetTrainers);

        [Fact]
        public Task MLNetLightGbmIsFlagged()
            => VerifyCS.CodeFixAsync(
                MLNetCode("        var trainer = ml.BinaryClassification.Trainers.LightGbm(learningRate: {|NAN401:2.5|});"),
                MLNetCode("        var trainer = ml.BinaryClassification.Trainers.LightGbm(learningRate: 0.1);"),
                options: MLNetTrainers);

        private const string HandWritten = @"
class Regression
{
    private readonly double learningRate = RATE;

    public void Fit(double[] w, double[] g, int epochs)
    {
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            for (int i = 0; i < w.Length; i++)
            {
                UPDATE
            }
        }
    }
}";

        private static string Hand(string rate, string update = "w[i] -= learningRate * g[i];")
            => HandWritten.Replace("RATE", rate).Replace("UPDATE", update);

        [Fact]
        public Task HandWrittenRateFieldIsFlagged()
            => VerifyCS.CodeFixAsync(Hand("{|NAN401:5.0|}"), Hand("0.01"));

        [Fact]
        public Task RateConstantUsedInANestedTypeAndAcrossPartsIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
partial class Model
{
    public const double LearningRate = {|NAN401:5.0|};
    private const double Unused = 7.0;

    private sealed class Trainer
    {
        public void Fit(double[] w, double[] g)
        {
            for (int i = 0; i < w.Length; i++) w[i] -= LearningRate * g[i];
        }
    }
}

partial class Model
{
    public double Scale(double x) => x * Unused;
}");

        [Fact]
        public Task HandWrittenInlineRateIsFlagged()
            => VerifyCS.CodeFixAsync(
                Hand("0.01", "w[i] = w[i] - {|NAN401:10.0|} * g[i];"),
                Hand("0.01", "w[i] = w[i] - 0.01 * g[i];"));

        [Fact]
        public Task HandWrittenFloatLocalIsFlagged()
        {
            const string source = @"
class Perceptron
{
    public void Fit(float[] w, float[] grad)
    {
        float eta = {|NAN401:2f|};
        while (true)
        {
            for (int i = 0; i < w.Length; i++) w[i] -= eta * grad[i];
        }
    }
}";
            return VerifyCS.CodeFixAsync(source, source.Replace("{|NAN401:2f|}", "0.01f"));
        }

        [Fact]
        public Task ConfiguredNameIsALearningRate()
        {
            var source = Hand("0.01", "w[i] -= alpha * g[i];").Replace("public void Fit(", "private double alpha = {|NAN401:4.0|};\n    public void Fit(");
            return VerifyCS.AnalyzerAsync(source, new TestOptions { EditorConfig = "nan_analyzers.nan401.names = alpha, lr" });
        }

        [Fact]
        public Task ConfiguredThresholdIsUsed()
            => VerifyCS.AnalyzerAsync(
                Torch("        var opt = torch.optim.Adam(model.parameters(), lr: {|NAN401:0.05|});"),
                new TestOptions { EditorConfig = "nan_analyzers.nan401.threshold.adaptive = 0.01" });

        [Fact]
        public Task ConfiguredLowThresholdAppliesToALocalRate()
            => VerifyCS.AnalyzerAsync(@"
class Perceptron
{
    public void Fit(double[] w, double[] g)
    {
        double lr = {|NAN401:0.05|};
        while (true)
        {
            for (int i = 0; i < w.Length; i++) w[i] -= lr * g[i];
        }
    }
}", new TestOptions { EditorConfig = "nan_analyzers.nan401.threshold.custom = 0.01" });

        [Fact]
        public Task LocalRateBelowEveryThresholdIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class Perceptron
{
    public void Fit(double[] w, double[] g)
    {
        double lr = 0.05;
        double sum = 0;
        while (true)
        {
            for (int i = 0; i < w.Length; i++) { w[i] -= lr * g[i]; sum += g[i]; }
        }
    }
}");

        // ---- not flagged ----

        [Theory]
        [InlineData("torch.optim.Adam(model.parameters(), lr: 1e-3)")]
        [InlineData("torch.optim.Adam(model.parameters(), 0.0003)")]
        [InlineData("torch.optim.Adam(model.parameters())")]
        [InlineData("torch.optim.SGD(model.parameters(), 0.01)")]
        [InlineData("torch.optim.SGD(model.parameters(), learningRate: 0.1, momentum: 0.9)")]
        [InlineData("torch.optim.SGD(model.parameters(), 1.0)")]
        [InlineData("torch.optim.Adadelta(model.parameters(), lr: 1.0)")]
        [InlineData("torch.optim.RMSProp(model.parameters(), lr: 0.01)")]
        [InlineData("torch.optim.AdamW(model.parameters(), lr: 0.001, weight_decay: 5.0)")]
        public Task CustomaryRatesAreNotFlagged(string creation)
            => VerifyCS.AnalyzerAsync(Torch("        var opt = " + creation + ";"));

        [Fact]
        public Task RateFromAParameterIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using TorchSharp;

class Trainer
{
    void Train(double lr)
    {
        var opt = torch.optim.Adam(torch.nn.Linear(4, 1).parameters(), lr: lr);
    }
}");

        [Fact]
        public Task HighSgdRateWithClipGradNormIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(@"        var opt = torch.optim.SGD(model.parameters(), 5.0);
        var x = torch.randn(8, 4);
        var y = torch.randn(8, 1);
        for (int step = 0; step < 100; step++)
        {
            opt.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            opt.step();
        }"));

        [Fact]
        public Task HighRateWithClippingInAHelperIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Torch(@"        var opt = torch.optim.Adam(model.parameters(), lr: 0.5);
        for (int step = 0; step < 100; step++)
        {
            opt.zero_grad();
            var loss = model.forward(torch.randn(8, 4)).sum();
            loss.backward();
            Clip(model);
            opt.step();
        }", @"
    static void Clip(torch.nn.Module model) => torch.nn.utils.clip_grad_value_(model.parameters(), 0.5);
"));

        [Fact]
        public Task HandWrittenCustomaryRateIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Hand("0.05"));

        [Fact]
        public Task HandWrittenRateWithClampedGradientIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Hand("5.0", "w[i] -= learningRate * System.Math.Clamp(g[i], -1.0, 1.0);"));

        [Fact]
        public Task HandWrittenRateWithNanGuardClippingIsNotFlagged()
            => VerifyCS.AnalyzerAsync(
                Hand("5.0").Replace("            for (int i = 0; i < w.Length; i++)", "            NanGuard.GradientClipping.ClipByGlobalNorm(g, 1.0);\n            for (int i = 0; i < w.Length; i++)"),
                new TestOptions { WithNanGuard = true });

        [Fact]
        public Task UnrelatedNameIsNotALearningRate()
            => VerifyCS.AnalyzerAsync(Hand("0.01", "w[i] -= scale * g[i];").Replace("public void Fit(", "private double scale = 5.0;\n    public void Fit("));

        [Fact]
        public Task HighValueNotUsedAsARateIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class C
{
    void M(double[] w)
    {
        double lr = 5.0;
        for (int i = 0; i < w.Length; i++) w[i] = w[i] * lr;
        System.Console.WriteLine(lr);
    }
}");

        [Fact]
        public Task MLNetCustomaryRatesAreNotFlagged()
            => VerifyCS.AnalyzerAsync(MLNetCode(@"        var a = ml.Regression.Trainers.OnlineGradientDescent(learningRate: 0.1f);
        var b = ml.BinaryClassification.Trainers.AveragedPerceptron(learningRate: 1f);
        var c = ml.BinaryClassification.Trainers.SgdCalibrated(learningRate: 0.01);
        var d = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(optimizationTolerance: 1e-7f);
        var e = ml.Regression.Trainers.FastTree(learningRate: 0.2);
        var f = ml.Regression.Trainers.LightGbm(learningRate: 0.05, numberOfIterations: 500);"), MLNetTrainers);

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => TrainingTestSupport.AssertDoesNotThrowAsync(new LearningRateAnalyzer(), @"
using TorchSharp;
class C
{
    const double Lr = ;
    void M(double[] w, double[] g)
    {
        var opt = torch.optim.Adam(torch.nn.Linear(4, 1).parameters(), lr: );
        var sgd = torch.optim.SGD(, Lr);
        double lr = 5.0;
        for (;;) { w[i] -= lr * ; w[0] -= lr * g[0] }
    }
}");
    }
}

using System.Threading.Tasks;
using NanAnalyzers.CodeFixes.Training;
using NanAnalyzers.Rules.Training;
using NanAnalyzers.Tests.Verification;
using Xunit;
using VerifyCS = NanAnalyzers.Tests.Verification.Verify<NanAnalyzers.Rules.Training.UnvalidatedInputAnalyzer, NanAnalyzers.CodeFixes.Training.UnvalidatedInputCodeFix>;

namespace NanAnalyzers.Tests.Training
{
    public class NAN403Tests
    {
        private static readonly TestOptions WithNanGuard = new TestOptions { WithNanGuard = true };
        private static readonly TestOptions MLNetAndNanGuard = new TestOptions { WithNanGuard = true, WithMLNet = true };

        private const string Header = @"using System.Globalization;
using System.IO;
using TorchSharp;
";

        private const string GuardHeader = @"using System.Globalization;
using System.IO;
using NanGuard;
using TorchSharp;
";

        private const string TensorLoader = @"
class Loader
{
    torch.Tensor Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var data = new double[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            data[i] = PARSE; // one value per line
        }
INSERT        return torch.tensor(data);
    }
}";

        private static string Loader(string parse, string insert = "") => TensorLoader.Replace("PARSE", parse).Replace("INSERT", insert);

        [Fact]
        public Task ParsedArrayIntoATensorIsRejectedWithEnsureFinite()
            => VerifyCS.CodeFixAsync(
                Header + Loader("{|NAN403:double.Parse(lines[i], CultureInfo.InvariantCulture)|}"),
                GuardHeader + Loader("double.Parse(lines[i], CultureInfo.InvariantCulture)", "        InputValidation.EnsureFinite(data, nameof(data));\n"),
                UnvalidatedInputCodeFix.EnsureFiniteKey,
                WithNanGuard);

        [Fact]
        public Task ParsedArrayIntoATensorIsRepairedWithNanToNum()
            => VerifyCS.CodeFixAsync(
                Header + Loader("{|NAN403:double.Parse(lines[i], CultureInfo.InvariantCulture)|}"),
                GuardHeader + Loader("double.Parse(lines[i], CultureInfo.InvariantCulture)", "        InputValidation.NanToNum(data);\n"),
                UnvalidatedInputCodeFix.NanToNumKey,
                WithNanGuard);

        [Fact]
        public Task ParseIsReplacedKeepingTheProvider()
            => VerifyCS.CodeFixAsync(
                Header + Loader("{|NAN403:double.Parse(lines[i], CultureInfo.InvariantCulture)|}"),
                GuardHeader + Loader("InputValidation.ParseFinite(lines[i], CultureInfo.InvariantCulture)"),
                UnvalidatedInputCodeFix.ParseFiniteKey,
                WithNanGuard);

        [Fact]
        public Task FixAllInsertsOneCheckForTwoParsesOfTheSameData()
        {
            const string source = @"
using TorchSharp;

class Table
{
    torch.Tensor Load(string[][] cells)
    {
        var x = new double[cells.Length, 2];
        for (int r = 0; r < cells.Length; r++)
        {
            x[r, 0] = {|NAN403:double.Parse(cells[r][0])|};
            x[r, 1] = {|NAN403:double.Parse(cells[r][1])|};
        }

        return torch.tensor(x);
    }
}";
            var fixedSource = "\nusing NanGuard;" + source.Replace("{|NAN403:double.Parse(cells[r][0])|}", "double.Parse(cells[r][0])")
                .Replace("{|NAN403:double.Parse(cells[r][1])|}", "double.Parse(cells[r][1])")
                .Replace("        return torch.tensor(x);", "        InputValidation.EnsureFinite(x, nameof(x));\n        return torch.tensor(x);");
            return VerifyCS.CodeFixAsync(source, fixedSource, UnvalidatedInputCodeFix.EnsureFiniteKey, WithNanGuard);
        }

        [Fact]
        public Task NoFixWithoutNanGuard()
            => VerifyCS.NoCodeFixAsync(Header + Loader("{|NAN403:double.Parse(lines[i])|}"));

        private const string HouseCode = @"using System.Collections.Generic;
using System.IO;
using Microsoft.ML;
HEADER
public class House
{
    public float Size;
    public float Price;
}

class Pipeline
{
    IDataView Load(MLContext ml, string path)
    {
        var rows = new List<House>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(',');
            rows.Add(new House { Size = SIZE, Price = PRICE });
        }

        return ml.Data.LoadFromEnumerable(rows);
    }
}";

        [Fact]
        public Task MLNetRowsAreFlaggedAndFixAllParsesFinite()
            => VerifyCS.CodeFixAsync(
                HouseCode.Replace("HEADER\n", string.Empty).Replace("SIZE", "{|NAN403:float.Parse(parts[0])|}").Replace("PRICE", "{|NAN403:float.Parse(parts[1])|}"),
                HouseCode.Replace("HEADER", "using NanGuard;").Replace("SIZE", "InputValidation.ParseFiniteSingle(parts[0])").Replace("PRICE", "InputValidation.ParseFiniteSingle(parts[1])"),
                UnvalidatedInputCodeFix.ParseFiniteKey,
                MLNetAndNanGuard);

        [Fact]
        public Task MLNetWithReplaceMissingValuesIsNotFlagged()
            => VerifyCS.AnalyzerAsync(
                HouseCode.Replace("HEADER\n", string.Empty).Replace("SIZE", "float.Parse(parts[0])").Replace("PRICE", "float.Parse(parts[1])")
                    .Replace("return ml.Data.LoadFromEnumerable(rows);", @"var view = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.ReplaceMissingValues(""Size"");
        return pipeline.Fit(view).Transform(view);"),
                new TestOptions { WithMLNet = true });

        private const string HandTraining = @"
class LinearRegression
{
    public double Fit(string[] lines, double lr, int epochs)
    {
        var xs = new double[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            PARSE
        }

        double w = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double grad = 0;
            for (int i = 0; i < xs.Length; i++) grad += (w * xs[i] - 1.0) * xs[i];
            w -= lr * grad;
        }

        return w;
    }
}";

        [Fact]
        public Task TryParseIntoAHandWrittenTrainingLoopIsFlagged()
            => VerifyCS.CodeFixAsync(
                HandTraining.Replace("PARSE", "{|NAN403:double.TryParse(lines[i], out var v)|};\n            xs[i] = v;"),
                "\nusing NanGuard;\n" + HandTraining.Replace("PARSE", "InputValidation.TryParseFinite(lines[i], out var v);\n            xs[i] = v;"),
                UnvalidatedInputCodeFix.ParseFiniteKey,
                WithNanGuard);

        [Fact]
        public Task EnsureFiniteGoesWhereTheDataIsCompleteBeforeAnyOtherUse()
            => VerifyCS.CodeFixAsync(
                HandTraining.Replace("PARSE", "xs[i] = {|NAN403:System.Convert.ToDouble(lines[i])|};"),
                "\nusing NanGuard;\n" + HandTraining.Replace("PARSE", "xs[i] = System.Convert.ToDouble(lines[i]);")
                    .Replace("        double w = 0;", "        InputValidation.EnsureFinite(xs, nameof(xs));\n        double w = 0;"),
                UnvalidatedInputCodeFix.EnsureFiniteKey,
                WithNanGuard);

        [Fact]
        public Task LinqLambdaIntoATensorIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.Linq;
using TorchSharp;

class C
{
    torch.Tensor M(string text)
    {
        var values = text.Split(',').Select(s => {|NAN403:System.Convert.ToSingle(s)|}).ToArray();
        return torch.tensor(values);
    }
}");

        [Fact]
        public Task MethodGroupIsFlaggedWithoutAParseFix()
        {
            const string source = @"
using System.Linq;
using TorchSharp;

class C
{
    torch.Tensor M(string text)
    {
        var values = text.Split(',').Select({|NAN403:float.Parse|}).ToArray();
        return torch.tensor(values);
    }
}";
            const string fixedSource = @"
using System.Linq;
using NanGuard;
using TorchSharp;

class C
{
    torch.Tensor M(string text)
    {
        var values = text.Split(',').Select(float.Parse).ToArray();
        InputValidation.EnsureFinite(values, nameof(values));
        return torch.tensor(values);
    }
}";
            return VerifyCS.CodeFixAsync(source, fixedSource, UnvalidatedInputCodeFix.EnsureFiniteKey, WithNanGuard);
        }

        [Fact]
        public Task FieldWrittenInOneMethodAndTrainedInAnotherIsFlagged()
        {
            const string source = @"
using TorchSharp;

class Model
{
    private readonly double[] features = new double[16];

    public void Load(string[] cells)
    {
        for (int i = 0; i < cells.Length; i++) features[i] = {|NAN403:double.Parse(cells[i])|};
    }

    public torch.Tensor Batch()
    {
        var t = torch.tensor(features);
        return t;
    }
}";
            var fixedSource = "\nusing NanGuard;" + source.Replace("{|NAN403:double.Parse(cells[i])|}", "double.Parse(cells[i])")
                .Replace("        var t = torch.tensor(features);", "        InputValidation.EnsureFinite(features, nameof(features));\n        var t = torch.tensor(features);");
            return VerifyCS.CodeFixAsync(source, fixedSource, UnvalidatedInputCodeFix.EnsureFiniteKey, WithNanGuard);
        }

        [Fact]
        public Task BinaryReadIntoATensorIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.IO;
using TorchSharp;

class C
{
    torch.Tensor M(BinaryReader reader, int n)
    {
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = {|NAN403:reader.ReadSingle()|};
        return torch.tensor(data);
    }
}");

        [Fact]
        public Task TorchTrainingLoopOverParsedSamplesIsFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.Collections.Generic;
using TorchSharp;

class C
{
    void M(string[] lines)
    {
        var samples = new List<float>();
        foreach (var line in lines) samples.Add({|NAN403:float.Parse(line)|});
        var model = torch.nn.Linear(1, 1);
        var opt = torch.optim.SGD(model.parameters(), 0.01);
        for (int epoch = 0; epoch < 10; epoch++)
        {
            foreach (var s in samples)
            {
                opt.zero_grad();
                var loss = model.forward(torch.ones(1, 1) * s).sum();
                loss.backward();
                opt.step();
            }
        }
    }
}");

        // ---- not flagged ----

        [Fact]
        public Task CheckedValueIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + Loader("ParseChecked(lines[i])") .Replace("class Loader\n{", @"class Loader
{
    static double ParseChecked(string s)
    {
        var v = double.Parse(s, CultureInfo.InvariantCulture);
        if (!double.IsFinite(v)) throw new InvalidDataException(s);
        return v;
    }
"));

        [Fact]
        public Task SkippedNaNIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + Loader("double.NaN").Replace("            data[i] = double.NaN; // one value per line", @"            var v = double.Parse(lines[i], CultureInfo.InvariantCulture);
            if (double.IsNaN(v) || double.IsInfinity(v)) continue;
            data[i] = v;"));

        [Fact]
        public Task EnsureFiniteBeforeTheTensorIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + Loader("double.Parse(lines[i])", "        NanGuard.InputValidation.EnsureFinite(data);\n"), WithNanGuard);

        [Fact]
        public Task NanToNumInTheTensorCallIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + Loader("double.Parse(lines[i])").Replace("torch.tensor(data)", "torch.tensor(NanGuard.InputValidation.NanToNum(data))"), WithNanGuard);

        [Fact]
        public Task AllFiniteCheckIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + "using System.Linq;\n" + Loader("double.Parse(lines[i])", "        if (!data.All(double.IsFinite)) throw new InvalidDataException(path);\n"));

        [Fact]
        public Task WhereIsFiniteFilterIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.Linq;
using TorchSharp;

class C
{
    torch.Tensor M(string text)
    {
        var values = text.Split(',').Select(double.Parse).Where(double.IsFinite).ToArray();
        return torch.tensor(values);
    }
}");

        [Fact]
        public Task ParseFiniteIsNotFlagged()
            => VerifyCS.AnalyzerAsync(Header + Loader("NanGuard.InputValidation.ParseFinite(lines[i])"), WithNanGuard);

        [Fact]
        public Task ParsedConfigurationValueIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
class C
{
    void M(string[] args)
    {
        double threshold = double.Parse(args[0]);
        if (threshold > 0.5) System.Console.WriteLine(threshold);
        int epochs = int.Parse(args[1]);
    }
}");

        [Fact]
        public Task ParsedValueNeverReachingTrainingIsNotFlagged()
            => VerifyCS.AnalyzerAsync(@"
using System.Collections.Generic;

class Report
{
    double Average(IEnumerable<string> cells)
    {
        double sum = 0;
        int n = 0;
        foreach (var c in cells) { sum += double.Parse(c); n++; }
        return sum / n;
    }
}");

        [Fact]
        public Task HalfTypedCodeDoesNotThrow()
            => TrainingTestSupport.AssertDoesNotThrowAsync(new UnvalidatedInputAnalyzer(), @"
using TorchSharp;
class C
{
    double[] f;
    void M(string[] s)
    {
        var d = new double[s.Length];
        for (int i = 0; i < s.Length; i++) d[i] = double.Parse(;
        f[0] = double.Parse(s[0]) +;
        double.TryParse(s[0], out );
        var t = torch.tensor(d, );
        foreach (var x in ) { }
    }
}");
    }
}

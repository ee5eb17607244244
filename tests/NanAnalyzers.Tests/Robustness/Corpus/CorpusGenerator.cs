using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NanAnalyzers.Corpus
{
    /// <summary>What a generated corpus may use.</summary>
    public sealed class CorpusOptions
    {
        /// <summary>Guarded code may call NanGuard (<c>SafeMath</c>, <c>StableMath</c>, <c>GradientClipping</c>, <c>InputValidation</c>); the compilation must then reference NanGuard.</summary>
        public bool UseNanGuard { get; set; } = true;

        /// <summary>Emit TorchSharp training loops (the compilation must reference TorchSharp 0.107.0).</summary>
        public bool UseTorchSharp { get; set; } = true;

        /// <summary>Emit MathNet.Numerics code (the compilation must reference MathNet.Numerics 5.0.0).</summary>
        public bool UseMathNet { get; set; } = true;

        /// <summary>The share of methods written in their guarded form, 0..1.</summary>
        public double GuardedShare { get; set; } = 0.5;

        /// <summary>The number of lines a file grows to (about; whole methods are added).</summary>
        public int TargetLines { get; set; } = 100;
    }

    /// <summary>One generated source file.</summary>
    public sealed class CorpusFile
    {
        public CorpusFile(string name, string text)
        {
            Name = name;
            Text = text;
        }

        /// <summary>A file name, e.g. <c>Trainer0042.cs</c>.</summary>
        public string Name { get; }

        public string Text { get; }
    }

    /// <summary>
    /// Writes realistic training code for the analyzer benchmarks and the robustness tests: hand-written
    /// loops (softmax, cross-entropy, normalisation, SGD updates, CSV parsing, losses on sigmoids, log-sum-exp,
    /// cosine angles, float and generic math), TorchSharp training loops and MathNet code, each method in an
    /// unguarded form (the patterns every rule looks at) or a guarded one (clamped, max-shifted, clipped,
    /// validated, or through NanGuard). The output depends on the seed only (its own PRNG, no
    /// <see cref="Random"/>), and compiles against .NET 8 (or later) + TorchSharp 0.107.0 + MathNet 5.0.0
    /// (+ NanGuard when <see cref="CorpusOptions.UseNanGuard"/>) without errors.
    /// </summary>
    public static class CorpusGenerator
    {
        /// <summary>Generates <paramref name="count"/> files from <paramref name="seed"/>.</summary>
        public static IReadOnlyList<CorpusFile> Generate(int count, int seed = 1, CorpusOptions? options = null)
        {
            options ??= new CorpusOptions();
            var files = new List<CorpusFile>(count);
            for (int i = 0; i < count; i++)
            {
                files.Add(GenerateFile(i, seed, options));
            }

            return files;
        }

        /// <summary>Generates file number <paramref name="index"/> of the corpus of <paramref name="seed"/> (independent of the other files).</summary>
        public static CorpusFile GenerateFile(int index, int seed = 1, CorpusOptions? options = null)
        {
            options ??= new CorpusOptions();
            var rng = new SplitMix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)index * 0xBF58476D1CE4E5B9UL ^ 0x2545F4914F6CDD1DUL);
            var templates = Available(options);
            var body = new StringBuilder();
            int lines = 0;
            int member = 0;
            int headerLines = 14 + (options.UseNanGuard ? 1 : 0);
            while (headerLines + lines < options.TargetLines - 8 || member == 0)
            {
                var template = templates[rng.Next(templates.Count)];
                bool guarded = rng.NextDouble() < options.GuardedShare;
                var text = template(new Context(rng, member, guarded, options.UseNanGuard));
                if (member > 0)
                {
                    body.Append('\n');
                    lines++;
                }

                body.Append(text);
                lines += CountLines(text);
                member++;
            }

            var name = "Trainer" + index.ToString("D4", CultureInfo.InvariantCulture);
            var file = new StringBuilder();
            file.Append("// Generated corpus file ").Append(index.ToString(CultureInfo.InvariantCulture))
                .Append(" (seed ").Append(seed.ToString(CultureInfo.InvariantCulture)).Append("): training code for the NanAnalyzers benchmarks.\n");
            file.Append("using System;\n");
            file.Append("using System.Collections.Generic;\n");
            file.Append("using System.Globalization;\n");
            file.Append("using System.Linq;\n");
            file.Append("using MathNet.Numerics.LinearAlgebra;\n");
            if (options.UseNanGuard)
            {
                file.Append("using NanGuard;\n");
            }

            file.Append("using TorchSharp;\n");
            file.Append("using static TorchSharp.torch;\n");
            file.Append('\n');
            file.Append("namespace Corpus.Batch").Append((index / 100).ToString(CultureInfo.InvariantCulture)).Append('\n');
            file.Append("{\n");
            file.Append("    /// <summary>Training helpers, part ").Append(index.ToString(CultureInfo.InvariantCulture)).Append(".</summary>\n");
            file.Append("    public static class ").Append(name).Append('\n');
            file.Append("    {\n");
            file.Append(body);
            file.Append("    }\n");
            file.Append("}\n");
            return new CorpusFile(name + ".cs", file.ToString());
        }

        private static int CountLines(string text)
        {
            int n = 0;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    n++;
                }
            }

            return n;
        }

        private delegate string Template(Context c);

        private static List<Template> Available(CorpusOptions options)
        {
            var list = new List<Template>
            {
                Softmax, CrossEntropy, Standardize, SgdLinear, ParseCsv, SigmoidLoss, LogPartition,
                Angle, FloatEntropy, GenericLog, Perplexity, MeanAbsolute,
            };
            if (options.UseTorchSharp)
            {
                list.Add(TorchClassifier);
                list.Add(TorchRegression);
                list.Add(TorchLosses);
            }

            if (options.UseMathNet)
            {
                list.Add(MathNetScores);
                list.Add(MathNetStep);
            }

            return list;
        }

        private sealed class Context
        {
            private readonly SplitMix rng;

            public Context(SplitMix rng, int member, bool guarded, bool nanGuard)
            {
                this.rng = rng;
                N = member.ToString(CultureInfo.InvariantCulture);
                Guarded = guarded;
                NanGuard = guarded && nanGuard && rng.Next(2) == 0;
            }

            /// <summary>The member suffix that keeps names unique within a file.</summary>
            public string N { get; }

            public bool Guarded { get; }

            /// <summary>Guarded through NanGuard rather than inline.</summary>
            public bool NanGuard { get; }

            public string Pick(params string[] choices) => choices[rng.Next(choices.Length)];

            public int Int(int min, int maxExclusive) => min + rng.Next(maxExclusive - min);

            public string Fill(string template) => template.Replace("$N$", N);
        }

        private static string Softmax(Context c)
        {
            var name = c.Pick("Softmax", "Normalize", "Probabilities");
            if (!c.Guarded)
            {
                return c.Fill(@"        // Softmax over one row of logits.
        public static double[] " + name + @"$N$(double[] logits)
        {
            var result = new double[logits.Length];
            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                result[i] = Math.Exp(logits[i]); // the raw logit
                sum += result[i];
            }

            for (int i = 0; i < result.Length; i++)
            {
                result[i] /= sum;
            }

            return result;
        }
");
            }

            if (c.NanGuard)
            {
                return c.Fill(@"        // Softmax over one row of logits, stable.
        public static double[] " + name + @"$N$(double[] logits)
        {
            var result = new double[logits.Length];
            StableMath.Softmax(logits, result); /* max-shifted inside */
            return result;
        }
");
            }

            return c.Fill(@"        // Softmax over one row of logits, shifted by the maximum.
        public static double[] " + name + @"$N$(double[] logits)
        {
            var result = new double[logits.Length];
            double max = double.NegativeInfinity;
            foreach (var l in logits)
            {
                max = Math.Max(max, l);
            }

            double sum = 0;
            for (int i = 0; i < logits.Length; i++)
            {
                result[i] = Math.Exp(logits[i] - max);
                sum += result[i];
            }

            for (int i = 0; i < result.Length; i++)
            {
                result[i] /= sum + 1e-12;
            }

            return result;
        }
");
        }

        private static string CrossEntropy(Context c)
        {
            var log = c.Guarded ? (c.NanGuard ? "SafeMath.Log(p)" : "Math.Log(Math.Max(p, 1e-12))") : "Math.Log(p)";
            var mean = c.Guarded ? "labels.Length == 0 ? 0 : loss / labels.Length" : "loss / labels.Length";
            return c.Fill(@"        /// <summary>Mean negative log-likelihood of the labelled classes.</summary>
        public static double CrossEntropy$N$(double[] probabilities, int[] labels, int classes)
        {
            double loss = 0;
            for (int r = 0; r < labels.Length; r++)
            {
                double p = probabilities[r * classes + labels[r]];
                loss -= " + log + @"; /* log of a probability */
            }

            return " + mean + @";
        }
");
        }

        private static string Standardize(Context c)
        {
            if (!c.Guarded)
            {
                return c.Fill(@"        // z-score in one pass: E[x^2] - E[x]^2.
        public static void Standardize$N$(double[] values)
        {
            double sum = 0, sumSq = 0;
            foreach (var v in values)
            {
                sum += v;
                sumSq += v * v;
            }

            double mean = sum / values.Length;
            double variance = sumSq / values.Length - mean * mean;
            double std = Math.Sqrt(variance);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (values[i] - mean) / std;
            }
        }
");
            }

            var sqrt = c.NanGuard ? "SafeMath.Sqrt(variance)" : "Math.Sqrt(Math.Max(variance, 0))";
            return c.Fill(@"        // z-score in two passes, with an epsilon.
        public static void Standardize$N$(double[] values)
        {
            if (values.Length == 0)
            {
                return;
            }

            double mean = values.Average();
            double variance = 0;
            foreach (var v in values)
            {
                variance += (v - mean) * (v - mean);
            }

            variance /= values.Length;
            double std = " + sqrt + @";
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (values[i] - mean) / (std + 1e-8);
            }
        }
");
        }

        private static string SgdLinear(Context c)
        {
            var rate = c.Guarded ? c.Pick("0.01", "0.005", "0.05") : c.Pick("5.0", "2.5", "10.0", "1.5");
            string clip;
            if (!c.Guarded)
            {
                clip = string.Empty;
            }
            else if (c.NanGuard)
            {
                clip = "                GradientClipping.ClipByGlobalNorm(g, 1.0); // bound the step\n";
            }
            else
            {
                clip = @"                double norm = Math.Sqrt(g.Sum(v => v * v));
                if (norm > 1.0)
                {
                    for (int j = 0; j < g.Length; j++)
                    {
                        g[j] /= norm; // bound the step
                    }
                }
";
            }

            var check = c.Guarded ? "double.IsNaN(loss)" : "loss == double.NaN";
            return c.Fill(@"        private const double LearningRate$N$ = " + rate + @";

        // Full-batch gradient descent on a linear model with squared error.
        public static double Fit$N$(double[] w, double[] x, double[] y, int epochs)
        {
            double loss = 0;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                var g = new double[w.Length];
                loss = 0;
                for (int r = 0; r < y.Length; r++)
                {
                    double pred = 0;
                    for (int j = 0; j < w.Length; j++)
                    {
                        pred += w[j] * x[r * w.Length + j];
                    }

                    double err = pred - y[r];
                    loss += err * err;
                    for (int j = 0; j < w.Length; j++)
                    {
                        g[j] += 2 * err * x[r * w.Length + j];
                    }
                }

" + clip + @"                for (int j = 0; j < w.Length; j++)
                {
                    w[j] -= LearningRate$N$ * g[j];
                }

                if (" + check + @")
                {
                    break; // diverged
                }
            }

            return loss;
        }
");
        }

        private static string ParseCsv(Context c)
        {
            var type = c.Pick("double", "float");
            string validate;
            if (!c.Guarded)
            {
                validate = string.Empty;
            }
            else if (c.NanGuard)
            {
                validate = "            InputValidation.EnsureFinite(data, nameof(data));\n";
            }
            else
            {
                validate = @"            foreach (var v in data)
            {
                if (!" + type + @".IsFinite(v))
                {
                    throw new FormatException(""A cell is not a finite number."");
                }
            }
";
            }

            return c.Fill(@"        // Reads a CSV block of numbers: the cells may say NaN or Infinity.
        public static " + type + @"[] ParseRows$N$(string[] lines, int columns)
        {
            var data = new " + type + @"[lines.Length * columns];
            for (int r = 0; r < lines.Length; r++)
            {
                var cells = lines[r].Split(',');
                for (int col = 0; col < columns; col++)
                {
                    data[r * columns + col] = " + type + @".Parse(cells[col], CultureInfo.InvariantCulture);
                }
            }

" + validate + @"            return data;
        }
");
        }

        private static string SigmoidLoss(Context c)
        {
            string term;
            if (!c.Guarded)
            {
                term = @"                double p = Sigmoid$N$(z[i]);
                total += -(y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p));";
            }
            else if (c.NanGuard)
            {
                term = @"                total += StableMath.BinaryCrossEntropyWithLogits(z[i], y[i]);";
            }
            else
            {
                term = @"                double p = Math.Clamp(Sigmoid$N$(z[i]), 1e-7, 1 - 1e-7);
                total += -(y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p));";
            }

            return c.Fill(@"        private static double Sigmoid$N$(double z) => 1.0 / (1.0 + Math.Exp(-z));

        // Binary cross-entropy of a logistic model.
        public static double BinaryLoss$N$(double[] z, double[] y)
        {
            double total = 0;
            for (int i = 0; i < z.Length; i++)
            {
" + term + @"
            }

            return total / Math.Max(1, z.Length);
        }
");
        }

        private static string LogPartition(Context c)
        {
            if (!c.Guarded)
            {
                return c.Fill(@"        // log of the partition function, and softplus.
        public static double LogPartition$N$(double[] scores)
        {
            double sum = 0;
            foreach (var s in scores)
            {
                sum += Math.Exp(s);
            }

            return Math.Log(sum);
        }

        public static double Softplus$N$(double x) => Math.Log(1 + Math.Exp(x));

        public static double Growth$N$(double rate) => Math.Exp(rate) - 1;
");
            }

            if (c.NanGuard)
            {
                return c.Fill(@"        // log of the partition function, and softplus.
        public static double LogPartition$N$(double[] scores) => StableMath.LogSumExp(scores);

        public static double Softplus$N$(double x) => StableMath.Softplus(x);

        public static double Growth$N$(double rate) => SafeMath.ExpM1(rate);
");
            }

            return c.Fill(@"        // log of the partition function, shifted by the maximum.
        public static double LogPartition$N$(double[] scores)
        {
            if (scores.Length == 0)
            {
                return double.NegativeInfinity;
            }

            double max = scores.Max();
            double sum = 0;
            foreach (var s in scores)
            {
                sum += Math.Exp(s - max);
            }

            return max + Math.Log(sum);
        }
");
        }

        private static string Angle(Context c)
        {
            var acos = c.Guarded ? (c.NanGuard ? "SafeMath.Acos(cos)" : "Math.Acos(Math.Clamp(cos, -1.0, 1.0))") : "Math.Acos(cos)";
            var denominator = c.Guarded ? "Math.Sqrt(na) * Math.Sqrt(nb) + 1e-12" : "Math.Sqrt(na) * Math.Sqrt(nb)";
            return c.Fill(@"        // The angle between two embeddings.
        public static double Angle$N$(double[] a, double[] b)
        {
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }

            double cos = dot / (" + denominator + @");
            return " + acos + @";
        }
");
        }

        private static string FloatEntropy(Context c)
        {
            var term = c.Guarded ? "q > 0f ? q * MathF.Log(q) : 0f" : "q * MathF.Log(q)";
            var check = c.Guarded ? "float.IsNaN(loss)" : "loss == float.NaN";
            return c.Fill(@"        // Entropy of a float distribution.
        public static float Entropy$N$(float[] p)
        {
            float h = 0f;
            foreach (var q in p)
            {
                h -= " + term + @";
            }

            return h;
        }

        public static bool Diverged$N$(float loss) => " + check + @" || loss > 1e6f;
");
        }

        private static string GenericLog(Context c)
        {
            var body = c.Guarded ? "T.Log(T.Max(x, T.CreateChecked(1e-12)))" : "T.Log(x)";
            var check = c.Guarded ? "T.IsNaN(x)" : "x == T.NaN";
            return c.Fill(@"        // Generic-math helpers for float and double models.
        public static T LogOf$N$<T>(T x)
            where T : System.Numerics.IFloatingPointIeee754<T>
            => " + body + @";

        public static bool IsMissing$N$<T>(T x)
            where T : System.Numerics.IFloatingPointIeee754<T>
            => " + check + @";
");
        }

        private static string Perplexity(Context c)
        {
            var log = c.Guarded ? (c.NanGuard ? "SafeMath.Log(tokenProbabilities[i])" : "Math.Log(tokenProbabilities[i] + 1e-12)") : "Math.Log(tokenProbabilities[i])";
            var count = c.Guarded ? "Math.Max(1, tokenProbabilities.Count)" : "tokenProbabilities.Count";
            return c.Fill(@"        // Perplexity of a language model over a validation set.
        public static double Perplexity$N$(List<double> tokenProbabilities)
        {
            double nll = 0;
            for (int i = 0; i < tokenProbabilities.Count; i++)
            {
                nll -= " + log + @";
            }

            return Math.Exp(nll / " + count + @");
        }
");
        }

        private static string MeanAbsolute(Context c)
        {
            var divide = c.Guarded ? (c.NanGuard ? "SafeMath.Divide(total, predictions.Length)" : "predictions.Length > 0 ? total / predictions.Length : 0") : "total / predictions.Length";
            var rel = c.Guarded ? "(Math.Abs(targets[i]) + 1e-9)" : "Math.Abs(targets[i])";
            return c.Fill(@"        // Mean absolute percentage error.
        public static double Mape$N$(double[] predictions, double[] targets)
        {
            double total = 0;
            for (int i = 0; i < predictions.Length; i++)
            {
                total += Math.Abs(predictions[i] - targets[i]) / " + rel + @";
            }

            return " + divide + @";
        }
");
        }

        private static string TorchClassifier(Context c)
        {
            bool sgd = c.Int(0, 3) == 0;
            string optimizer;
            if (sgd)
            {
                optimizer = "torch.optim.SGD(model.parameters(), learningRate: " + (c.Guarded ? c.Pick("0.01", "0.05") : c.Pick("5.0", "2.0")) + ")";
            }
            else
            {
                optimizer = "torch.optim." + c.Pick("Adam", "AdamW", "RMSProp") + "(model.parameters(), lr: " + (c.Guarded ? c.Pick("0.001", "0.0003") : c.Pick("0.5", "1.0", "0.9")) + ")";
            }

            var logProbabilities = c.Guarded ? "torch.nn.functional.log_softmax(logits, 1)" : "torch.log(torch.softmax(logits, 1))";
            var zero = c.Guarded ? "                optimizer.zero_grad();\n" : string.Empty;
            var clip = c.Guarded ? "                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);\n" : string.Empty;
            var check = c.Guarded ? "float.IsNaN(last)" : "last == float.NaN";
            var hidden = c.Pick("16", "32", "64");
            return c.Fill(@"        // A small classifier trained with " + (sgd ? "SGD" : "an adaptive optimizer") + @".
        public static float TrainClassifier$N$(Tensor x, Tensor y, int epochs)
        {
            var model = torch.nn.Sequential(
                (""hidden"", torch.nn.Linear(" + c.Int(3, 20).ToString(CultureInfo.InvariantCulture) + @", " + hidden + @")),
                (""relu"", torch.nn.ReLU()),
                (""out"", torch.nn.Linear(" + hidden + @", " + c.Int(2, 10).ToString(CultureInfo.InvariantCulture) + @")));
            var optimizer = " + optimizer + @";
            float last = 0f;
            for (int epoch = 0; epoch < epochs; epoch++)
            {
" + zero + @"                Tensor logits = model.forward(x);
                Tensor logProbabilities = " + logProbabilities + @";
                Tensor loss = torch.nn.functional.nll_loss(logProbabilities, y);
                loss.backward();
" + clip + @"                optimizer.step();
                last = loss.item<float>();
                if (" + check + @")
                {
                    break;
                }
            }

            return last;
        }
");
        }

        private static string TorchRegression(Context c)
        {
            var loss = c.Guarded
                ? "torch.nn.functional.binary_cross_entropy_with_logits(z, target)"
                : "torch.nn.functional.binary_cross_entropy(torch.sigmoid(z), target)";
            var zero = c.Guarded ? "                optimizer.zero_grad();\n" : string.Empty;
            var clip = c.Guarded ? "                torch.nn.utils.clip_grad_value_(model.parameters(), 0.5);\n" : string.Empty;
            return c.Fill(@"        // Logistic regression head in TorchSharp.
        public static double TrainLogistic$N$(Tensor features, Tensor target, int steps)
        {
            var model = torch.nn.Linear(" + c.Int(2, 30).ToString(CultureInfo.InvariantCulture) + @", 1);
            var optimizer = torch.optim.Adagrad(model.parameters(), lr: " + (c.Guarded ? "0.01" : "3.0") + @");
            double total = 0;
            for (int step = 0; step < steps; step++)
            {
" + zero + @"                Tensor z = model.forward(features).squeeze(1);
                Tensor loss = " + loss + @";
                loss.backward();
" + clip + @"                optimizer.step();
                total += loss.item<float>();
            }

            return total / steps;
        }
");
        }

        private static string TorchLosses(Context c)
        {
            if (!c.Guarded)
            {
                return c.Fill(@"        // Tensor formulas written out by hand.
        public static Tensor Energy$N$(Tensor scores, Tensor delta)
        {
            Tensor partition = torch.log(torch.exp(scores).sum(1));
            Tensor smooth = torch.log(1 + torch.exp(delta));
            Tensor norm = torch.sqrt((delta * delta).sum());
            Tensor scaled = delta / norm;
            Tensor centred = (scores - scores.mean()) / scores.std();
            return partition.mean() + smooth.mean() + scaled.sum() + centred.sum();
        }
");
            }

            return c.Fill(@"        // Tensor formulas in their stable forms.
        public static Tensor Energy$N$(Tensor scores, Tensor delta)
        {
            Tensor partition = torch.logsumexp(scores, 1);
            Tensor smooth = torch.nn.functional.softplus(delta);
            Tensor norm = torch.sqrt((delta * delta).sum() + 1e-12);
            Tensor scaled = delta / (norm + 1e-6);
            Tensor centred = (scores - scores.mean()) / (scores.std() + 1e-6);
            return partition.mean() + smooth.mean() + scaled.sum() + centred.sum();
        }
");
        }

        private static string MathNetScores(Context c)
        {
            string body;
            if (!c.Guarded)
            {
                body = @"            var v = Vector<double>.Build.DenseOfArray(raw);
            var probabilities = v.Divide(v.Sum());
            var logs = probabilities.PointwiseLog();
            double norm = v.L2Norm();
            return -logs.Sum() / norm;";
            }
            else if (c.NanGuard)
            {
                body = @"            var v = Vector<double>.Build.DenseOfArray(raw);
            InputValidation.EnsureFinite(v, nameof(raw));
            var probabilities = v.Divide(v.Sum() + 1e-12);
            var logs = probabilities.PointwiseMaximum(1e-12).PointwiseLog();
            double norm = v.L2Norm();
            return -logs.Sum() / (norm + 1e-12);";
            }
            else
            {
                body = @"            var v = Vector<double>.Build.DenseOfArray(raw);
            var probabilities = v.Divide(v.Sum() + 1e-12);
            var logs = probabilities.PointwiseMaximum(1e-12).PointwiseLog();
            double norm = v.L2Norm();
            return -logs.Sum() / (norm + 1e-12);";
            }

            return c.Fill(@"        // Scores with MathNet.Numerics vectors.
        public static double VectorScore$N$(double[] raw)
        {
" + body + @"
        }
");
        }

        private static string MathNetStep(Context c)
        {
            var rate = c.Guarded ? "0.01" : c.Pick("4.0", "8.0");
            var clip = !c.Guarded
                ? string.Empty
                : c.NanGuard
                    ? "            GradientClipping.ClipByGlobalNorm(gradient, 1.0);\n"
                    : "            gradient = gradient.Divide(Math.Max(1.0, gradient.FrobeniusNorm()));\n";
            return c.Fill(@"        // One gradient step on a MathNet weight matrix.
        public static Matrix<double> MatrixStep$N$(Matrix<double> weights, Matrix<double> gradient)
        {
            double eta = " + rate + @";
" + clip + @"            for (int i = 0; i < weights.RowCount; i++)
            {
                for (int j = 0; j < weights.ColumnCount; j++)
                {
                    weights[i, j] -= eta * gradient[i, j];
                }
            }

            return weights;
        }
");
        }

        /// <summary>SplitMix64: a tiny deterministic generator, identical on every runtime.</summary>
        private sealed class SplitMix
        {
            private ulong state;

            public SplitMix(ulong seed)
            {
                state = seed;
            }

            public ulong NextULong()
            {
                ulong z = state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }

            public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

            public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));
        }
    }
}

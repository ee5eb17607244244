// An ML.NET regression trained with online gradient descent at a learning rate far too high, on
// rows parsed from text that contain a NaN and an infinity. Run as it is, training stops with ML.NET's
// "The weights/bias contain invalid values (NaN or Infinite)".
using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNetTraining
{
    public sealed class Row
    {
        public float Size { get; set; }

        public float Age { get; set; }

        public float Price { get; set; }
    }

    public static class Program
    {
        private static readonly string[] Lines =
        {
            "120,10,310", "80,35,190", "150,2,420", "95,NaN,240", "60,50,150",
            "200,5,560", "110,20,300", "Infinity,15,330", "70,40,170", "130,8,360",
        };

        public static int Main()
        {
            var rows = new List<Row>();
            foreach (var line in Lines)
            {
                var cells = line.Split(',');
                try
                {
                    rows.Add(new Row
                    {
                        Size = float.Parse(cells[0], CultureInfo.InvariantCulture),
                        Age = float.Parse(cells[1], CultureInfo.InvariantCulture),
                        Price = float.Parse(cells[2], CultureInfo.InvariantCulture),
                    });
                }
                catch (FormatException)
                {
                    // A malformed row is skipped. "NaN" and "Infinity" are not malformed to float.Parse.
                    Console.WriteLine("skipping malformed row: " + line);
                }
            }

            var ml = new MLContext(seed: 1);
            IDataView data = ml.Data.LoadFromEnumerable(rows);
            var pipeline = ml.Transforms.Concatenate("Features", nameof(Row.Size), nameof(Row.Age))
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.Regression.Trainers.OnlineGradientDescent(labelColumnName: nameof(Row.Price), learningRate: 10f, numberOfIterations: 20));
            ITransformer model;
            try
            {
                model = pipeline.Fit(data);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine("training failed: " + e.Message);
                return 1;
            }

            RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(data), labelColumnName: nameof(Row.Price));
            Console.WriteLine(FormattableString.Invariant($"RMSE: {metrics.RootMeanSquaredError:G6}"));
            return double.IsFinite(metrics.RootMeanSquaredError) ? 0 : 1;
        }
    }
}

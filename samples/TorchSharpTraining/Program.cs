// A TorchSharp classifier training loop with the classic NaN risks: unvalidated input parsed from
// text, a learning rate far too high, the log of a softmax, binary cross-entropy on a sigmoid's
// output, no gradient clipping and no zero_grad().
using System;
using System.Globalization;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharpTraining
{
    public static class Program
    {
        private static readonly string[] Lines =
        {
            "0.1,0.7,0.3,1", "0.9,0.2,0.4,0", "0.5,NaN,0.8,1", "0.3,0.3,Infinity,0",
        };

        public static void Main()
        {
            var values = new float[Lines.Length * 3];
            var labels = new long[Lines.Length];
            for (int r = 0; r < Lines.Length; r++)
            {
                var cells = Lines[r].Split(',');
                for (int c = 0; c < 3; c++)
                {
                    values[r * 3 + c] = float.Parse(cells[c], CultureInfo.InvariantCulture);
                }

                labels[r] = long.Parse(cells[3], CultureInfo.InvariantCulture);
            }

            Tensor x = torch.tensor(values, new long[] { Lines.Length, 3 });
            Tensor y = torch.tensor(labels);

            var model = torch.nn.Sequential(
                ("hidden", torch.nn.Linear(3, 16)),
                ("relu", torch.nn.ReLU()),
                ("out", torch.nn.Linear(16, 2)));
            var optimizer = torch.optim.Adam(model.parameters(), lr: 0.5);

            for (int epoch = 0; epoch < 100; epoch++)
            {
                Tensor logits = model.forward(x);

                // Categorical cross-entropy from the log of a softmax.
                Tensor logProbabilities = torch.log(torch.softmax(logits, 1));
                Tensor loss = torch.nn.functional.nll_loss(logProbabilities, y);

                // An auxiliary "is class 1" head trained with BCE on the sigmoid's output.
                Tensor auxiliary = torch.nn.functional.binary_cross_entropy(torch.sigmoid(logits[TensorIndex.Colon, 1]), y.to_type(ScalarType.Float32));

                Tensor total = loss + auxiliary;
                total.backward();
                optimizer.step();

                if (epoch % 10 == 0)
                {
                    Console.WriteLine($"epoch {epoch}: loss {total.item<float>()}");
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using NanGuard;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// The sizes (float elements) every NanGuard benchmark runs at: 1 K (in L1), 1 M (4 MB: in or near the
    /// last-level cache) and 64 M (256 MB: memory bound). <c>--short</c> runs 1 M only; <c>--sizes</c> picks others.
    /// </summary>
    public abstract class NanGuardBenchmarkBase
    {
        public static IEnumerable<int> Sizes =>
            BenchmarkSettings.Sizes ?? (BenchmarkSettings.Short ? new[] { 1 << 20 } : new[] { 1 << 10, 1 << 20, 1 << 26 });

        [ParamsSource(nameof(Sizes))]
        public int Size { get; set; }

        protected static float[] Data(int size, float min, float max, int seed)
        {
            var rng = new Random(seed);
            var data = new float[size];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = min + (float)rng.NextDouble() * (max - min);
            }

            return data;
        }
    }

    /// <summary><c>InputValidation.IsAllFinite</c> and <c>EnsureFinite</c> over finite data (the common case: every element is read).</summary>
    [MemoryDiagnoser]
    [Config(typeof(NanGuardConfig))]
    public class NanGuardValidationBenchmarks : NanGuardBenchmarkBase
    {
        private float[] x = null!;
        private Vector<float> vector = null!;

        [GlobalSetup]
        public void Setup()
        {
            x = Data(Size, -1f, 1f, 1);
            vector = Vector<float>.Build.Dense(x);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            x = null!;
            vector = null!;
        }

        [Benchmark(Baseline = true, Description = "Bandwidth: TensorPrimitives.Sum")]
        public float Bandwidth() => TensorPrimitives.Sum<float>(x);

        [Benchmark(Description = "NanGuard IsAllFinite")]
        public bool NanGuardIsAllFinite() => InputValidation.IsAllFinite((ReadOnlySpan<float>)x);

        [Benchmark(Description = "NanGuard EnsureFinite")]
        public void NanGuardEnsureFinite() => InputValidation.EnsureFinite(x);

        [Benchmark(Description = "Naive loop (float.IsFinite)")]
        public bool Naive()
        {
            var values = x;
            for (int i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        [Benchmark(Description = "TensorPrimitives.IsFiniteAll")]
        public bool Tensor() => TensorPrimitives.IsFiniteAll<float>(x);

        [Benchmark(Description = "MathNet Vector.ForAll(IsFinite)")]
        public bool MathNetForAll() => vector.ForAll(float.IsFinite, Zeros.Include);
    }

    /// <summary>
    /// <c>GradientClipping.ClipByGlobalNorm</c>. "Below max": the norm is under <c>maxNorm</c>, only the norm is
    /// computed (the steady state of a healthy run). "Clipping": the data is first restored from a copy, then
    /// clipped to norm 1 (a norm pass and a scaling pass); the "Copy only" row is the cost of the restore.
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(NanGuardConfig))]
    public class NanGuardClipByGlobalNormBenchmarks : NanGuardBenchmarkBase
    {
        private const double Unreached = 1e12;
        private float[] x = null!;
        private float[] pristine = null!;
        private Vector<float> vector = null!;

        [GlobalSetup]
        public void Setup()
        {
            pristine = Data(Size, -1f, 1f, 2);
            x = (float[])pristine.Clone();
            vector = Vector<float>.Build.Dense(x);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            x = null!;
            pristine = null!;
            vector = null!;
        }

        [Benchmark(Baseline = true, Description = "Bandwidth: TensorPrimitives.Sum")]
        public float Bandwidth() => TensorPrimitives.Sum<float>(x);

        [Benchmark(Description = "NanGuard ClipByGlobalNorm, below max")]
        public double NanGuardBelowMax() => GradientClipping.ClipByGlobalNorm((Span<float>)x, Unreached);

        [Benchmark(Description = "Naive loop (double sum of squares), below max")]
        public double NaiveBelowMax() => NaiveClip(x, Unreached);

        [Benchmark(Description = "TensorPrimitives.Norm (+ Multiply), below max")]
        public double TensorBelowMax() => TensorClip(x, Unreached);

        [Benchmark(Description = "MathNet L2Norm (+ Multiply), below max")]
        public double MathNetBelowMax() => MathNetClip(vector, Unreached);

        [Benchmark(Description = "Copy only (the restore of the clipping rows)")]
        public void CopyOnly() => pristine.AsSpan().CopyTo(x);

        [Benchmark(Description = "NanGuard ClipByGlobalNorm, clipping (after copy)")]
        public double NanGuardClipping()
        {
            pristine.AsSpan().CopyTo(x);
            return GradientClipping.ClipByGlobalNorm((Span<float>)x, 1.0);
        }

        [Benchmark(Description = "Naive loop, clipping (after copy)")]
        public double NaiveClipping()
        {
            pristine.AsSpan().CopyTo(x);
            return NaiveClip(x, 1.0);
        }

        [Benchmark(Description = "TensorPrimitives.Norm + Multiply, clipping (after copy)")]
        public double TensorClipping()
        {
            pristine.AsSpan().CopyTo(x);
            return TensorClip(x, 1.0);
        }

        [Benchmark(Description = "MathNet L2Norm + Multiply, clipping (after copy)")]
        public double MathNetClipping()
        {
            pristine.AsSpan().CopyTo(x);
            return MathNetClip(vector, 1.0);
        }

        private static double NaiveClip(float[] g, double maxNorm)
        {
            double sum = 0;
            for (int i = 0; i < g.Length; i++)
            {
                sum += (double)g[i] * g[i];
            }

            double norm = Math.Sqrt(sum);
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1)
            {
                float c = (float)coef;
                for (int i = 0; i < g.Length; i++)
                {
                    g[i] *= c;
                }
            }

            return norm;
        }

        private static double TensorClip(float[] g, double maxNorm)
        {
            // What one would write with TensorPrimitives (its Norm overflows for 1e30f elements).
            double norm = TensorPrimitives.Norm<float>(g);
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1)
            {
                TensorPrimitives.Multiply(g, (float)coef, g);
            }

            return norm;
        }

        private static double MathNetClip(Vector<float> g, double maxNorm)
        {
            double norm = g.L2Norm();
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1)
            {
                g.Multiply((float)coef, g);
            }

            return norm;
        }
    }

    /// <summary><c>StableMath.Softmax</c> against the unstable <c>TensorPrimitives.SoftMax</c> it replaces.</summary>
    [MemoryDiagnoser]
    [Config(typeof(NanGuardConfig))]
    public class NanGuardSoftmaxBenchmarks : NanGuardBenchmarkBase
    {
        private float[] x = null!;
        private float[] destination = null!;

        [GlobalSetup]
        public void Setup()
        {
            x = Data(Size, -4f, 4f, 3);
            destination = new float[Size];
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            x = null!;
            destination = null!;
        }

        [Benchmark(Baseline = true, Description = "Bandwidth: TensorPrimitives.Sum")]
        public float Bandwidth() => TensorPrimitives.Sum<float>(x);

        [Benchmark(Description = "NanGuard StableMath.Softmax")]
        public void NanGuardSoftmax() => StableMath.Softmax(x, destination);

        [Benchmark(Description = "TensorPrimitives.SoftMax (no max subtraction)")]
        public void TensorSoftMax() => TensorPrimitives.SoftMax<float>(x, destination);

        [Benchmark(Description = "Naive loop (max, exp, sum, divide)")]
        public void Naive()
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                max = MathF.Max(max, x[i]);
            }

            float sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                float e = MathF.Exp(x[i] - max);
                destination[i] = e;
                sum += e;
            }

            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] /= sum;
            }
        }
    }

    /// <summary><c>StableMath.LogSumExp</c> against <c>log(sum(exp(x)))</c> written with TensorPrimitives.</summary>
    [MemoryDiagnoser]
    [Config(typeof(NanGuardConfig))]
    public class NanGuardLogSumExpBenchmarks : NanGuardBenchmarkBase
    {
        private float[] x = null!;
        private float[] scratch = null!;

        [GlobalSetup]
        public void Setup()
        {
            x = Data(Size, -4f, 4f, 4);
            scratch = new float[Size];
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            x = null!;
            scratch = null!;
        }

        [Benchmark(Baseline = true, Description = "Bandwidth: TensorPrimitives.Sum")]
        public float Bandwidth() => TensorPrimitives.Sum<float>(x);

        [Benchmark(Description = "NanGuard StableMath.LogSumExp")]
        public float NanGuardLogSumExp() => StableMath.LogSumExp((ReadOnlySpan<float>)x);

        [Benchmark(Description = "TensorPrimitives Exp + Sum + Log (unstable)")]
        public float TensorUnstable()
        {
            TensorPrimitives.Exp<float>(x, scratch);
            return MathF.Log(TensorPrimitives.Sum<float>(scratch));
        }

        [Benchmark(Description = "TensorPrimitives Max + Subtract + Exp + Sum (stable)")]
        public float TensorStable()
        {
            float max = TensorPrimitives.Max<float>(x);
            TensorPrimitives.Subtract<float>(x, max, scratch);
            TensorPrimitives.Exp<float>(scratch, scratch);
            return max + MathF.Log(TensorPrimitives.Sum<float>(scratch));
        }

        [Benchmark(Description = "Naive loop (max, then sum of exp)")]
        public float Naive()
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                max = MathF.Max(max, x[i]);
            }

            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += MathF.Exp(x[i] - max);
            }

            return max + (float)Math.Log(sum);
        }
    }

    /// <summary>The span <c>SafeMath.Log(ReadOnlySpan&lt;float&gt;, Span&lt;float&gt;)</c> (a log clamped at epsilon).</summary>
    [MemoryDiagnoser]
    [Config(typeof(NanGuardConfig))]
    public class NanGuardLogBenchmarks : NanGuardBenchmarkBase
    {
        private const float Epsilon = 1e-7f;
        private float[] x = null!;
        private float[] destination = null!;
        private Vector<float> vector = null!;
        private Vector<float> result = null!;

        [GlobalSetup]
        public void Setup()
        {
            x = Data(Size, 0f, 2f, 5);
            destination = new float[Size];
            vector = Vector<float>.Build.Dense(x);
            result = Vector<float>.Build.Dense(destination);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            x = null!;
            destination = null!;
            vector = null!;
            result = null!;
        }

        [Benchmark(Baseline = true, Description = "Bandwidth: TensorPrimitives.Sum")]
        public float Bandwidth() => TensorPrimitives.Sum<float>(x);

        [Benchmark(Description = "NanGuard SafeMath.Log (span)")]
        public void NanGuardLog() => SafeMath.Log(x, destination, Epsilon);

        [Benchmark(Description = "Naive loop (MathF.Log(MathF.Max(x, eps)))")]
        public void Naive()
        {
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = MathF.Log(MathF.Max(x[i], Epsilon));
            }
        }

        [Benchmark(Description = "TensorPrimitives Max + Log (clamped)")]
        public void TensorClamped()
        {
            TensorPrimitives.Max<float>(x, Epsilon, destination);
            TensorPrimitives.Log<float>(destination, destination);
        }

        [Benchmark(Description = "TensorPrimitives.Log (unclamped)")]
        public void TensorLog() => TensorPrimitives.Log<float>(x, destination);

        [Benchmark(Description = "MathNet PointwiseLog (unclamped)")]
        public void MathNetLog() => vector.PointwiseLog(result);
    }
}

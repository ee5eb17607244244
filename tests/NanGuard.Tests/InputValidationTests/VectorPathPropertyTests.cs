using System;
using CsCheck;
using NanGuard.Internal;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    /// <summary>
    /// The vectorized kernels against a naive scalar loop, on random arrays with random NaN/Inf
    /// placements (lengths, positions, kinds and densities drawn by CsCheck).
    /// </summary>
    public class VectorPathPropertyTests
    {
        private static readonly Gen<(int Length, int BadCount, int Seed)> Shapes =
            Gen.Select(Gen.Int[0, 600], Gen.Int[0, 6], Gen.Int);

        private static double[] MakeDoubles(int n, int bad, int seed)
        {
            var rng = new Random(seed);
            var a = new double[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300));
            }

            for (int k = 0; k < bad && n > 0; k++)
            {
                a[rng.Next(n)] = rng.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
            }

            return a;
        }

        private static float[] MakeFloats(int n, int bad, int seed)
        {
            var rng = new Random(seed);
            var a = new float[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-40, 38)));
            }

            for (int k = 0; k < bad && n > 0; k++)
            {
                a[rng.Next(n)] = rng.Next(3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
            }

            return a;
        }

        private static int NaiveIndex(double[] a)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (double.IsNaN(a[i]) || double.IsInfinity(a[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static int NaiveIndex(float[] a)
        {
            for (int i = 0; i < a.Length; i++)
            {
                if (float.IsNaN(a[i]) || float.IsInfinity(a[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        [Fact]
        public void Doubles_VectorPathMatchesNaiveLoop()
        {
            Shapes.Sample(t =>
            {
                double[] a = MakeDoubles(t.Length, t.BadCount, t.Seed);
                int expected = NaiveIndex(a);
                int naiveCount = 0;
                foreach (double x in a)
                {
                    naiveCount += double.IsFinite(x) ? 0 : 1;
                }

                Assert.Equal(expected, GuardKernels.IndexOfNonFinite(a));
                Assert.Equal(expected, GuardKernels.ScalarIndexOfNonFinite(a));
                Assert.Equal(expected < 0, InputValidation.IsAllFinite(a));
                Assert.Equal(naiveCount, InputValidation.CountNonFinite(a));
                Assert.Equal(naiveCount, GuardKernels.ScalarCountNonFinite(a));

                double[] v = (double[])a.Clone();
                double[] s = (double[])a.Clone();
                GuardKernels.NanToNum(v, 1, 2, 3);
                GuardKernels.ScalarNanToNum(s, 1, 2, 3);
                Assert.Equal(s, v);
            }, iter: 400);
        }

        [Fact]
        public void Floats_VectorPathMatchesNaiveLoop()
        {
            Shapes.Sample(t =>
            {
                float[] a = MakeFloats(t.Length, t.BadCount, t.Seed);
                int expected = NaiveIndex(a);
                int naiveCount = 0;
                foreach (float x in a)
                {
                    naiveCount += float.IsFinite(x) ? 0 : 1;
                }

                Assert.Equal(expected, GuardKernels.IndexOfNonFinite(a));
                Assert.Equal(expected, GuardKernels.ScalarIndexOfNonFinite(a));
                Assert.Equal(naiveCount, InputValidation.CountNonFinite(a));
                Assert.Equal(naiveCount, GuardKernels.ScalarCountNonFinite(a));
                if (expected >= 0)
                {
                    Assert.Equal(expected, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(a)).Index);
                }

                float[] v = (float[])a.Clone();
                float[] s = (float[])a.Clone();
                GuardKernels.NanToNum(v, 1, 2, 3);
                GuardKernels.ScalarNanToNum(s, 1, 2, 3);
                Assert.Equal(s, v);
            }, iter: 400);
        }

        [Fact]
        public void CsCheckDoubles_IncludingItsOwnSpecialValues()
        {
            Gen.Double.Array[0, 200].Sample(a =>
            {
                Assert.Equal(NaiveIndex(a), GuardKernels.IndexOfNonFinite(a));
            }, iter: 300);
            Gen.Float.Array[0, 200].Sample(a =>
            {
                Assert.Equal(NaiveIndex(a), GuardKernels.IndexOfNonFinite(a));
            }, iter: 300);
        }
    }
}

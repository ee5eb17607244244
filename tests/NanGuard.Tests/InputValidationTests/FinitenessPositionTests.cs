using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using NanGuard.Internal;
using Xunit;
using SimdFloat = System.Numerics.Vector<float>;

namespace NanGuard.Tests.InputValidationTests
{
    /// <summary>
    /// NaN, +inf and -inf at every position of every short length (so every SIMD tail and block
    /// boundary is hit), and at chosen positions of large buffers, through every entry point.
    /// </summary>
    public class FinitenessPositionTests
    {
        private static readonly double[] BadDoubles = { double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        private static readonly float[] BadFloats = { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

        public static int MaxShortLength => (2 * SimdFloat.Count) + 3;

        public static IEnumerable<object[]> Lengths()
        {
            foreach (bool scalar in new[] { false, true })
            {
                for (int n = 0; n <= MaxShortLength; n++)
                {
                    yield return new object[] { n, scalar };
                }

                // Large: several vector blocks (8 vectors per block), odd tails, a block boundary plus one.
                foreach (int n in new[] { 64, 127, 8 * SimdFloat.Count * 3 + 1, 1000, 4099, 10_007 })
                {
                    yield return new object[] { n, scalar };
                }
            }
        }

        private static IEnumerable<int> Positions(int n)
        {
            if (n <= 300)
            {
                for (int p = 0; p < n; p++)
                {
                    yield return p;
                }

                yield break;
            }

            var set = new SortedSet<int> { 0, 1, n / 2, n - 2, n - 1 };
            int block = 8 * SimdFloat.Count;
            for (int b = block; b < n; b *= 7)
            {
                set.Add(b - 1);
                set.Add(b);
            }

            for (int t = n - (2 * SimdFloat.Count); t < n; t++)
            {
                set.Add(t);
            }

            foreach (int p in set)
            {
                yield return p;
            }
        }

        private static double[] Doubles(int n)
        {
            var a = new double[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = ((i * 37) % 101) - 50.5; // finite, mixed signs, no zeros issue
            }

            return a;
        }

        private static float[] Floats(int n)
        {
            var a = new float[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = (float)(((i * 37) % 101) - 50.5) * 1e30f; // large but finite
            }

            return a;
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Doubles_AllFinite(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            double[] a = Doubles(n);
            Assert.True(InputValidation.IsAllFinite(a));
            Assert.True(InputValidation.IsAllFinite((ReadOnlySpan<double>)a));
            Assert.Equal(0, InputValidation.CountNonFinite(a));
            InputValidation.EnsureFinite(a);
            Assert.Equal(-1, GuardKernels.ScalarIndexOfNonFinite(a));
            Assert.Equal(a, InputValidation.NanToNum((double[])a.Clone()));
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Doubles_OneBadValueAtEachPosition(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            foreach (double bad in BadDoubles)
            {
                foreach (int p in Positions(n))
                {
                    double[] a = Doubles(n);
                    a[p] = bad;
                    Assert.False(InputValidation.IsAllFinite(a));
                    Assert.False(InputValidation.IsAllFinite((ReadOnlySpan<double>)a));
                    Assert.Equal(1, InputValidation.CountNonFinite(a));
                    Assert.Equal(1, GuardKernels.ScalarCountNonFinite(a));
                    Assert.Equal(p, GuardKernels.ScalarIndexOfNonFinite(a));
                    NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(a, "a"));
                    Assert.Equal(p, e.Index);
                    Assert.Equal(bad, e.Value);
                    Assert.Equal("a", e.ParamName);
                    NonFiniteValueException es = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite((ReadOnlySpan<double>)a, "s"));
                    Assert.Equal(p, es.Index);

                    double[] repaired = InputValidation.NanToNum((double[])a.Clone(), nan: -7, positiveInfinity: 7, negativeInfinity: -8);
                    Assert.True(InputValidation.IsAllFinite(repaired));
                    Assert.Equal(double.IsNaN(bad) ? -7 : bad > 0 ? 7 : -8, repaired[p]);
                    Assert.True(a.AsSpan(0, p).SequenceEqual(repaired.AsSpan(0, p)));
                    Assert.True(a.AsSpan(p + 1).SequenceEqual(repaired.AsSpan(p + 1)));
                }
            }
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Floats_OneBadValueAtEachPosition(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            Assert.True(InputValidation.IsAllFinite(Floats(n)));
            foreach (float bad in BadFloats)
            {
                foreach (int p in Positions(n))
                {
                    float[] a = Floats(n);
                    a[p] = bad;
                    Assert.False(InputValidation.IsAllFinite(a));
                    Assert.Equal(1, InputValidation.CountNonFinite(a));
                    Assert.Equal(1, InputValidation.CountNonFinite((ReadOnlySpan<float>)a));
                    Assert.Equal(p, GuardKernels.ScalarIndexOfNonFinite(a));
                    NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(a, "a"));
                    Assert.Equal(p, e.Index);
                    Assert.Equal((double)bad, e.Value);

                    float[] repaired = InputValidation.NanToNum((float[])a.Clone());
                    Assert.Equal(float.IsNaN(bad) ? 0f : bad > 0 ? float.MaxValue : float.MinValue, repaired[p]);
                    Assert.True(InputValidation.IsAllFinite(repaired));
                }
            }
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void FirstOfSeveralBadValuesIsReported_AndAllAreCounted(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            if (n < 2)
            {
                return;
            }

            foreach (int p in Positions(n))
            {
                if (p == n - 1)
                {
                    continue;
                }

                double[] a = Doubles(n);
                a[p] = double.PositiveInfinity;
                a[n - 1] = double.NaN;
                Assert.Equal(p, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(a)).Index);
                Assert.Equal(2, InputValidation.CountNonFinite(a));

                float[] f = Floats(n);
                f[n - 1] = float.NaN;
                f[p] = float.NegativeInfinity;
                Assert.Equal(p, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(f)).Index);
                Assert.Equal(2, InputValidation.CountNonFinite(f));
            }
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void EveryElementBad_IsCountedInFull(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            var a = new double[n];
            var f = new float[n];
            for (int i = 0; i < n; i++)
            {
                a[i] = BadDoubles[i % 3];
                f[i] = BadFloats[i % 3];
            }

            Assert.Equal(n, InputValidation.CountNonFinite(a));
            Assert.Equal(n, InputValidation.CountNonFinite(f));
            InputValidation.NanToNum(a);
            InputValidation.NanToNum(f);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(i % 3 == 0 ? 0 : i % 3 == 1 ? double.MaxValue : double.MinValue, a[i]);
                Assert.Equal(i % 3 == 0 ? 0 : i % 3 == 1 ? float.MaxValue : float.MinValue, f[i]);
            }
        }

        [Theory]
        [MemberData(nameof(Lengths))]
        public void Lists_ArrayBackedListBackedAndOther(int n, bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            foreach (int p in Positions(n))
            {
                double[] a = Doubles(n);
                a[p] = double.NaN;
                var list = new List<double>(a);
                var other = new ReadOnlyCollection<double>(a);
                Assert.Equal(p, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(list)).Index);
                Assert.Equal(p, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(other)).Index);
                Assert.Equal(1, InputValidation.CountNonFinite(list));
                Assert.Equal(1, InputValidation.CountNonFinite(other));
                Assert.False(InputValidation.IsAllFinite(other));
                if (n > 200)
                {
                    break; // the list paths are the same kernels; keep the large cases cheap
                }
            }
        }
    }
}

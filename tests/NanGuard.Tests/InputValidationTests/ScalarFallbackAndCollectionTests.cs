using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    /// <summary>The scalar (netstandard2.0) paths for 2-D arrays and lists, and the sequence/float overloads.</summary>
    public class ScalarFallbackAndCollectionTests
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TwoDimensional_BothPaths(bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            for (int rows = 1; rows <= 4; rows++)
            {
                for (int cols = 1; cols <= 19; cols += 3)
                {
                    for (int cell = 0; cell < rows * cols; cell++)
                    {
                        int r = cell / cols, c = cell % cols;
                        var d = new double[rows, cols];
                        var f = new float[rows, cols];
                        d[r, c] = double.NegativeInfinity;
                        f[r, c] = float.NaN;
                        Assert.False(InputValidation.IsAllFinite(d));
                        Assert.False(InputValidation.IsAllFinite(f));
                        Assert.Equal(1, InputValidation.CountNonFinite(d));
                        Assert.Equal(1, InputValidation.CountNonFinite(f));
                        NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(d));
                        Assert.Equal((r, c), (e.Row!.Value, e.Column!.Value));
                        NonFiniteValueException ef = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(f));
                        Assert.Equal((r, c), (ef.Row!.Value, ef.Column!.Value));
                        InputValidation.NanToNum(d);
                        InputValidation.NanToNum(f, nan: 4f);
                        Assert.Equal(double.MinValue, d[r, c]);
                        Assert.Equal(4f, f[r, c]);
                        Assert.True(InputValidation.IsAllFinite(d) && InputValidation.IsAllFinite(f));
                    }
                }
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Lists_BothPaths(bool scalar)
        {
            using var scope = new ScalarScope(scalar);
            for (int n = 1; n <= 40; n++)
            {
                var d = new List<double>(Enumerable.Repeat(1.0, n));
                var f = new List<float>(Enumerable.Repeat(1f, n));
                d[n - 1] = double.NaN;
                f[n / 2] = float.PositiveInfinity;
                Assert.Equal(n - 1, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(d)).Index);
                Assert.Equal(n / 2, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(f)).Index);
                Assert.Equal(1, InputValidation.CountNonFinite(d));
                Assert.Equal(1, InputValidation.CountNonFinite(f));
                Assert.False(InputValidation.IsAllFinite(f));
            }
        }

        [Fact]
        public void Sequences_AreEnumeratedOnce_AndReportTheIndex()
        {
            int enumerations = 0;
            IEnumerable<double> Lazy()
            {
                enumerations++;
                yield return 1;
                yield return 2;
                yield return double.NaN;
                yield return double.PositiveInfinity;
            }

            IEnumerable<double> data = Lazy();
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(data));
            Assert.Equal("data", e.ParamName);
            Assert.Equal(2, e.Index);
            Assert.Equal(1, enumerations);
            Assert.False(InputValidation.IsAllFinite(Lazy()));
            Assert.Equal(2, InputValidation.CountNonFinite(Lazy()));
            Assert.True(InputValidation.IsAllFinite(Enumerable.Range(0, 100).Select(i => (double)i)));
            InputValidation.EnsureFinite(Enumerable.Empty<double>());

            IEnumerable<float> floats = new[] { 1f, 2f }.Select(x => x / 0f - x / 0f); // NaN from inf - inf
            Assert.Equal(0, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(floats)).Index);
            Assert.Equal(2, InputValidation.CountNonFinite(floats));
            Assert.False(InputValidation.IsAllFinite(floats));

            // An IEnumerable that is a list takes the list path.
            IEnumerable<float> asList = new ReadOnlyCollection<float>(new[] { 0f, float.NaN });
            Assert.Equal(1, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(asList)).Index);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.IsAllFinite((IEnumerable<double>)null!)).ParamName);
        }

        [Fact]
        public void MathNetFloat_VectorAndMatrix()
        {
            Vector<float> v = Vector<float>.Build.Dense(new[] { 1f, float.NaN, 3f });
            Assert.False(InputValidation.IsAllFinite(v));
            Assert.Equal(1, InputValidation.CountNonFinite(v));
            Assert.Equal(1, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(v)).Index);
            Matrix<float> m = Matrix<float>.Build.Dense(3, 2);
            Assert.True(InputValidation.IsAllFinite(m));
            m[2, 1] = float.NegativeInfinity;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(m));
            Assert.Equal((2, 1), (e.Row!.Value, e.Column!.Value));
            Assert.Equal(1, InputValidation.CountNonFinite(m));

            Vector<float> sparse = Vector<float>.Build.Sparse(30);
            sparse[20] = float.NaN;
            Assert.Equal(20, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(sparse)).Index);
            Assert.Equal(1, InputValidation.CountNonFinite(sparse));
            Matrix<float> sm = Matrix<float>.Build.Sparse(4, 4);
            sm[3, 0] = float.NaN;
            Assert.Equal(1, InputValidation.CountNonFinite(sm));
            Assert.False(InputValidation.IsAllFinite(sm));
        }
    }
}

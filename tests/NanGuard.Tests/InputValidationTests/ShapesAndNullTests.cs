using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    public class ShapesAndNullTests
    {
        [Fact]
        public void Null_EveryOverload_ThrowsArgumentNullException_WithTheName()
        {
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((double[])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((float[])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((double[,])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((float[,])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((double[][])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((float[][])null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((Vector<double>)null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((Matrix<double>)null!, "xs")).ParamName);
            Assert.Equal("xs", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite((IReadOnlyList<double>)null!, "xs")).ParamName);

            double[]? data = null;
            Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite(data!)).ParamName);

            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.IsAllFinite((double[])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.IsAllFinite((float[])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.IsAllFinite((Vector<double>)null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.IsAllFinite((Matrix<double>)null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.CountNonFinite((double[])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.CountNonFinite((double[][])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.NanToNum((double[])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.NanToNum((float[])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.NanToNum((double[,])null!)).ParamName);
            Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => InputValidation.NanToNum((double[][])null!)).ParamName);
            Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => InputValidation.ParseFinite(null!)).ParamName);
            Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => InputValidation.ParseFiniteSingle(null!)).ParamName);
        }

        [Fact]
        public void Empty_EveryShape_IsFinite()
        {
            Assert.True(InputValidation.IsAllFinite(Array.Empty<double>()));
            Assert.True(InputValidation.IsAllFinite(Array.Empty<float>()));
            Assert.True(InputValidation.IsAllFinite(new double[0, 5]));
            Assert.True(InputValidation.IsAllFinite(new float[3, 0]));
            Assert.True(InputValidation.IsAllFinite(Array.Empty<double[]>()));
            Assert.True(InputValidation.IsAllFinite(new[] { Array.Empty<float>() }));
            Assert.True(InputValidation.IsAllFinite(new List<double>()));
            InputValidation.EnsureFinite(Array.Empty<double>());
            InputValidation.EnsureFinite(new double[0, 0]);
            InputValidation.EnsureFinite(ReadOnlySpan<double>.Empty);
            Assert.Equal(0, InputValidation.CountNonFinite(Array.Empty<double>()));
            Assert.Empty(InputValidation.NanToNum(Array.Empty<double>()));
        }

        [Fact]
        public void TwoDimensional_EveryCell_ReportsRowAndColumn()
        {
            for (int rows = 1; rows <= 5; rows++)
            {
                for (int cols = 1; cols <= 11; cols++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        for (int c = 0; c < cols; c++)
                        {
                            var d = new double[rows, cols];
                            var f = new float[rows, cols];
                            d[r, c] = double.NaN;
                            f[r, c] = float.PositiveInfinity;
                            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(d, "d"));
                            Assert.Equal((r, c), (e.Row!.Value, e.Column!.Value));
                            Assert.Contains($"row {r}, column {c}", e.Message, StringComparison.Ordinal);
                            Assert.Contains("'d'", e.Message, StringComparison.Ordinal);
                            NonFiniteValueException ef = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(f));
                            Assert.Equal("f", ef.ParamName);
                            Assert.Equal((r, c), (ef.Row!.Value, ef.Column!.Value));
                            Assert.Equal(double.PositiveInfinity, ef.Value);
                            Assert.False(InputValidation.IsAllFinite(d));
                            Assert.Equal(1, InputValidation.CountNonFinite(d));
                            Assert.Equal(1, InputValidation.CountNonFinite(f));
                            InputValidation.NanToNum(d, nan: 3);
                            Assert.Equal(3, d[r, c]);
                            InputValidation.NanToNum(f);
                            Assert.Equal(float.MaxValue, f[r, c]);
                        }
                    }
                }
            }
        }

        [Fact]
        public void Jagged_ReportsRowAndColumn_AndRejectsNullRows()
        {
            double[][] x = { new double[] { 1, 2 }, Array.Empty<double>(), new double[] { 3, 4, 5, double.NegativeInfinity, double.NaN } };
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(x));
            Assert.Equal("x", e.ParamName);
            Assert.Equal(2, e.Row);
            Assert.Equal(3, e.Column);
            Assert.Equal(double.NegativeInfinity, e.Value);
            Assert.Equal(2, InputValidation.CountNonFinite(x));

            float[][] y = { new float[17], new float[] { 0, float.NaN } };
            NonFiniteValueException ey = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(y, "y"));
            Assert.Equal((1, 1), (ey.Row!.Value, ey.Column!.Value));
            InputValidation.NanToNum(y, nan: -1f);
            Assert.Equal(-1f, y[1][1]);

            double[][] withNull = { new double[] { 1 }, null! };
            ArgumentException en = Assert.Throws<ArgumentException>(() => InputValidation.EnsureFinite(withNull, "rows"));
            Assert.Equal("rows", en.ParamName);
            Assert.Contains("Row 1", en.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => InputValidation.IsAllFinite(withNull));
            Assert.Throws<ArgumentException>(() => InputValidation.CountNonFinite(withNull));
            double[][] withNullAndNaN = { new[] { double.NaN }, null! };
            Assert.Throws<ArgumentException>(() => InputValidation.NanToNum(withNullAndNaN));
            Assert.True(double.IsNaN(withNullAndNaN[0][0])); // nothing was changed before the null row was found
        }

        [Fact]
        public void MathNet_DenseVectorAndMatrix()
        {
            for (int n = 0; n < 40; n++)
            {
                for (int p = 0; p < n; p++)
                {
                    Vector<double> v = Vector<double>.Build.Dense(n, i => i * 0.5);
                    v[p] = double.NaN;
                    Assert.False(InputValidation.IsAllFinite(v));
                    Assert.Equal(1, InputValidation.CountNonFinite(v));
                    NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(v));
                    Assert.Equal("v", e.ParamName);
                    Assert.Equal(p, e.Index);
                    InputValidation.NanToNum(v, nan: 42);
                    Assert.Equal(42, v[p]);
                    Assert.True(InputValidation.IsAllFinite(v));
                }
            }

            Matrix<double> m = Matrix<double>.Build.Dense(4, 6, (r, c) => r - c);
            Assert.True(InputValidation.IsAllFinite(m));
            m[3, 5] = double.PositiveInfinity;
            m[1, 2] = double.NaN;
            NonFiniteValueException em = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(m));
            Assert.Equal("m", em.ParamName);
            Assert.Equal((1, 2), (em.Row!.Value, em.Column!.Value));
            Assert.Equal(2, InputValidation.CountNonFinite(m));
            InputValidation.NanToNum(m);
            Assert.Equal(0, m[1, 2]);
            Assert.Equal(double.MaxValue, m[3, 5]);
        }

        [Fact]
        public void MathNet_SparseStorage()
        {
            Vector<double> v = Vector<double>.Build.Sparse(100);
            v[3] = 1;
            v[77] = double.NegativeInfinity;
            Assert.False(InputValidation.IsAllFinite(v));
            Assert.Equal(77, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(v)).Index);
            Assert.Equal(1, InputValidation.CountNonFinite(v));
            InputValidation.NanToNum(v);
            Assert.Equal(double.MinValue, v[77]);

            Matrix<double> m = Matrix<double>.Build.Sparse(5, 7);
            m[4, 6] = double.NaN;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(m));
            Assert.Equal((4, 6), (e.Row!.Value, e.Column!.Value));
            InputValidation.NanToNum(m, nan: 9);
            Assert.Equal(9, m[4, 6]);

            Matrix<double> d = Matrix<double>.Build.Diagonal(3, 3, 1.0);
            Assert.True(InputValidation.IsAllFinite(d));
            d[2, 2] = double.NaN;
            Assert.False(InputValidation.IsAllFinite(d));
        }

        [Fact]
        public void ScalarEnsureFinite_ReturnsValueOrThrowsWithName()
        {
            double loss = 0.25;
            Assert.Equal(0.25, InputValidation.EnsureFinite(loss));
            double bad = double.NaN;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(bad));
            Assert.Equal("bad", e.ParamName);
            Assert.Null(e.Index);
        }

        [Fact]
        public void Exception_Constructors()
        {
            var e = new NonFiniteValueException("w", 5L, double.NaN);
            Assert.Equal("w", e.ParamName);
            Assert.Equal(5, e.Index);
            Assert.Null(e.Row);
            Assert.Contains("index 5", e.Message, StringComparison.Ordinal);
            var c = new NonFiniteValueException("m", 1, 2, double.NegativeInfinity);
            Assert.Contains("-Infinity", c.Message, StringComparison.Ordinal);
            Assert.Equal(2, c.Column);
            Assert.NotNull(new NonFiniteValueException().Message);
            Assert.Equal("x", new NonFiniteValueException("x").Message);
            var inner = new InvalidOperationException();
            Assert.Same(inner, new NonFiniteValueException("x", inner).InnerException);
        }
    }
}

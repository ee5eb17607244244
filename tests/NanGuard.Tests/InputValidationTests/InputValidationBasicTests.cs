using System;
using System.Collections.Generic;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    public class InputValidationBasicTests
    {
        [Fact]
        public void IsAllFinite_DetectsNaNAndInfinities()
        {
            Assert.True(InputValidation.IsAllFinite(new[] { 1.0, -2.0, 0.0, double.MaxValue, double.Epsilon }));
            Assert.False(InputValidation.IsAllFinite(new[] { 1.0, double.NaN }));
            Assert.False(InputValidation.IsAllFinite(new[] { double.PositiveInfinity }));
            Assert.False(InputValidation.IsAllFinite(new[] { 1f, float.NegativeInfinity }));
            Assert.True(InputValidation.IsAllFinite(Array.Empty<double>()));
            Assert.True(InputValidation.IsAllFinite(ReadOnlySpan<float>.Empty));
        }

        [Fact]
        public void EnsureFinite_NamesParameterIndexAndValue()
        {
            double[] data = { 1, 2, double.NaN, 4 };
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(data, nameof(data)));
            Assert.Equal("data", e.ParamName);
            Assert.Equal(2, e.Index);
            Assert.True(double.IsNaN(e.Value));
            Assert.Contains("index 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<ArgumentException>(e);
        }

        [Fact]
        public void EnsureFinite_CallerArgumentExpressionFillsTheName()
        {
            float[] features = { 1f, float.PositiveInfinity };
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(features));
            Assert.Equal("features", e.ParamName);
            Assert.Equal(1, e.Index);
            Assert.Equal(double.PositiveInfinity, e.Value);
        }

        [Fact]
        public void EnsureFinite_Null_ThrowsArgumentNullWithName()
        {
            double[]? data = null;
            ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => InputValidation.EnsureFinite(data!, "data"));
            Assert.Equal("data", e.ParamName);
        }

        [Fact]
        public void EnsureFinite_TwoDimensional_ReportsRowAndColumn()
        {
            var m = new double[3, 4];
            m[2, 1] = double.NegativeInfinity;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(m, "m"));
            Assert.Equal(2, e.Row);
            Assert.Equal(1, e.Column);
            Assert.Contains("row 2, column 1", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void EnsureFinite_MathNet()
        {
            var v = Vector<double>.Build.Dense(new[] { 1.0, 2.0, double.NaN });
            Assert.Equal(2, Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(v, "v")).Index);
            Matrix<double> m = Matrix<double>.Build.Dense(2, 3);
            m[1, 2] = double.NaN;
            NonFiniteValueException e = Assert.Throws<NonFiniteValueException>(() => InputValidation.EnsureFinite(m, "m"));
            Assert.Equal(1, e.Row);
            Assert.Equal(2, e.Column);
        }

        [Fact]
        public void CountNonFinite_Counts()
        {
            Assert.Equal(3, InputValidation.CountNonFinite(new[] { double.NaN, 1, double.PositiveInfinity, double.NegativeInfinity }));
            Assert.Equal(0, InputValidation.CountNonFinite(new List<double> { 1, 2 }));
        }

        [Fact]
        public void NanToNum_PyTorchDefaults()
        {
            double[] x = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.5 };
            double[] same = InputValidation.NanToNum(x);
            Assert.Same(x, same);
            Assert.Equal(new[] { 0.0, double.MaxValue, double.MinValue, 1.5 }, x);
        }

        [Fact]
        public void ParseFinite_RefusesNonFinite()
        {
            Assert.Equal(1.5, InputValidation.ParseFinite("1.5"));
            FormatException e = Assert.Throws<FormatException>(() => InputValidation.ParseFinite("NaN"));
            Assert.Contains("\"NaN\"", e.Message, StringComparison.Ordinal);
            Assert.Throws<FormatException>(() => InputValidation.ParseFinite("1e999"));
            Assert.False(InputValidation.TryParseFinite("Infinity", out _));
            Assert.True(InputValidation.TryParseFinite("2.25", out double v));
            Assert.Equal(2.25, v);
            Assert.Equal(3.5f, InputValidation.ParseFiniteSingle("3.5", CultureInfo.InvariantCulture));
        }
    }
}

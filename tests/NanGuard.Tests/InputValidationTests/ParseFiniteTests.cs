using System;
using System.Globalization;
using Xunit;

namespace NanGuard.Tests.InputValidationTests
{
    public class ParseFiniteTests
    {
        [Theory]
        [InlineData("NaN")]
        [InlineData("nan")]
        [InlineData("-NaN")]
        [InlineData("Infinity")]
        [InlineData("-Infinity")]
        [InlineData("+Infinity")]
        [InlineData("\u221E")]
        [InlineData("-\u221E")]
        [InlineData("1e999")]
        [InlineData("-1e999")]
        [InlineData("1,5")]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData("abc")]
        [InlineData("1.5.2")]
        public void ParseFinite_Refuses_WithTheTextInTheMessage(string text)
        {
            FormatException e = Assert.Throws<FormatException>(() => InputValidation.ParseFinite(text));
            Assert.Contains("\"" + text + "\"", e.Message, StringComparison.Ordinal);
            Assert.False(InputValidation.TryParseFinite(text, out double v));
            Assert.Equal(0, v);
            Assert.Throws<FormatException>(() => InputValidation.ParseFiniteSingle(text));
            Assert.False(InputValidation.TryParseFiniteSingle(text, out _));
        }

        [Fact]
        public void Messages_SayWhy()
        {
            Assert.Contains("NaN", Assert.Throws<FormatException>(() => InputValidation.ParseFinite("NaN")).Message, StringComparison.Ordinal);
            Assert.Contains("infinity", Assert.Throws<FormatException>(() => InputValidation.ParseFinite("-Infinity")).Message, StringComparison.Ordinal);
            Assert.Contains("overflows", Assert.Throws<FormatException>(() => InputValidation.ParseFinite("1e999")).Message, StringComparison.Ordinal);
            Assert.Contains("not a number", Assert.Throws<FormatException>(() => InputValidation.ParseFinite("abc")).Message, StringComparison.Ordinal);
            Assert.Contains("overflows a float", Assert.Throws<FormatException>(() => InputValidation.ParseFiniteSingle("1e39")).Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("1.5", 1.5)]
        [InlineData(" -2.25e3 ", -2250)]
        [InlineData("0", 0)]
        [InlineData("-0", 0)]
        [InlineData("1.7976931348623157e308", double.MaxValue)]
        [InlineData("1e-400", 0)]
        [InlineData("4.9e-324", double.Epsilon)]
        public void ParseFinite_AcceptsFiniteNumbers(string text, double expected)
        {
            Assert.Equal(expected, InputValidation.ParseFinite(text));
            Assert.True(InputValidation.TryParseFinite(text, out double v));
            Assert.Equal(expected, v);
        }

        [Fact]
        public void Single_RefusesFloatOverflow_ButDoubleAcceptsIt()
        {
            Assert.Equal(1e39, InputValidation.ParseFinite("1e39"));
            Assert.Throws<FormatException>(() => InputValidation.ParseFiniteSingle("1e39"));
            Assert.False(InputValidation.TryParseFiniteSingle("-1e39", out _));
            Assert.Equal(3.4028235e38f, InputValidation.ParseFiniteSingle("3.4028235e38"));
            Assert.True(InputValidation.TryParseFiniteSingle("0.125", out float f));
            Assert.Equal(0.125f, f);
        }

        [Fact]
        public void InvariantByDefault_WhateverTheCurrentCulture()
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            try
            {
                var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
                comma.NumberFormat.NumberDecimalSeparator = ",";
                comma.NumberFormat.NumberGroupSeparator = ".";
                CultureInfo.CurrentCulture = comma;
                Assert.Equal(1.5, InputValidation.ParseFinite("1.5"));
                Assert.Throws<FormatException>(() => InputValidation.ParseFinite("1,5"));
                Assert.True(InputValidation.TryParseFinite("1.5", out double v));
                Assert.Equal(1.5, v);
                Assert.Equal(1.5f, InputValidation.ParseFiniteSingle("1.5"));

                // An explicit provider is honoured.
                Assert.Equal(1.5, InputValidation.ParseFinite("1,5", comma));
                Assert.True(InputValidation.TryParseFinite("1,5", comma, out double w));
                Assert.Equal(1.5, w);
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void ACultureWhoseInfinitySymbolIsTheSign_IsStillRefused()
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.PositiveInfinitySymbol = "\u221E";
            culture.NumberFormat.NegativeInfinitySymbol = "-\u221E";
            culture.NumberFormat.NaNSymbol = "n/a";
            Assert.Throws<FormatException>(() => InputValidation.ParseFinite("\u221E", culture));
            Assert.Throws<FormatException>(() => InputValidation.ParseFinite("n/a", culture));
            Assert.False(InputValidation.TryParseFinite("-\u221E", culture, out _));
        }

        [Fact]
        public void NumberStylesOverload_AllowsThousandsWhenAsked()
        {
            Assert.Equal(1500.25, InputValidation.ParseFinite("1,500.25", NumberStyles.Float | NumberStyles.AllowThousands));
            Assert.Throws<FormatException>(() => InputValidation.ParseFinite("Infinity", NumberStyles.Any));
        }

        [Fact]
        public void LongText_IsQuotedShortened()
        {
            string text = new string('x', 500);
            FormatException e = Assert.Throws<FormatException>(() => InputValidation.ParseFinite(text));
            Assert.Contains(new string('x', 64) + "...", e.Message, StringComparison.Ordinal);
            Assert.True(e.Message.Length < 200);
        }
    }
}

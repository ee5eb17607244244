using System;
using System.Globalization;

namespace NanGuard
{
    /// <summary>
    /// The exception thrown when an argument holds a NaN or an infinity where only finite values are
    /// allowed. It names the parameter (<see cref="ArgumentException.ParamName"/>), the position of the
    /// first offending element and its value.
    /// </summary>
    public class NonFiniteValueException : ArgumentException
    {
        /// <summary>Creates the exception with a default message.</summary>
        public NonFiniteValueException()
            : base("A non-finite value (NaN or infinity) was found where only finite values are allowed.")
        {
            Value = double.NaN;
        }

        /// <summary>Creates the exception with the given message.</summary>
        /// <param name="message">The message that describes the error.</param>
        public NonFiniteValueException(string? message)
            : base(message)
        {
            Value = double.NaN;
        }

        /// <summary>Creates the exception with the given message and inner exception.</summary>
        /// <param name="message">The message that describes the error.</param>
        /// <param name="innerException">The exception that caused this one.</param>
        public NonFiniteValueException(string? message, Exception? innerException)
            : base(message, innerException)
        {
            Value = double.NaN;
        }

        /// <summary>Creates the exception for the element at <paramref name="index"/> of a one-dimensional buffer.</summary>
        /// <param name="paramName">The name of the parameter that holds the buffer.</param>
        /// <param name="index">The index of the first non-finite element.</param>
        /// <param name="value">The offending value.</param>
        public NonFiniteValueException(string? paramName, long index, double value)
            : this(
                string.Format(CultureInfo.InvariantCulture, "The value at index {0} is {1}; only finite values are allowed.", index, Format(value)),
                paramName, value, index, null, null, null)
        {
        }

        /// <summary>Creates the exception for the element at (<paramref name="row"/>, <paramref name="column"/>) of a two-dimensional or jagged buffer.</summary>
        /// <param name="paramName">The name of the parameter that holds the buffer.</param>
        /// <param name="row">The row (first index) of the first non-finite element.</param>
        /// <param name="column">The column (second index) of the first non-finite element.</param>
        /// <param name="value">The offending value.</param>
        public NonFiniteValueException(string? paramName, int row, int column, double value)
            : this(
                string.Format(CultureInfo.InvariantCulture, "The value at row {0}, column {1} is {2}; only finite values are allowed.", row, column, Format(value)),
                paramName, value, null, row, column, null)
        {
        }

        /// <summary>Creates the exception with a message and every location detail given explicitly.</summary>
        /// <param name="message">The message that describes the error.</param>
        /// <param name="paramName">The name of the parameter that holds the offending value.</param>
        /// <param name="value">The offending value.</param>
        /// <param name="index">The index of the element within its buffer, or <see langword="null"/>.</param>
        /// <param name="row">The row of the element, or <see langword="null"/>.</param>
        /// <param name="column">The column of the element, or <see langword="null"/>.</param>
        /// <param name="bufferIndex">The position of the buffer within a list of buffers, or <see langword="null"/>.</param>
        public NonFiniteValueException(string? message, string? paramName, double value, long? index, int? row, int? column, int? bufferIndex)
            : base(message, paramName)
        {
            Value = value;
            Index = index;
            Row = row;
            Column = column;
            BufferIndex = bufferIndex;
        }

        /// <summary>The offending value (NaN, positive or negative infinity).</summary>
        public double Value { get; }

        /// <summary>The index of the offending element within its (one-dimensional or flattened) buffer, when known.</summary>
        public long? Index { get; }

        /// <summary>The row (first index) of the offending element of a matrix, 2-D or jagged array, when known.</summary>
        public int? Row { get; }

        /// <summary>The column (second index) of the offending element of a matrix, 2-D or jagged array, when known.</summary>
        public int? Column { get; }

        /// <summary>The position of the offending buffer within a list of buffers, when known.</summary>
        public int? BufferIndex { get; }

        internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}

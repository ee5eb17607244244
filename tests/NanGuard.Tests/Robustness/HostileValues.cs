using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace NanGuard.Tests.Robustness
{
    /// <summary>Hostile and benign values of every parameter type the public NanGuard API takes.</summary>
    internal static class HostileValues
    {
        public static readonly double[] Doubles =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
            1e-310, -1e-310, double.MaxValue, -double.MaxValue, 2.2250738585072014E-308, 1e-12, -1e-12, 1.0, -1.0,
            1.0000000002, -1.0000000002, 0.5, 710.0, -745.0, 1e300, -1e300,
        };

        public static readonly float[] Floats =
        {
            float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon,
            1e-40f, -1e-40f, float.MaxValue, -float.MaxValue, 1.17549435E-38f, 1e-7f, -1e-7f, 1f, -1f,
            1.0000001f, -1.0000001f, 0.5f, 89f, -104f, 1e30f, -1e30f,
        };

        public static readonly string?[] Strings =
        {
            null, string.Empty, " ", "NaN", "nan", "-NaN", "Infinity", "-Infinity", "∞", "-∞", "1e400", "-1e400", "1e-400",
            "1.5", "1,5", "abc", "0x10", "  2.5  ", "1.5e3", "1.7976931348623157E+308", "3.5e38",
        };

        /// <summary>Arrays of doubles: empty, single bad values, overflow-prone, subnormal, and a long mixed one (SIMD tails).</summary>
        public static IEnumerable<double[]> DoubleArrays()
        {
            yield return Array.Empty<double>();
            yield return new[] { double.NaN };
            yield return new[] { double.PositiveInfinity, 1.0 };
            yield return new[] { 1.0, double.NegativeInfinity };
            yield return new[] { double.PositiveInfinity, double.NegativeInfinity };
            yield return new[] { double.MaxValue, double.MaxValue };
            yield return new[] { -double.MaxValue, double.MaxValue, 1.0 };
            yield return new[] { double.Epsilon, -double.Epsilon, 1e-310 };
            yield return new[] { 0.0, 0.0, 0.0 };
            yield return new[] { 1e200, 1e200, 1e200 };
            yield return new[] { 1000.0, 1000.0, 999.0 };
            yield return Enumerable.Range(0, 37).Select(i => Doubles[i % Doubles.Length]).ToArray();
            yield return Enumerable.Range(0, 37).Select(i => Doubles[(i % (Doubles.Length - 3)) + 3]).ToArray();
            yield return Benign;
        }

        public static IEnumerable<float[]> FloatArrays()
        {
            yield return Array.Empty<float>();
            yield return new[] { float.NaN };
            yield return new[] { float.PositiveInfinity, 1f };
            yield return new[] { 1f, float.NegativeInfinity };
            yield return new[] { float.PositiveInfinity, float.NegativeInfinity };
            yield return new[] { float.MaxValue, float.MaxValue };
            yield return new[] { -float.MaxValue, float.MaxValue, 1f };
            yield return new[] { float.Epsilon, -float.Epsilon, 1e-40f };
            yield return new[] { 0f, 0f, 0f };
            yield return new[] { 1e30f, 1e30f, 1e30f };
            yield return new[] { 1000f, 1000f, 999f };
            yield return Enumerable.Range(0, 37).Select(i => Floats[i % Floats.Length]).ToArray();
            yield return Enumerable.Range(0, 37).Select(i => Floats[(i % (Floats.Length - 3)) + 3]).ToArray();
            yield return BenignFloats;
        }

        public static double[] Benign => new[] { 0.5, 0.25, 1.0 };

        public static float[] BenignFloats => new[] { 0.5f, 0.25f, 1f };

        /// <summary>The candidate values for a parameter of <paramref name="type"/>; null when the type is not supported.</summary>
        public static IReadOnlyList<object?>? For(Type type)
        {
            if (type == typeof(double))
            {
                return Doubles.Cast<object?>().ToList();
            }

            if (type == typeof(float))
            {
                return Floats.Cast<object?>().ToList();
            }

            if (type == typeof(double?))
            {
                return new object?[] { null, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0, double.MaxValue, -1.0 };
            }

            if (type == typeof(float?))
            {
                return new object?[] { null, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f, float.MaxValue, -1f };
            }

            if (type == typeof(int))
            {
                return new object?[] { 0, 1, -1, 2, int.MaxValue, int.MinValue };
            }

            if (type == typeof(long))
            {
                return new object?[] { 0L, 1L, -1L, 2L, long.MaxValue, long.MinValue };
            }

            if (type == typeof(bool))
            {
                return new object?[] { false, true };
            }

            if (type == typeof(string))
            {
                return Strings.Cast<object?>().ToList();
            }

            if (type == typeof(IFormatProvider))
            {
                return new object?[] { null, CultureInfo.InvariantCulture, Culture("de-DE"), Culture("fr-FR") };
            }

            if (type == typeof(NumberStyles))
            {
                return new object?[] { NumberStyles.Float, NumberStyles.Any, NumberStyles.None, NumberStyles.Integer, NumberStyles.AllowThousands | NumberStyles.Float };
            }

            if (type.IsEnum)
            {
                return Enum.GetValues(type).Cast<object?>().Append(Enum.ToObject(type, 99)).ToList();
            }

            if (type == typeof(double[]))
            {
                return Nullable(DoubleArrays());
            }

            if (type == typeof(float[]))
            {
                return Nullable(FloatArrays());
            }

            if (type == typeof(double[,]))
            {
                return Nullable(DoubleArrays().Select(To2D));
            }

            if (type == typeof(float[,]))
            {
                return Nullable(FloatArrays().Select(To2D));
            }

            if (type == typeof(double[][]))
            {
                return Nullable(Jagged(DoubleArrays().ToList()));
            }

            if (type == typeof(float[][]))
            {
                return Nullable(Jagged(FloatArrays().ToList()));
            }

            if (type == typeof(IReadOnlyList<double>) || type == typeof(IEnumerable<double>) || type == typeof(IList<double>) || type == typeof(ICollection<double>))
            {
                var lists = DoubleArrays().Select(a => (object?)new List<double>(a)).ToList();
                if (type == typeof(IEnumerable<double>))
                {
                    lists.AddRange(DoubleArrays().Select(a => (object?)Lazy(a)));
                }

                return Nullable(lists);
            }

            if (type == typeof(IEnumerable<float>) || type == typeof(IReadOnlyList<float>))
            {
                return Nullable(FloatArrays().Select(a => (object?)new List<float>(a)));
            }

            if (type == typeof(IReadOnlyList<double[]>) || type == typeof(IEnumerable<double[]>))
            {
                return Nullable(Jagged(DoubleArrays().ToList()).Select(j => (object?)(j == null ? null : new List<double[]>(j!))));
            }

            if (type == typeof(IReadOnlyList<float[]>) || type == typeof(IEnumerable<float[]>))
            {
                return Nullable(Jagged(FloatArrays().ToList()).Select(j => (object?)(j == null ? null : new List<float[]>(j!))));
            }

            if (type == typeof(Vector<double>))
            {
                return Nullable(Vectors());
            }

            if (type == typeof(Vector<float>))
            {
                return Nullable(FloatArrays().Where(a => a.Length > 0).Select(a => (object?)Vector<float>.Build.DenseOfArray((float[])a.Clone())));
            }

            if (type == typeof(Matrix<double>))
            {
                return Nullable(Matrices());
            }

            if (type == typeof(Matrix<float>))
            {
                return Nullable(FloatArrays().Where(a => a.Length > 0).Select(a => (object?)Matrix<float>.Build.DenseOfArray(To2D(a))));
            }

            if (type == typeof(IReadOnlyList<Vector<double>>) || type == typeof(IEnumerable<Vector<double>>))
            {
                return new object?[]
                {
                    null, new List<Vector<double>>(), new List<Vector<double>> { null! },
                    Vectors().Select(v => (Vector<double>)v!).ToList(),
                    new List<Vector<double>> { Vector<double>.Build.DenseOfArray(new[] { double.MaxValue }), Vector<double>.Build.DenseOfArray(new[] { double.MaxValue }) },
                    new List<Vector<double>> { Vector<double>.Build.DenseOfArray(Benign) },
                };
            }

            if (type == typeof(IReadOnlyList<Matrix<double>>) || type == typeof(IEnumerable<Matrix<double>>))
            {
                return new object?[]
                {
                    null, new List<Matrix<double>>(), new List<Matrix<double>> { null! },
                    Matrices().Select(m => (Matrix<double>)m!).ToList(),
                    new List<Matrix<double>> { Matrix<double>.Build.DenseOfArray(To2D(Benign)) },
                };
            }

            return null;
        }

        /// <summary>The benign value of a parameter: its default when it has one, else a plain value of its type.</summary>
        public static object? BenignFor(System.Reflection.ParameterInfo parameter)
        {
            if (parameter.HasDefaultValue)
            {
                return parameter.DefaultValue is DBNull ? null : parameter.DefaultValue;
            }

            var type = parameter.ParameterType;
            return type switch
            {
                _ when type == typeof(double) => 0.5,
                _ when type == typeof(float) => 0.5f,
                _ when type == typeof(int) => 2,
                _ when type == typeof(long) => 2L,
                _ when type == typeof(bool) => false,
                _ when type == typeof(string) => parameter.Name == "paramName" ? "values" : "1.5",
                _ when type == typeof(double[]) => Benign,
                _ when type == typeof(float[]) => BenignFloats,
                _ when type == typeof(double[,]) => To2D(Benign),
                _ when type == typeof(float[,]) => To2D(BenignFloats),
                _ when type == typeof(double[][]) => new[] { Benign, Benign },
                _ when type == typeof(float[][]) => new[] { BenignFloats, BenignFloats },
                _ when type == typeof(IReadOnlyList<double>) || type == typeof(IEnumerable<double>) => new List<double>(Benign),
                _ when type == typeof(IReadOnlyList<double[]>) => new List<double[]> { Benign, Benign },
                _ when type == typeof(IReadOnlyList<float[]>) => new List<float[]> { BenignFloats, BenignFloats },
                _ when type == typeof(Vector<double>) => Vector<double>.Build.DenseOfArray(Benign),
                _ when type == typeof(Matrix<double>) => Matrix<double>.Build.DenseOfArray(To2D(Benign)),
                _ when type == typeof(IReadOnlyList<Vector<double>>) => new List<Vector<double>> { Vector<double>.Build.DenseOfArray(Benign) },
                _ when type == typeof(IReadOnlyList<Matrix<double>>) => new List<Matrix<double>> { Matrix<double>.Build.DenseOfArray(To2D(Benign)) },
                _ when type == typeof(IFormatProvider) => CultureInfo.InvariantCulture,
                _ when type == typeof(NumberStyles) => NumberStyles.Float,
                _ when type.IsEnum => Enum.GetValues(type).GetValue(0),
                _ => For(type)?.LastOrDefault(),
            };
        }

        /// <summary>Whether <paramref name="value"/> holds a NaN anywhere (a NaN result is then no breach of contract).</summary>
        public static bool ContainsNaN(object? value)
        {
            switch (value)
            {
                case null:
                    return false;
                case double d:
                    return double.IsNaN(d);
                case float f:
                    return float.IsNaN(f);
                case string:
                    return false;
                case Vector<double> v:
                    return v.Enumerate().Any(double.IsNaN);
                case Vector<float> v:
                    return v.Enumerate().Any(float.IsNaN);
                case Matrix<double> m:
                    return m.Enumerate().Any(double.IsNaN);
                case Matrix<float> m:
                    return m.Enumerate().Any(float.IsNaN);
                case IEnumerable e:
                    foreach (var item in e)
                    {
                        if (ContainsNaN(item))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>A deep copy, so that a call that changes its argument in place can be compared with the input.</summary>
        public static object? Clone(object? value) => value switch
        {
            double[] a => a.Clone(),
            float[] a => a.Clone(),
            double[,] a => a.Clone(),
            float[,] a => a.Clone(),
            double[][] a => a.Select(r => r == null ? null : (double[])r.Clone()).ToArray(),
            float[][] a => a.Select(r => r == null ? null : (float[])r.Clone()).ToArray(),
            List<double> l => new List<double>(l),
            List<double[]> l => l.Select(r => r == null ? null! : (double[])r.Clone()).ToList(),
            List<float[]> l => l.Select(r => r == null ? null! : (float[])r.Clone()).ToList(),
            Vector<double> v => v.Clone(),
            Vector<float> v => v.Clone(),
            Matrix<double> m => m.Clone(),
            Matrix<float> m => m.Clone(),
            List<Vector<double>> l => l.Select(v => v?.Clone()!).ToList(),
            List<Matrix<double>> l => l.Select(m => m?.Clone()!).ToList(),
            _ => value,
        };

        public static string Describe(object? value)
        {
            string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);
            return value switch
            {
                null => "null",
                double d => Number(d),
                float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
                string s => "\"" + s + "\"",
                double[] a => "double[" + a.Length + "] {" + string.Join(", ", a.Take(6).Select(Number)) + (a.Length > 6 ? ", ..." : string.Empty) + "}",
                float[] a => "float[" + a.Length + "] {" + string.Join(", ", a.Take(6).Select(x => Number(x))) + (a.Length > 6 ? ", ..." : string.Empty) + "}",
                double[][] a => "double[][" + a.Length + "] {" + string.Join(", ", a.Take(3).Select(Describe)) + "}",
                float[][] a => "float[][" + a.Length + "] {" + string.Join(", ", a.Take(3).Select(Describe)) + "}",
                List<double> l => "List<double> " + Describe(l.ToArray()),
                List<double[]> l => "List<double[]> {" + string.Join(", ", l.Take(3).Select(Describe)) + "}",
                List<float[]> l => "List<float[]> {" + string.Join(", ", l.Take(3).Select(Describe)) + "}",
                Vector<double> v => "Vector " + Describe(v.ToArray()) + (v.Storage.IsDense ? string.Empty : " (sparse)"),
                Matrix<double> m => "Matrix " + m.RowCount + "x" + m.ColumnCount + " " + Describe(m.ToColumnMajorArray()) + (m.Storage.IsDense ? string.Empty : " (sparse)"),
                IFormatProvider p => p is CultureInfo c ? "culture '" + c.Name + "'" : p.ToString()!,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
            };
        }

        private static IEnumerable<object?> Vectors()
        {
            foreach (var a in DoubleArrays().Where(a => a.Length > 0))
            {
                yield return Vector<double>.Build.DenseOfArray((double[])a.Clone());
            }

            var sparse = Vector<double>.Build.Sparse(6);
            sparse[2] = double.NaN;
            yield return sparse;
            var sparseBig = Vector<double>.Build.Sparse(6);
            sparseBig[1] = double.MaxValue;
            sparseBig[4] = double.MaxValue;
            yield return sparseBig;
        }

        private static IEnumerable<object?> Matrices()
        {
            foreach (var a in DoubleArrays().Where(a => a.Length > 0))
            {
                yield return Matrix<double>.Build.DenseOfArray(To2D(a));
            }

            var sparse = Matrix<double>.Build.Sparse(3, 4);
            sparse[1, 2] = double.PositiveInfinity;
            yield return sparse;
            yield return Matrix<double>.Build.Diagonal(3, 3, double.NaN);
        }

        private static IEnumerable<double> Lazy(double[] values)
        {
            foreach (var v in values)
            {
                yield return v;
            }
        }

        private static T[,] To2D<T>(T[] values)
        {
            // Two rows when the length allows it, else one row.
            int rows = values.Length >= 2 && values.Length % 2 == 0 ? 2 : 1;
            int columns = values.Length / rows;
            var result = new T[rows, columns];
            for (int i = 0; i < values.Length; i++)
            {
                result[i / columns, i % columns] = values[i];
            }

            return result;
        }

        private static IEnumerable<T[]?[]?> Jagged<T>(IReadOnlyList<T[]> arrays)
        {
            yield return Array.Empty<T[]?>();
            yield return new T[]?[] { null };
            foreach (var a in arrays)
            {
                yield return new T[]?[] { (T[])a.Clone(), arrays[arrays.Count - 1] };
            }

            // Ragged rows.
            yield return new T[]?[] { arrays[arrays.Count - 1], (T[])arrays[1].Clone(), Array.Empty<T>() };
        }

        private static IReadOnlyList<object?> Nullable<T>(IEnumerable<T> values) => new object?[] { null }.Concat(values.Select(v => (object?)v)).ToList();

        private static CultureInfo Culture(string name)
        {
            try
            {
                return CultureInfo.GetCultureInfo(name);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.InvariantCulture;
            }
        }
    }
}

using System;
using Microsoft.CodeAnalysis;

namespace NanAnalyzers.Ranges
{
    /// <summary>
    /// The library calls whose result range is known, matched by resolved symbol (the containing type is
    /// <c>System.Math</c>, <c>MathF</c>, <c>double</c>/<c>float</c>/<c>Half</c> or a generic-math interface,
    /// <c>System.Random</c>, <c>Enumerable</c>, TorchSharp's <c>torch</c>/<c>Tensor</c>, MathNet's
    /// <c>Vector&lt;T&gt;</c>/<c>Matrix&lt;T&gt;</c>) and then by name. Arguments arrive by parameter ordinal;
    /// a null entry is an argument that is absent or the null literal.
    /// </summary>
    internal static class KnownCalls
    {
        private static readonly double RandomDoubleMax = 1.0 - Math.Pow(2, -53);
        private static readonly double RandomSingleMax = 1.0 - Math.Pow(2, -24);

        public enum Family
        {
            None,
            ScalarMath,
            Random,
            Enumerable,
            Torch,
            MathNet,
            NanGuard,
        }

        public static Family FamilyOf(IMethodSymbol method, KnownSymbols symbols)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return Family.None;
            }

            if (Is(type, symbols.Math) || Is(type, symbols.MathF) || Is(type, symbols.Double) || Is(type, symbols.Single) || Is(type, symbols.Half)
                || IsGenericMathInterface(type))
            {
                return Family.ScalarMath;
            }

            if (symbols.Random != null && DerivesFrom(type, symbols.Random))
            {
                return Family.Random;
            }

            if (Is(type, symbols.Enumerable))
            {
                return Family.Enumerable;
            }

            if (symbols.TorchSharpTorch != null && (Is(type, symbols.TorchSharpTensor) || IsNestedIn(type, symbols.TorchSharpTorch)))
            {
                return Family.Torch;
            }

            if (Is(type, symbols.NanGuardSafeMath))
            {
                return Family.NanGuard;
            }

            if ((symbols.MathNetVector != null && DerivesFrom(type, symbols.MathNetVector))
                || (symbols.MathNetMatrix != null && DerivesFrom(type, symbols.MathNetMatrix)))
            {
                return Family.MathNet;
            }

            return Family.None;
        }

        /// <summary><c>double.IsNaN</c>, <c>float.IsFinite</c>, <c>T.IsInfinity</c> ...: the name of the check, or null.</summary>
        public static string? ClassificationCheck(IMethodSymbol method, KnownSymbols symbols)
        {
            if (!method.IsStatic || method.Parameters.Length != 1)
            {
                return null;
            }

            var type = method.ContainingType;
            if (type is null || !(Is(type, symbols.Double) || Is(type, symbols.Single) || Is(type, symbols.Half) || IsGenericMathInterface(type)))
            {
                return null;
            }

            switch (method.Name)
            {
                case "IsNaN":
                case "IsFinite":
                case "IsInfinity":
                case "IsPositiveInfinity":
                case "IsNegativeInfinity":
                case "IsNormal":
                case "IsPositive":
                case "IsNegative":
                    return method.Name;
                default:
                    return null;
            }
        }

        /// <summary>The range of a scalar math call, or null when it is not one we know.</summary>
        public static ValueRange? ScalarMath(string name, ValueRange?[] args, NumericKind kind, bool integral)
        {
            ValueRange A(int i) => i < args.Length && args[i].HasValue ? args[i]!.Value : ValueRange.Unknown(kind);
            var count = args.Length;
            switch (name)
            {
                case "Abs" when count == 1:
                    return RangeMath.Abs(A(0));
                case "Max" when count == 2:
                    return RangeMath.Max(A(0), A(1), kind);
                case "Min" when count == 2:
                    return RangeMath.Min(A(0), A(1), kind);
                case "MaxNumber" when count == 2:
                    return NumberPreferring(A(0), A(1), kind, RangeMath.Max);
                case "MinNumber" when count == 2:
                    return NumberPreferring(A(0), A(1), kind, RangeMath.Min);
                case "Clamp" when count == 3:
                    return RangeMath.Clamp(A(0), A(1), A(2), kind);
                case "Sign" when count == 1:
                    return ValueRange.Of(-1, 1, false, NumericKind.Double);
            }

            if (integral)
            {
                return null;
            }

            switch (name)
            {
                case "Sqrt" when count == 1:
                    return RangeMath.Sqrt(A(0), kind);
                case "Cbrt" when count == 1:
                    return RangeMath.Cbrt(A(0), kind);
                case "Exp" when count == 1:
                    return RangeMath.Exp(A(0), kind);
                case "Exp2" when count == 1:
                    return RangeMath.Exp(RangeMath.Multiply(A(0), ValueRange.Constant(Math.Log(2), NumericKind.Double), NumericKind.Double).WithKind(kind), kind).Join(RangeMath.Point(0, kind));
                case "Exp10" when count == 1:
                    return RangeMath.Exp(RangeMath.Multiply(A(0), ValueRange.Constant(Math.Log(10), NumericKind.Double), NumericKind.Double).WithKind(kind), kind).Join(RangeMath.Point(0, kind));
                case "ExpM1" when count == 1:
                    return RangeMath.Subtract(RangeMath.Exp(A(0), kind), ValueRange.Constant(1, kind), kind);
                case "Log" when count == 1:
                    return RangeMath.Log(A(0), kind, Math.E);
                case "Log2" when count == 1:
                    return RangeMath.Log(A(0), kind, 2);
                case "Log10" when count == 1:
                    return RangeMath.Log(A(0), kind, 10);
                case "LogP1" when count == 1:
                    return RangeMath.Log(RangeMath.Add(A(0), ValueRange.Constant(1, kind), kind), kind, Math.E);
                case "Log" when count == 2:
                    return ValueRange.Unknown(kind);
                case "Tanh" when count == 1:
                    return RangeMath.Tanh(A(0), kind);
                case "Atan" when count == 1:
                    return RangeMath.Atan(A(0), kind);
                case "Atan2" when count == 2:
                    return ValueRange.Of(-Math.PI - 1e-15, Math.PI + 1e-15, A(0).MayBeNaN || A(1).MayBeNaN, kind);
                case "Asin" when count == 1:
                    return RangeMath.Asin(A(0), kind);
                case "Acos" when count == 1:
                    return RangeMath.Acos(A(0), kind);
                case "Atanh" when count == 1:
                    return RangeMath.Atanh(A(0), kind);
                case "Sin" when count == 1:
                case "Cos" when count == 1:
                    return RangeMath.SinCos(A(0), kind);
                case "Floor" when count == 1:
                    return RangeMath.Rounding(A(0), kind, Math.Floor);
                case "Ceiling" when count == 1:
                    return RangeMath.Rounding(A(0), kind, Math.Ceiling);
                case "Truncate" when count == 1:
                    return RangeMath.Rounding(A(0), kind, RangeMath.Truncate);
                case "Round" when count == 1:
                    return RangeMath.Rounding(A(0), kind, x => Math.Round(x, MidpointRounding.ToEven));
                case "Pow" when count == 2:
                    return RangeMath.Pow(A(0), A(1), kind);
                case "Hypot" when count == 2:
                    return ValueRange.Of(0, double.PositiveInfinity, A(0).MayBeNaN || A(1).MayBeNaN, kind);
                default:
                    return null;
            }
        }

        /// <summary>
        /// NanGuard's <c>SafeMath</c>: each function clamps its argument into its domain and throws on NaN input, so its
        /// result is never NaN (and, but for <c>Pow</c>, always finite). This is what lets a fixed expression such as
        /// <c>Math.Sqrt(SafeMath.Divide(sumOfSquares, n))</c> stay unflagged.
        /// </summary>
        public static ValueRange? NanGuard(string name, ValueRange?[] args, NumericKind kind)
        {
            var max = kind == NumericKind.Single ? float.MaxValue : double.MaxValue;
            switch (name)
            {
                case "Sqrt":
                case "Exp":
                    return ValueRange.Of(0, max, false, kind);
                case "ExpM1":
                    return ValueRange.Of(-1, max, false, kind);
                case "Divide" when args.Length >= 2:
                    var nonNegative = args[0].HasValue && args[1].HasValue && args[0]!.Value.Lo >= 0 && args[1]!.Value.Lo >= 0;
                    return ValueRange.Of(nonNegative ? 0 : -max, max, false, kind);
                case "Log":
                case "Log2":
                case "Log10":
                case "Log1P":
                case "Atanh":
                    return ValueRange.Of(-max, max, false, kind);
                case "Acos":
                    return ValueRange.Of(0, System.Math.PI, false, kind);
                case "Asin":
                    return ValueRange.Of(-System.Math.PI / 2, System.Math.PI / 2, false, kind);
                case "Pow":
                    return ValueRange.Of(double.NegativeInfinity, double.PositiveInfinity, false, kind);
                default:
                    return null;
            }
        }

        public static ValueRange? Random(string name, ValueRange?[] args)
        {
            switch (name)
            {
                case "NextDouble" when args.Length == 0:
                    return ValueRange.Of(0, RandomDoubleMax, false, NumericKind.Double);
                case "NextSingle" when args.Length == 0:
                    return ValueRange.Of(0, RandomSingleMax, false, NumericKind.Single);
                case "Next" when args.Length == 0:
                    return ValueRange.Of(0, int.MaxValue - 1, false, NumericKind.Double);
                case "NextInt64" when args.Length == 0:
                    return ValueRange.Of(0, long.MaxValue - 1, false, NumericKind.Double);
                case "Next" when args.Length == 1:
                case "NextInt64" when args.Length == 1:
                    {
                        var max = args[0] ?? ValueRange.Unknown(NumericKind.Double);
                        return ValueRange.Of(0, Math.Max(0, max.Hi - 1), false, NumericKind.Double);
                    }

                case "Next" when args.Length == 2:
                case "NextInt64" when args.Length == 2:
                    {
                        var min = args[0] ?? ValueRange.Unknown(NumericKind.Double);
                        var max = args[1] ?? ValueRange.Unknown(NumericKind.Double);
                        return ValueRange.Of(min.Lo, Math.Max(min.Hi, max.Hi - 1), false, NumericKind.Double);
                    }

                default:
                    return null;
            }
        }

        public static ValueRange? Enumerable(string name)
        {
            switch (name)
            {
                case "Count":
                    return ValueRange.Of(0, int.MaxValue, false, NumericKind.Double);
                case "LongCount":
                    return ValueRange.Of(0, long.MaxValue, false, NumericKind.Double);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The element range of a TorchSharp call (<paramref name="self"/> is the instance or the first tensor
        /// argument's element range). Unknown tensors are any float32.
        /// </summary>
        public static ValueRange? Torch(string name, ValueRange? instance, ValueRange?[] args, NumericKind kind)
        {
            // torch.f(x, ...) has the tensor first; x.f(...) has it as the instance.
            var isStatic = instance is null;
            var self = isStatic ? (args.Length > 0 ? args[0] : null) : instance;
            var rest = isStatic && args.Length > 0 ? Slice(args, 1) : args;
            var x = self ?? ValueRange.Unknown(kind);
            ValueRange R(int i) => i < rest.Length && rest[i].HasValue ? rest[i]!.Value : ValueRange.Unknown(kind);
            bool Has(int i) => i < rest.Length && rest[i].HasValue;
            switch (name)
            {
                case "sigmoid":
                case "sigmoid_":
                case "expit":
                case "softmax":
                case "softmax_":
                    return ValueRange.Of(0, 1, x.MayBeNaN || x.MayBeInfinite && name.StartsWith("softmax", StringComparison.Ordinal), kind);
                case "log_softmax":
                case "logsigmoid":
                    return ValueRange.Of(double.NegativeInfinity, 0, x.MayBeNaN, kind);
                case "tanh":
                case "tanh_":
                    return RangeMath.Tanh(x, kind);
                case "relu":
                case "relu_":
                    return RangeMath.Max(x, ValueRange.Constant(0, kind), kind);
                case "softplus":
                    return ValueRange.Of(0, double.PositiveInfinity, x.MayBeNaN, kind);
                case "abs":
                case "abs_":
                    return RangeMath.Abs(x).WithKind(kind);
                case "exp":
                case "exp_":
                    return RangeMath.Exp(x, kind);
                case "log":
                case "log_":
                    return RangeMath.Log(x, kind, Math.E);
                case "sqrt":
                case "sqrt_":
                    return RangeMath.Sqrt(x, kind);
                case "square":
                    return RangeMath.Square(x, kind);
                case "pow" when Has(0):
                    return RangeMath.Pow(x, R(0), kind);
                case "neg":
                case "neg_":
                    return RangeMath.Negate(x);
                case "clamp":
                case "clamp_":
                case "clip":
                    {
                        var lo = Has(0) ? R(0) : RangeMath.Point(double.NegativeInfinity, kind);
                        var hi = Has(1) ? R(1) : RangeMath.Point(double.PositiveInfinity, kind);
                        return RangeMath.Clamp(x, lo, hi, kind);
                    }

                case "clamp_min":
                case "clamp_min_":
                    return Has(0) ? RangeMath.Max(x, R(0), kind) : x;
                case "clamp_max":
                case "clamp_max_":
                    return Has(0) ? RangeMath.Min(x, R(0), kind) : x;
                case "sum":
                    return x.Lo >= 0 ? ValueRange.Of(0, double.PositiveInfinity, x.MayBeNaN, kind)
                        : x.Hi <= 0 ? ValueRange.Of(double.NegativeInfinity, 0, x.MayBeNaN, kind)
                        : ValueRange.Unknown(kind);
                case "add" when Has(0):
                case "add_" when Has(0):
                    return RangeMath.Add(x, R(0), kind);
                case "sub" when Has(0):
                case "sub_" when Has(0):
                    return RangeMath.Subtract(x, R(0), kind);
                case "mul" when Has(0):
                case "mul_" when Has(0):
                    return RangeMath.Multiply(x, R(0), kind);
                case "div" when Has(0):
                case "div_" when Has(0):
                    return RangeMath.Divide(x, R(0), kind);
                default:
                    return null;
            }
        }

        /// <summary>The element range of a MathNet vector/matrix call.</summary>
        public static ValueRange? MathNet(string name, ValueRange? instance, ValueRange?[] args, NumericKind kind)
        {
            var x = instance ?? ValueRange.Unknown(kind);
            ValueRange A(int i) => i < args.Length && args[i].HasValue ? args[i]!.Value : ValueRange.Unknown(kind);
            switch (name)
            {
                case "PointwiseExp":
                    return RangeMath.Exp(x, kind);
                case "PointwiseAbs":
                    return RangeMath.Abs(x).WithKind(kind);
                case "PointwiseLog":
                    return RangeMath.Log(x, kind, Math.E);
                case "PointwiseTanh":
                    return RangeMath.Tanh(x, kind);
                case "PointwiseSqrt":
                    return RangeMath.Sqrt(x, kind);
                case "PointwiseMaximum" when args.Length == 1:
                    return RangeMath.Max(x, A(0), kind);
                case "PointwiseMinimum" when args.Length == 1:
                    return RangeMath.Min(x, A(0), kind);
                case "Add" when args.Length == 1:
                    return RangeMath.Add(x, A(0), kind);
                case "Subtract" when args.Length == 1:
                    return RangeMath.Subtract(x, A(0), kind);
                case "Multiply" when args.Length == 1:
                    return RangeMath.Multiply(x, A(0), kind);
                case "Divide" when args.Length == 1:
                    return RangeMath.Divide(x, A(0), kind);
                case "Sum" when args.Length == 0:
                    return x.Lo >= 0 ? ValueRange.Of(0, double.PositiveInfinity, x.MayBeNaN, kind) : ValueRange.Unknown(kind);
                case "L2Norm":
                case "L1Norm":
                case "Norm":
                case "FrobeniusNorm":
                    return ValueRange.Of(0, double.PositiveInfinity, x.MayBeNaN || x.MayBeInfinite, kind);
                default:
                    return null;
            }
        }

        /// <summary>Element-wise arithmetic of a user-defined operator on tensors/vectors.</summary>
        public static ValueRange? ElementwiseOperator(string operatorName, ValueRange left, ValueRange right, NumericKind kind)
        {
            switch (operatorName)
            {
                case "op_Addition":
                    return RangeMath.Add(left, right, kind);
                case "op_Subtraction":
                    return RangeMath.Subtract(left, right, kind);
                case "op_Multiply":
                    return RangeMath.Multiply(left, right, kind);
                case "op_Division":
                    return RangeMath.Divide(left, right, kind);
                default:
                    return null;
            }
        }

        private static ValueRange NumberPreferring(ValueRange a, ValueRange b, NumericKind kind, Func<ValueRange, ValueRange, NumericKind, ValueRange> op)
        {
            // MaxNumber(NaN, x) is x: the result is NaN only when both may be NaN.
            var result = op(a.WithoutNaN(), b.WithoutNaN(), kind);
            if (a.MayBeNaN)
            {
                result = result.Join(b.WithKind(kind));
            }

            if (b.MayBeNaN)
            {
                result = result.Join(a.WithKind(kind));
            }

            return a.MayBeNaN && b.MayBeNaN ? result.WithNaN() : result.WithoutNaN();
        }

        private static ValueRange?[] Slice(ValueRange?[] args, int start)
        {
            var result = new ValueRange?[args.Length - start];
            Array.Copy(args, start, result, 0, result.Length);
            return result;
        }

        private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known)
            => known != null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known.OriginalDefinition);

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol known)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (Is(t, known))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNestedIn(INamedTypeSymbol type, INamedTypeSymbol outer)
        {
            for (var t = type; t != null; t = t.ContainingType)
            {
                if (Is(t, outer))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsGenericMathInterface(INamedTypeSymbol type)
            => type.TypeKind == TypeKind.Interface && type.ContainingNamespace?.ToDisplayString() == "System.Numerics";
    }
}

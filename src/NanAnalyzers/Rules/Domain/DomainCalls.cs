using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Domain
{
    /// <summary>The math function a domain rule guards.</summary>
    internal enum DomainFunction
    {
        Log,
        Log2,
        Log10,
        Sqrt,
        ReciprocalSqrt,
        Exp,
        Acos,
        Asin,
        Atanh,
        Pow,
    }

    /// <summary>How the function is called, which decides where the guarded value sits and how a fix rewrites it.</summary>
    internal enum DomainApi
    {
        /// <summary><c>Math.Log(p)</c>, <c>MathF.Log(p)</c>, <c>double.Log(p)</c>, <c>T.Log(p)</c>: the value is argument 0.</summary>
        Scalar,

        /// <summary><c>torch.log(p)</c>: the value is argument 0, a tensor.</summary>
        TorchFunction,

        /// <summary><c>p.log()</c>, <c>p.log_()</c>: the value is the receiver tensor.</summary>
        TensorMethod,

        /// <summary><c>v.PointwiseLog()</c>: the value is the receiver vector or matrix.</summary>
        MathNet,
    }

    /// <summary>The element type the function computes in.</summary>
    internal enum ElementType
    {
        Double,
        Single,
        Half,

        /// <summary>A generic-math type parameter <c>T</c>.</summary>
        Generic,

        /// <summary>A TorchSharp tensor (float32 unless known otherwise).</summary>
        Tensor,
    }

    /// <summary>One recognised call of a domain-sensitive math function.</summary>
    internal sealed class DomainCall
    {
        public DomainCall(IInvocationOperation invocation, DomainFunction function, DomainApi api, IOperation value, IOperation? exponent, ElementType element, ITypeSymbol? elementSymbol)
        {
            Invocation = invocation;
            Function = function;
            Api = api;
            Value = value;
            Exponent = exponent;
            Element = element;
            ElementSymbol = elementSymbol;
        }

        public IInvocationOperation Invocation { get; }

        public DomainFunction Function { get; }

        public DomainApi Api { get; }

        /// <summary>The guarded value: the argument, or the receiver for tensor and MathNet methods.</summary>
        public IOperation Value { get; }

        /// <summary>The exponent of a <c>Pow</c>.</summary>
        public IOperation? Exponent { get; }

        public ElementType Element { get; }

        /// <summary>The element type symbol (double, float, Half, T) when there is one.</summary>
        public ITypeSymbol? ElementSymbol { get; }

        /// <summary>True when the computation is in float (float, Half, tensors): float limits and the float epsilon apply.</summary>
        public bool IsFloat => Element == ElementType.Single || Element == ElementType.Half || Element == ElementType.Tensor;

        /// <summary>"Math.Log", "MathF.Sqrt", "double.Log", "T.Log", "torch.log", "Tensor.log", "Vector.PointwiseLog".</summary>
        public string Display
        {
            get
            {
                var method = Invocation.TargetMethod;
                switch (Api)
                {
                    case DomainApi.TorchFunction:
                        return "torch." + method.Name;
                    case DomainApi.TensorMethod:
                        return "Tensor." + method.Name;
                    case DomainApi.MathNet:
                        return method.ContainingType.Name + "." + method.Name;
                    default:
                        if (ElementSymbol is ITypeParameterSymbol parameter && method.ContainingType.TypeKind == TypeKind.Interface)
                        {
                            return parameter.Name + "." + method.Name;
                        }

                        return DomainCalls.TypeDisplay(method.ContainingType) + "." + method.Name;
                }
            }
        }
    }

    /// <summary>Recognises the domain-sensitive math calls by their resolved symbols.</summary>
    internal static class DomainCalls
    {
        private static readonly Dictionary<string, DomainFunction> ScalarNames = new Dictionary<string, DomainFunction>
        {
            ["Log"] = DomainFunction.Log,
            ["Log2"] = DomainFunction.Log2,
            ["Log10"] = DomainFunction.Log10,
            ["Sqrt"] = DomainFunction.Sqrt,
            ["ReciprocalSqrtEstimate"] = DomainFunction.ReciprocalSqrt,
            ["Exp"] = DomainFunction.Exp,
            ["Acos"] = DomainFunction.Acos,
            ["Asin"] = DomainFunction.Asin,
            ["Atanh"] = DomainFunction.Atanh,
            ["Pow"] = DomainFunction.Pow,
        };

        private static readonly Dictionary<string, DomainFunction> TorchNames = new Dictionary<string, DomainFunction>
        {
            ["log"] = DomainFunction.Log,
            ["log_"] = DomainFunction.Log,
            ["log2"] = DomainFunction.Log2,
            ["log2_"] = DomainFunction.Log2,
            ["log10"] = DomainFunction.Log10,
            ["log10_"] = DomainFunction.Log10,
            ["sqrt"] = DomainFunction.Sqrt,
            ["sqrt_"] = DomainFunction.Sqrt,
            ["rsqrt"] = DomainFunction.ReciprocalSqrt,
            ["rsqrt_"] = DomainFunction.ReciprocalSqrt,
            ["exp"] = DomainFunction.Exp,
            ["exp_"] = DomainFunction.Exp,
            ["acos"] = DomainFunction.Acos,
            ["acos_"] = DomainFunction.Acos,
            ["arccos"] = DomainFunction.Acos,
            ["asin"] = DomainFunction.Asin,
            ["asin_"] = DomainFunction.Asin,
            ["arcsin"] = DomainFunction.Asin,
            ["atanh"] = DomainFunction.Atanh,
            ["atanh_"] = DomainFunction.Atanh,
            ["arctanh"] = DomainFunction.Atanh,
            ["pow"] = DomainFunction.Pow,
            ["pow_"] = DomainFunction.Pow,
        };

        private static readonly Dictionary<string, DomainFunction> MathNetNames = new Dictionary<string, DomainFunction>
        {
            ["PointwiseLog"] = DomainFunction.Log,
            ["PointwiseLog10"] = DomainFunction.Log10,
            ["PointwiseSqrt"] = DomainFunction.Sqrt,
            ["PointwiseExp"] = DomainFunction.Exp,
            ["PointwiseAcos"] = DomainFunction.Acos,
            ["PointwiseAsin"] = DomainFunction.Asin,
            ["PointwisePower"] = DomainFunction.Pow,
        };

        /// <summary>True when <paramref name="invocation"/> calls a function this family guards.</summary>
        public static bool TryMatch(IInvocationOperation? invocation, KnownSymbols symbols, out DomainCall? call)
        {
            call = null;
            var method = invocation?.TargetMethod;
            if (invocation is null || method is null || method.ContainingType is null)
            {
                return false;
            }

            var type = method.ContainingType;
            if (method.IsStatic && ScalarNames.TryGetValue(method.Name, out var function) && IsScalarMathType(type, symbols))
            {
                var parameters = method.Parameters;
                if (parameters.Length == 0)
                {
                    return false;
                }

                var expectedCount = function == DomainFunction.Pow ? 2 : (function == DomainFunction.Log ? parameters.Length : 1);
                if (parameters.Length != expectedCount || parameters.Length > 2)
                {
                    return false;
                }

                var element = ElementOf(parameters[0].Type, symbols);
                var value = ArgumentValue(invocation, 0);
                if (element is null || value is null)
                {
                    return false;
                }

                call = new DomainCall(invocation, function, DomainApi.Scalar, value, function == DomainFunction.Pow ? ArgumentValue(invocation, 1) : null, element.Value, parameters[0].Type);
                return true;
            }

            if (symbols.TorchSharpTorch != null && TorchNames.TryGetValue(method.Name, out function))
            {
                if (method.IsStatic && SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTorch))
                {
                    var value = ArgumentValue(invocation, 0);
                    if (value is null || !IsTensor(value.Type, symbols))
                    {
                        return false;
                    }

                    call = new DomainCall(invocation, function, DomainApi.TorchFunction, value, function == DomainFunction.Pow ? ArgumentValue(invocation, 1) : null, ElementType.Tensor, null);
                    return true;
                }

                if (!method.IsStatic && SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTensor) && invocation.Instance != null)
                {
                    call = new DomainCall(invocation, function, DomainApi.TensorMethod, invocation.Instance, function == DomainFunction.Pow ? ArgumentValue(invocation, 0) : null, ElementType.Tensor, null);
                    return true;
                }

                return false;
            }

            if (!method.IsStatic && invocation.Instance != null && MathNetNames.TryGetValue(method.Name, out function) && IsMathNet(type, symbols))
            {
                var elementSymbol = type.TypeArguments.Length == 1 ? type.TypeArguments[0] : null;
                var element = elementSymbol?.SpecialType == SpecialType.System_Double ? ElementType.Double
                    : elementSymbol?.SpecialType == SpecialType.System_Single ? ElementType.Single
                    : (ElementType?)null;
                if (element is null)
                {
                    return false;
                }

                IOperation? exponent = null;
                if (function == DomainFunction.Pow)
                {
                    exponent = ArgumentValue(invocation, 0);
                    if (exponent is null || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, elementSymbol))
                    {
                        // PointwisePower(Vector exponent): the exponents are not known.
                        return false;
                    }
                }

                call = new DomainCall(invocation, function, DomainApi.MathNet, invocation.Instance, exponent, element.Value, elementSymbol);
                return true;
            }

            return false;
        }

        /// <summary>True for <c>TensorPrimitives.SoftMax</c>.</summary>
        public static bool IsTensorPrimitivesSoftMax(IInvocationOperation? invocation, KnownSymbols symbols)
        {
            var method = invocation?.TargetMethod;
            return method != null
                && symbols.TensorPrimitives != null
                && method.Name == "SoftMax"
                && method.Parameters.Length == 2
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.TensorPrimitives);
        }

        /// <summary>The value passed for the parameter of ordinal <paramref name="ordinal"/>, or null (half-typed code).</summary>
        public static IOperation? ArgumentValue(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && argument.Parameter.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        public static bool IsTensor(ITypeSymbol? type, KnownSymbols symbols)
            => type != null && symbols.TorchSharpTensor != null && SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTensor);

        public static bool IsMathNet(INamedTypeSymbol? type, KnownSymbols symbols)
        {
            if (type is null)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return (symbols.MathNetVector != null && SymbolEqualityComparer.Default.Equals(definition, symbols.MathNetVector))
                || (symbols.MathNetMatrix != null && SymbolEqualityComparer.Default.Equals(definition, symbols.MathNetMatrix));
        }

        /// <summary>The element type of a scalar parameter type, or null when it is not a floating-point type.</summary>
        public static ElementType? ElementOf(ITypeSymbol? type, KnownSymbols symbols)
        {
            if (type is null)
            {
                return null;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Double:
                    return ElementType.Double;
                case SpecialType.System_Single:
                    return ElementType.Single;
            }

            if (symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half))
            {
                return ElementType.Half;
            }

            if (type is ITypeParameterSymbol)
            {
                return ElementType.Generic;
            }

            return null;
        }

        /// <summary>"Math", "MathF", "double", "float", "Half", or the type's name.</summary>
        public static string TypeDisplay(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Double:
                    return "double";
                case SpecialType.System_Single:
                    return "float";
                default:
                    return type.Name;
            }
        }

        /// <summary>Math, MathF, double, float, Half, or a System.Numerics generic-math interface (<c>T.Log</c>).</summary>
        private static bool IsScalarMathType(INamedTypeSymbol type, KnownSymbols symbols)
        {
            if (SymbolEqualityComparer.Default.Equals(type, symbols.Math)
                || SymbolEqualityComparer.Default.Equals(type, symbols.MathF)
                || type.SpecialType == SpecialType.System_Double
                || type.SpecialType == SpecialType.System_Single
                || (symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half)))
            {
                return true;
            }

            if (type.TypeKind != TypeKind.Interface)
            {
                return false;
            }

            var definition = type.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(definition, symbols.ILogarithmicFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.IRootFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.IExponentialFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.ITrigonometricFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.IHyperbolicFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.IPowerFunctions)
                || SymbolEqualityComparer.Default.Equals(definition, symbols.IFloatingPointIeee754Functions);
        }
    }
}

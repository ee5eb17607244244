using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    /// <summary>The generic-math interfaces and library types the domain rules (NAN101–NAN105) match.</summary>
    internal sealed partial class KnownSymbols
    {
        private INamedTypeSymbol? iLogarithmicFunctions;
        private INamedTypeSymbol? iRootFunctions;
        private INamedTypeSymbol? iExponentialFunctions;
        private INamedTypeSymbol? iTrigonometricFunctions;
        private INamedTypeSymbol? iHyperbolicFunctions;
        private INamedTypeSymbol? iPowerFunctions;
        private INamedTypeSymbol? iFloatingPointIeee754Functions;
        private INamedTypeSymbol? iDivisionOperators;
        private INamedTypeSymbol? iNumber;
        private INamedTypeSymbol? iNumberBase;
        private INamedTypeSymbol? iFloatingPoint;
        private INamedTypeSymbol? tensorPrimitives;
        private INamedTypeSymbol? torchScalar;

        /// <summary><c>System.Numerics.ILogarithmicFunctions&lt;TSelf&gt;</c> (<c>T.Log</c>).</summary>
        public INamedTypeSymbol? ILogarithmicFunctions => Lazy(ref iLogarithmicFunctions, c => c.GetTypeByMetadataName("System.Numerics.ILogarithmicFunctions`1"));

        /// <summary><c>System.Numerics.IRootFunctions&lt;TSelf&gt;</c> (<c>T.Sqrt</c>).</summary>
        public INamedTypeSymbol? IRootFunctions => Lazy(ref iRootFunctions, c => c.GetTypeByMetadataName("System.Numerics.IRootFunctions`1"));

        /// <summary><c>System.Numerics.IExponentialFunctions&lt;TSelf&gt;</c> (<c>T.Exp</c>).</summary>
        public INamedTypeSymbol? IExponentialFunctions => Lazy(ref iExponentialFunctions, c => c.GetTypeByMetadataName("System.Numerics.IExponentialFunctions`1"));

        /// <summary><c>System.Numerics.ITrigonometricFunctions&lt;TSelf&gt;</c> (<c>T.Acos</c>).</summary>
        public INamedTypeSymbol? ITrigonometricFunctions => Lazy(ref iTrigonometricFunctions, c => c.GetTypeByMetadataName("System.Numerics.ITrigonometricFunctions`1"));

        /// <summary><c>System.Numerics.IHyperbolicFunctions&lt;TSelf&gt;</c> (<c>T.Atanh</c>).</summary>
        public INamedTypeSymbol? IHyperbolicFunctions => Lazy(ref iHyperbolicFunctions, c => c.GetTypeByMetadataName("System.Numerics.IHyperbolicFunctions`1"));

        /// <summary><c>System.Numerics.IPowerFunctions&lt;TSelf&gt;</c> (<c>T.Pow</c>).</summary>
        public INamedTypeSymbol? IPowerFunctions => Lazy(ref iPowerFunctions, c => c.GetTypeByMetadataName("System.Numerics.IPowerFunctions`1"));

        /// <summary><c>System.Numerics.IFloatingPointIeee754&lt;TSelf&gt;</c> statics (<c>T.ReciprocalSqrtEstimate</c>).</summary>
        public INamedTypeSymbol? IFloatingPointIeee754Functions => Lazy(ref iFloatingPointIeee754Functions, c => c.GetTypeByMetadataName("System.Numerics.IFloatingPointIeee754`1"));

        /// <summary><c>System.Numerics.IDivisionOperators&lt;TSelf, TOther, TResult&gt;</c> (<c>a / b</c> over <c>T</c>).</summary>
        public INamedTypeSymbol? IDivisionOperators => Lazy(ref iDivisionOperators, c => c.GetTypeByMetadataName("System.Numerics.IDivisionOperators`3"));

        /// <summary><c>System.Numerics.INumber&lt;TSelf&gt;</c>: a type parameter with it has <c>T.Max</c> and <c>T.CreateChecked</c>.</summary>
        public INamedTypeSymbol? INumber => Lazy(ref iNumber, c => c.GetTypeByMetadataName("System.Numerics.INumber`1"));

        /// <summary><c>System.Numerics.INumberBase&lt;TSelf&gt;</c> (<c>T.CreateChecked</c>, <c>T.Abs</c>).</summary>
        public INamedTypeSymbol? INumberBase => Lazy(ref iNumberBase, c => c.GetTypeByMetadataName("System.Numerics.INumberBase`1"));

        /// <summary><c>System.Numerics.IFloatingPoint&lt;TSelf&gt;</c>: a type parameter with it divides in floating point.</summary>
        public INamedTypeSymbol? IFloatingPoint => Lazy(ref iFloatingPoint, c => c.GetTypeByMetadataName("System.Numerics.IFloatingPoint`1"));

        /// <summary><c>System.Numerics.Tensors.TensorPrimitives</c>, or null when System.Numerics.Tensors is not referenced.</summary>
        public INamedTypeSymbol? TensorPrimitives => Lazy(ref tensorPrimitives, c => c.GetTypeByMetadataName("System.Numerics.Tensors.TensorPrimitives"));

        /// <summary><c>TorchSharp.Scalar</c>.</summary>
        public INamedTypeSymbol? TorchScalar => Lazy(ref torchScalar, c => c.GetTypeByMetadataName("TorchSharp.Scalar"));

        /// <summary>True when <paramref name="type"/> is a type parameter constrained to <paramref name="generic"/>&lt;itself&gt; (directly or through another interface).</summary>
        public static bool HasGenericConstraint(ITypeSymbol? type, INamedTypeSymbol? generic)
        {
            if (generic is null || !(type is ITypeParameterSymbol parameter))
            {
                return false;
            }

            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (constraint is INamedTypeSymbol named)
                {
                    if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, generic))
                    {
                        return true;
                    }

                    foreach (var inherited in named.AllInterfaces)
                    {
                        if (SymbolEqualityComparer.Default.Equals(inherited.OriginalDefinition, generic))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}

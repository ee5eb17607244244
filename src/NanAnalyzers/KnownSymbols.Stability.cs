using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    /// <summary>The symbols the stability rules (NAN201-NAN204) match, resolved lazily.</summary>
    internal sealed partial class KnownSymbols
    {
        private INamedTypeSymbol? torchFunctional;
        private INamedTypeSymbol? torchSpecial;
        private INamedTypeSymbol? nanGuardStableMath;

        /// <summary><c>TorchSharp.torch.nn.functional</c>, or null when TorchSharp is not referenced.</summary>
        public INamedTypeSymbol? TorchFunctional => Lazy(ref torchFunctional, c => c.GetTypeByMetadataName("TorchSharp.torch+nn+functional"));

        /// <summary><c>TorchSharp.torch.special</c>.</summary>
        public INamedTypeSymbol? TorchSpecial => Lazy(ref torchSpecial, c => c.GetTypeByMetadataName("TorchSharp.torch+special"));

        /// <summary><c>NanGuard.StableMath</c>: when present, the stability fixes offer the NanGuard form.</summary>
        public INamedTypeSymbol? NanGuardStableMath => Lazy(ref nanGuardStableMath, c => c.GetTypeByMetadataName("NanGuard.StableMath"));

        /// <summary>True when <paramref name="method"/> is declared on <paramref name="type"/> and is named <paramref name="name"/>.</summary>
        public static bool IsMember(IMethodSymbol? method, INamedTypeSymbol? type, string name)
            => method != null
               && type != null
               && method.Name == name
               && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type);

        /// <summary>A static method of <c>torch</c>, <c>torch.nn.functional</c> or <c>torch.special</c> named <paramref name="name"/>.</summary>
        public bool IsTorchStatic(IMethodSymbol? method, string name)
            => method != null
               && method.IsStatic
               && (IsMember(method, TorchSharpTorch, name) || IsMember(method, TorchFunctional, name) || IsMember(method, TorchSpecial, name));

        /// <summary>An instance method of <c>torch.Tensor</c> named <paramref name="name"/>.</summary>
        public bool IsTensorInstance(IMethodSymbol? method, string name)
            => method != null && !method.IsStatic && IsMember(method, TorchSharpTensor, name);

        /// <summary>True for <c>torch.Tensor</c>.</summary>
        public bool IsTensor(ITypeSymbol? type)
            => type != null && TorchSharpTensor != null && SymbolEqualityComparer.Default.Equals(type, TorchSharpTensor);

        /// <summary>
        /// A scalar function of <c>System.Math</c>, <c>System.MathF</c> or the generic-math statics of
        /// <c>double</c>/<c>float</c> (<c>double.Log</c>) named <paramref name="name"/> with <paramref name="parameterCount"/> parameters.
        /// </summary>
        public bool IsScalarMath(IMethodSymbol? method, string name, int parameterCount = 1)
        {
            if (method is null || !method.IsStatic || method.Name != name || method.Parameters.Length != parameterCount)
            {
                return false;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, Math) || SymbolEqualityComparer.Default.Equals(type, MathF))
            {
                return true;
            }

            return type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single;
        }
    }
}

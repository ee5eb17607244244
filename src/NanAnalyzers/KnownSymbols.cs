using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    /// <summary>
    /// The types the rules match, resolved once per compilation and shared by every analyzer
    /// (<see cref="For"/>). Each family adds its own lazily resolved members in a partial file
    /// (<c>KnownSymbols.Torch.cs</c>, ...); a member that is <c>null</c> means the compilation does
    /// not reference that API, and the rules that need it bail out.
    /// </summary>
    internal sealed partial class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private KnownSymbols(Compilation compilation)
        {
            Compilation = compilation;
            Math = compilation.GetTypeByMetadataName("System.Math");
            MathF = compilation.GetTypeByMetadataName("System.MathF");
            Double = compilation.GetSpecialType(SpecialType.System_Double);
            Single = compilation.GetSpecialType(SpecialType.System_Single);
            Half = compilation.GetTypeByMetadataName("System.Half");
            Random = compilation.GetTypeByMetadataName("System.Random");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            IFloatingPointIeee754 = compilation.GetTypeByMetadataName("System.Numerics.IFloatingPointIeee754`1");
            TorchSharpTorch = compilation.GetTypeByMetadataName("TorchSharp.torch");
            TorchSharpTensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            MathNetVector = compilation.GetTypeByMetadataName("MathNet.Numerics.LinearAlgebra.Vector`1");
            MathNetMatrix = compilation.GetTypeByMetadataName("MathNet.Numerics.LinearAlgebra.Matrix`1");
            NanGuardSafeMath = compilation.GetTypeByMetadataName("NanGuard.SafeMath");
        }

        /// <summary>The symbols of <paramref name="compilation"/>, resolved on first use and cached with it.</summary>
        public static KnownSymbols For(Compilation compilation) => Cache.GetValue(compilation, c => new KnownSymbols(c));

        public Compilation Compilation { get; }

        public INamedTypeSymbol? Math { get; }

        public INamedTypeSymbol? MathF { get; }

        public INamedTypeSymbol Double { get; }

        public INamedTypeSymbol Single { get; }

        public INamedTypeSymbol? Half { get; }

        public INamedTypeSymbol? Random { get; }

        public INamedTypeSymbol? Enumerable { get; }

        /// <summary><c>System.Numerics.IFloatingPointIeee754&lt;TSelf&gt;</c> (generic math), or null before .NET 7.</summary>
        public INamedTypeSymbol? IFloatingPointIeee754 { get; }

        /// <summary><c>TorchSharp.torch</c>, or null when TorchSharp is not referenced.</summary>
        public INamedTypeSymbol? TorchSharpTorch { get; }

        /// <summary><c>TorchSharp.torch.Tensor</c>.</summary>
        public INamedTypeSymbol? TorchSharpTensor { get; }

        /// <summary><c>MathNet.Numerics.LinearAlgebra.Vector&lt;T&gt;</c>, or null when MathNet is not referenced.</summary>
        public INamedTypeSymbol? MathNetVector { get; }

        /// <summary><c>MathNet.Numerics.LinearAlgebra.Matrix&lt;T&gt;</c>.</summary>
        public INamedTypeSymbol? MathNetMatrix { get; }

        /// <summary><c>NanGuard.SafeMath</c>: when present, the fixes offer the NanGuard form.</summary>
        public INamedTypeSymbol? NanGuardSafeMath { get; }

        /// <summary>True when the compilation references the NanGuard runtime library.</summary>
        public bool HasNanGuard => NanGuardSafeMath != null;

        /// <summary>True for <c>double</c>, <c>float</c> and <c>System.Half</c>.</summary>
        public bool IsIeeeFloatingPoint(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single)
            {
                return true;
            }

            return Half != null && SymbolEqualityComparer.Default.Equals(type, Half);
        }

        /// <summary>
        /// A lazily resolved member for the partial family files: <paramref name="resolve"/> runs at most a
        /// few times under a race and always yields the same symbol, so no lock is needed.
        /// </summary>
        private T? Lazy<T>(ref T? field, System.Func<Compilation, T?> resolve)
            where T : class
        {
            var value = Volatile.Read(ref field);
            if (value is null)
            {
                value = resolve(Compilation);
                Volatile.Write(ref field, value);
            }

            return value;
        }
    }
}

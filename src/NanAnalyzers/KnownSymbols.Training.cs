using Microsoft.CodeAnalysis;

namespace NanAnalyzers
{
    /// <summary>The training family's symbols: TorchSharp optimizers and utilities, ML.NET, NanGuard's guards.</summary>
    internal sealed partial class KnownSymbols
    {
        private INamedTypeSymbol? torchOptim;
        private INamedTypeSymbol? torchOptimizer;
        private INamedTypeSymbol? torchNnUtils;
        private INamedTypeSymbol? torchNnModule;
        private INamedTypeSymbol? mlContext;
        private INamedTypeSymbol? mlDataOperationsCatalog;
        private INamedTypeSymbol? mlEstimator;
        private INamedTypeSymbol? nanGuardGradientClipping;
        private INamedTypeSymbol? nanGuardInputValidation;
        private INamedTypeSymbol? nanGuardTrainingGuard;
        private INamedTypeSymbol? convert;
        private INamedTypeSymbol? file;
        private INamedTypeSymbol? textReader;

        /// <summary><c>TorchSharp.torch.optim</c>: the optimizer factories (<c>SGD</c>, <c>Adam</c> ...).</summary>
        public INamedTypeSymbol? TorchOptim => Lazy(ref torchOptim, c => c.GetTypeByMetadataName("TorchSharp.torch+optim"));

        /// <summary><c>TorchSharp.torch.optim.Optimizer</c>: the base of every optimizer (<c>step</c>, <c>zero_grad</c>).</summary>
        public INamedTypeSymbol? TorchOptimizer => Lazy(ref torchOptimizer, c => c.GetTypeByMetadataName("TorchSharp.torch+optim+Optimizer"));

        /// <summary><c>TorchSharp.torch.nn.utils</c> (<c>clip_grad_norm_</c>, <c>clip_grad_value_</c>).</summary>
        public INamedTypeSymbol? TorchNnUtils => Lazy(ref torchNnUtils, c => c.GetTypeByMetadataName("TorchSharp.torch+nn+utils"));

        /// <summary><c>TorchSharp.torch.nn.Module</c> (<c>zero_grad</c> on a module).</summary>
        public INamedTypeSymbol? TorchNnModule => Lazy(ref torchNnModule, c => c.GetTypeByMetadataName("TorchSharp.torch+nn+Module"));

        /// <summary><c>Microsoft.ML.MLContext</c>, or null when ML.NET is not referenced.</summary>
        public INamedTypeSymbol? MLContext => Lazy(ref mlContext, c => c.GetTypeByMetadataName("Microsoft.ML.MLContext"));

        /// <summary><c>Microsoft.ML.DataOperationsCatalog</c> (<c>LoadFromEnumerable</c>, <c>FilterRowsByMissingValues</c>).</summary>
        public INamedTypeSymbol? MLDataOperationsCatalog => Lazy(ref mlDataOperationsCatalog, c => c.GetTypeByMetadataName("Microsoft.ML.DataOperationsCatalog"));

        /// <summary><c>Microsoft.ML.IEstimator&lt;T&gt;</c> (<c>Fit</c>).</summary>
        public INamedTypeSymbol? MLEstimator => Lazy(ref mlEstimator, c => c.GetTypeByMetadataName("Microsoft.ML.IEstimator`1"));

        /// <summary><c>NanGuard.GradientClipping</c>.</summary>
        public INamedTypeSymbol? NanGuardGradientClipping => Lazy(ref nanGuardGradientClipping, c => c.GetTypeByMetadataName("NanGuard.GradientClipping"));

        /// <summary><c>NanGuard.InputValidation</c>.</summary>
        public INamedTypeSymbol? NanGuardInputValidation => Lazy(ref nanGuardInputValidation, c => c.GetTypeByMetadataName("NanGuard.InputValidation"));

        /// <summary><c>NanGuard.TrainingGuard</c>.</summary>
        public INamedTypeSymbol? NanGuardTrainingGuard => Lazy(ref nanGuardTrainingGuard, c => c.GetTypeByMetadataName("NanGuard.TrainingGuard"));

        /// <summary><c>System.Convert</c>.</summary>
        public INamedTypeSymbol? Convert => Lazy(ref convert, c => c.GetTypeByMetadataName("System.Convert"));

        /// <summary><c>System.IO.File</c>.</summary>
        public INamedTypeSymbol? File => Lazy(ref file, c => c.GetTypeByMetadataName("System.IO.File"));

        /// <summary><c>System.IO.TextReader</c> (the base of <c>StreamReader</c>).</summary>
        public INamedTypeSymbol? TextReader => Lazy(ref textReader, c => c.GetTypeByMetadataName("System.IO.TextReader"));

        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
        public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var t = type; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="method"/> is a TorchSharp <c>Optimizer.step</c> (or an override).</summary>
        public bool IsOptimizerStep(IMethodSymbol? method)
            => method != null && method.Name == "step" && !method.IsStatic && DerivesFrom(method.ContainingType, TorchOptimizer);

        /// <summary>True for <c>Optimizer.zero_grad()</c> and <c>Module.zero_grad()</c>.</summary>
        public bool IsZeroGrad(IMethodSymbol? method)
            => method != null && method.Name == "zero_grad" && !method.IsStatic
               && (DerivesFrom(method.ContainingType, TorchOptimizer) || DerivesFrom(method.ContainingType, TorchNnModule));

        /// <summary>True for <c>Tensor.backward(...)</c>.</summary>
        public bool IsBackward(IMethodSymbol? method)
            => method != null && method.Name == "backward" && !method.IsStatic && TorchSharpTensor != null
               && DerivesFrom(method.ContainingType, TorchSharpTensor);

        /// <summary>
        /// True for a gradient-clipping call: <c>torch.nn.utils.clip_grad_norm_</c> / <c>clip_grad_value_</c>
        /// and every <c>NanGuard.GradientClipping</c> method.
        /// </summary>
        public bool IsGradientClipping(IMethodSymbol? method)
        {
            if (method is null)
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (TorchNnUtils != null && SymbolEqualityComparer.Default.Equals(type, TorchNnUtils))
            {
                return method.Name == "clip_grad_norm_" || method.Name == "clip_grad_value_";
            }

            return NanGuardGradientClipping != null && SymbolEqualityComparer.Default.Equals(type, NanGuardGradientClipping);
        }
    }
}

using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace NanAnalyzers.Tests.Verification
{
    /// <summary>
    /// The assemblies test code is compiled against: the real .NET 8 reference assemblies, the real
    /// TorchSharp 0.107.0 and MathNet.Numerics 5.0.0 packages (and ML.NET 5.0.1 where a test asks for
    /// it), and the real NanGuard assembly built by this solution. Never hand-written stand-ins.
    /// </summary>
    public static class TestReferences
    {
        /// <summary>.NET 8 + TorchSharp + MathNet.Numerics.</summary>
        public static readonly ReferenceAssemblies Default = ReferenceAssemblies.Net.Net80.AddPackages(ImmutableArray.Create(
            new PackageIdentity("TorchSharp", "0.107.0"),
            new PackageIdentity("MathNet.Numerics", "5.0.0")));

        /// <summary><see cref="Default"/> plus ML.NET 5.0.1.</summary>
        public static readonly ReferenceAssemblies WithMLNet = Default.AddPackages(ImmutableArray.Create(
            new PackageIdentity("Microsoft.ML", "5.0.1")));

        /// <summary><see cref="WithMLNet"/> plus the trainers ML.NET ships in their own packages (FastTree, LightGBM).</summary>
        public static readonly ReferenceAssemblies WithMLNetTrainers = WithMLNet.AddPackages(ImmutableArray.Create(
            new PackageIdentity("Microsoft.ML.FastTree", "5.0.1"),
            new PackageIdentity("Microsoft.ML.LightGbm", "5.0.1")));

        private static readonly Lazy<MetadataReference> NanGuardReference = new Lazy<MetadataReference>(() =>
        {
            // The test project references NanGuard, so its net8.0 build is copied next to the tests.
            var path = Path.Combine(AppContext.BaseDirectory, "NanGuard.dll");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException("NanGuard.dll was not found next to the tests: " + path);
            }

            return MetadataReference.CreateFromFile(path);
        });

        /// <summary>The real NanGuard assembly, for code that calls the runtime library.</summary>
        public static MetadataReference NanGuard => NanGuardReference.Value;
    }
}

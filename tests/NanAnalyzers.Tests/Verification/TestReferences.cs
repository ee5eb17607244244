using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace NanAnalyzers.Tests.Verification
{
    /// <summary>
    /// The assemblies test code is compiled against: the real .NET 8 reference assemblies, and the real
    /// TorchSharp 0.107.0, MathNet.Numerics 5.0.0 and (where a test asks for it) ML.NET 5.0.1 assemblies,
    /// plus the real NanGuard assembly built by this solution. Never hand-written stand-ins.
    /// </summary>
    /// <remarks>
    /// The packages are restored by this test project (PackageReference) and taken from the test output
    /// folder. Resolving TorchSharp through <c>ReferenceAssemblies.AddPackages</c> was tried first: in a
    /// process that finds an empty package cache it silently drops TorchSharp.dll (only a second process
    /// sees it), which would make the first CI run fail.
    /// </remarks>
    public static class TestReferences
    {
        /// <summary>The .NET 8 reference assemblies (the package assemblies are added by <see cref="Packages"/>).</summary>
        public static readonly ReferenceAssemblies Default = ReferenceAssemblies.Net.Net80;

        /// <summary>Same framework as <see cref="Default"/>; ML.NET is added by <see cref="Packages"/>.</summary>
        public static readonly ReferenceAssemblies WithMLNet = Default;

        private static readonly Lazy<ImmutableArray<MetadataReference>> Common = new Lazy<ImmutableArray<MetadataReference>>(
            () => FromOutput(name => name == "TorchSharp.dll" || name == "MathNet.Numerics.dll"));

        private static readonly Lazy<ImmutableArray<MetadataReference>> MLNet = new Lazy<ImmutableArray<MetadataReference>>(
            () => FromOutput(name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal) && name.EndsWith(".dll", StringComparison.Ordinal)));

        private static readonly Lazy<MetadataReference> NanGuardReference = new Lazy<MetadataReference>(
            () => FromOutput(name => name == "NanGuard.dll").Single());

        /// <summary>The real NanGuard assembly, for code that calls the runtime library.</summary>
        public static MetadataReference NanGuard => NanGuardReference.Value;

        /// <summary>TorchSharp and MathNet.Numerics, and ML.NET when <paramref name="withMLNet"/>.</summary>
        public static ImmutableArray<MetadataReference> Packages(bool withMLNet)
            => withMLNet ? Common.Value.AddRange(MLNet.Value) : Common.Value;

        /// <summary>
        /// Every reference a test compilation needs, for tests that build a <c>CSharpCompilation</c> themselves
        /// (the range-analysis tests): the framework, the packages and, when asked, NanGuard.
        /// </summary>
        public static async Task<ImmutableArray<MetadataReference>> ResolveAllAsync(bool withMLNet = false, bool withNanGuard = false, CancellationToken cancellationToken = default)
        {
            var framework = await Default.ResolveAsync(LanguageNames.CSharp, cancellationToken).ConfigureAwait(false);
            var all = framework.AddRange(Packages(withMLNet));
            return withNanGuard ? all.Add(NanGuard) : all;
        }

        private static ImmutableArray<MetadataReference> FromOutput(Func<string, bool> select)
        {
            var folder = AppContext.BaseDirectory;
            var files = Directory.GetFiles(folder, "*.dll").Where(f => select(Path.GetFileName(f))).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new InvalidOperationException("The expected package assemblies were not found next to the tests in " + folder);
            }

            return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
        }
    }
}

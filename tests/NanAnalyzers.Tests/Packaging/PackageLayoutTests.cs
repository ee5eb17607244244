using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Packaging
{
    /// <summary>
    /// The two packages the build produces (GeneratePackageOnBuild, into <c>artifacts/packages</c>) have the
    /// layout a consumer relies on.
    /// </summary>
    public class PackageLayoutTests
    {
        private static string FindPackage(string id)
        {
            var folder = RepositoryPaths.Combine("artifacts", "packages");
            var version = typeof(Descriptors).Assembly.GetName().Version!;
            var path = Path.Combine(folder, $"{id}.{version.Major}.{version.Minor}.{version.Build}.nupkg");
            Assert.True(File.Exists(path), path + " is missing: build the solution (dotnet build NanAnalyzers.sln) to produce the packages");
            return path;
        }

        private static string[] Entries(ZipArchive zip) => zip.Entries.Select(e => e.FullName).ToArray();

        private static XElement Nuspec(ZipArchive zip)
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
            using var stream = entry.Open();
            return XDocument.Load(stream).Root!;
        }

        private static string[] AssemblyReferences(ZipArchive zip, string entryName)
        {
            using var stream = zip.GetEntry(entryName)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new PEReader(copy);
            var md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToArray();
        }

        private static void AssertPresets(string[] entries, string props)
        {
            Assert.Contains(props, entries);
            Assert.Contains("config/NanAnalyzers.default.globalconfig", entries);
            Assert.Contains("config/NanAnalyzers.strict.globalconfig", entries);
        }

        [Fact]
        public void NanAnalyzersPackageHoldsTheAnalyzersAndFixesOnly()
        {
            using var zip = ZipFile.OpenRead(FindPackage("NanAnalyzers"));
            var entries = Entries(zip);
            Assert.Contains("analyzers/dotnet/cs/NanAnalyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/NanAnalyzers.CodeFixes.dll", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
            Assert.Contains("README.md", entries);
            AssertPresets(entries, "build/NanAnalyzers.props");

            var nuspec = Nuspec(zip);
            var ns = nuspec.Name.Namespace;
            var metadata = nuspec.Element(ns + "metadata")!;
            Assert.Equal("NanAnalyzers", metadata.Element(ns + "id")!.Value);
            Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
            Assert.Empty(metadata.Descendants(ns + "dependency"));
        }

        [Fact]
        public void AnalyzerAssemblyDoesNotReferenceWorkspaces()
        {
            using var zip = ZipFile.OpenRead(FindPackage("NanAnalyzers"));
            var refs = AssemblyReferences(zip, "analyzers/dotnet/cs/NanAnalyzers.dll");
            Assert.Contains("Microsoft.CodeAnalysis", refs);
            Assert.DoesNotContain(refs, r => r.Contains("Workspaces", StringComparison.Ordinal));
            var fixRefs = AssemblyReferences(zip, "analyzers/dotnet/cs/NanAnalyzers.CodeFixes.dll");
            Assert.Contains("Microsoft.CodeAnalysis.Workspaces", fixRefs);
        }

        [Fact]
        public void NanGuardPackageHoldsTheLibraryForBothTargetsAndCarriesTheAnalyzers()
        {
            using var zip = ZipFile.OpenRead(FindPackage("NanGuard"));
            var entries = Entries(zip);
            foreach (var tfm in new[] { "netstandard2.0", "net8.0" })
            {
                Assert.Contains($"lib/{tfm}/NanGuard.dll", entries);
                Assert.Contains($"lib/{tfm}/NanGuard.xml", entries);
            }

            Assert.Contains("analyzers/dotnet/cs/NanAnalyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/NanAnalyzers.CodeFixes.dll", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("NanAnalyzers", StringComparison.Ordinal));
            AssertPresets(entries, "build/NanGuard.props");
            Assert.Contains("buildTransitive/NanGuard.props", entries);

            var nuspec = Nuspec(zip);
            var ns = nuspec.Name.Namespace;
            var dependencies = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Distinct().OrderBy(d => d, StringComparer.Ordinal).ToArray();
            Assert.Equal(new[] { "MathNet.Numerics", "System.Numerics.Tensors" }, dependencies);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// What the benchmark compiles the corpus against: the .NET reference pack of the SDK that runs the
    /// benchmarks (<c>packs/Microsoft.NETCore.App.Ref/&lt;newest&gt;/ref/net*</c>, found from the running
    /// runtime's dotnet root), falling back to the runtime's own assemblies when no reference pack is
    /// installed, plus TorchSharp, MathNet.Numerics and NanGuard from this program's output folder.
    /// </summary>
    public static class CorpusReferences
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> AllValue = new Lazy<ImmutableArray<MetadataReference>>(Load);

        /// <summary>Where the framework references came from (printed by the benchmark).</summary>
        public static string FrameworkSource { get; private set; } = string.Empty;

        public static ImmutableArray<MetadataReference> All => AllValue.Value;

        private static ImmutableArray<MetadataReference> Load()
        {
            var files = new List<string>(FrameworkAssemblies());
            foreach (var name in new[] { "TorchSharp.dll", "MathNet.Numerics.dll", "NanGuard.dll" })
            {
                var path = Path.Combine(AppContext.BaseDirectory, name);
                if (!File.Exists(path))
                {
                    throw new InvalidOperationException(name + " was not found next to the benchmarks in " + AppContext.BaseDirectory);
                }

                files.Add(path);
            }

            return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
        }

        private static IEnumerable<string> FrameworkAssemblies()
        {
            // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var root = Directory.GetParent(runtimeDir)?.Parent?.Parent?.FullName;
            var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (root != null)
            {
                var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
                if (Directory.Exists(packs))
                {
                    var version = Directory.GetDirectories(packs)
                        .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                        .Where(x => x.Version != null && x.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) == major)
                        .OrderByDescending(x => x.Version)
                        .Select(x => x.Dir)
                        .FirstOrDefault();
                    var refDir = version == null ? null : Path.Combine(version, "ref", "net" + major + ".0");
                    if (refDir != null && Directory.Exists(refDir))
                    {
                        FrameworkSource = refDir;
                        return Directory.GetFiles(refDir, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList();
                    }
                }
            }

            FrameworkSource = runtimeDir + " (runtime assemblies: no reference pack found)";
            return Directory.GetFiles(runtimeDir, "*.dll")
                .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "mscorlib.dll" or "netstandard.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("System.Private.", StringComparison.Ordinal) || Path.GetFileName(f) == "System.Private.CoreLib.dll")
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }
    }
}

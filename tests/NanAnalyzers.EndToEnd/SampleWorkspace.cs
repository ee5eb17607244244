using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NanAnalyzers.EndToEnd
{
    /// <summary>
    /// A temporary copy of one sample, wired to this repository's analyzers and NanGuard exactly as the
    /// sample in the repository is, so that fixing it never touches the repository.
    /// </summary>
    public sealed class SampleWorkspace
    {
        private SampleWorkspace(string name, string root, string projectDirectory)
        {
            Name = name;
            Root = root;
            ProjectDirectory = projectDirectory;
        }

        public string Name { get; }

        public string Root { get; }

        public string ProjectDirectory { get; }

        public string ProjectFile => Path.Combine(ProjectDirectory, Name + ".csproj");

        public static SampleWorkspace Create(string name)
        {
            var repo = Sdk.RepositoryRoot;
            var root = Sdk.NewTempDirectory("nan-e2e-" + name);
            var samples = Path.Combine(root, "samples");
            var project = Path.Combine(samples, name);
            Sdk.CopyDirectory(Path.Combine(repo, "samples", name), project);
            File.WriteAllText(
                Path.Combine(samples, "Directory.Build.props"),
                $"<Project>\n  <Import Project=\"{Path.Combine(repo, "samples", "Directory.Build.props")}\" />\n</Project>\n");
            File.WriteAllText(
                Path.Combine(root, "Directory.Packages.props"),
                $"<Project>\n  <Import Project=\"{Path.Combine(repo, "Directory.Packages.props")}\" />\n</Project>\n");
            var csproj = Path.Combine(project, name + ".csproj");
            var text = File.ReadAllText(csproj).Replace("..\\..\\src\\", Path.Combine(repo, "src") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            File.WriteAllText(csproj, text);
            return new SampleWorkspace(name, root, project);
        }

        /// <summary>The diagnostics the sample's README promises, from <c>expected-diagnostics.txt</c> (<c>NAN301 Program.cs:120</c>).</summary>
        public static IReadOnlyList<string> ExpectedDiagnostics(string name)
            => File.ReadAllLines(Path.Combine(Sdk.RepositoryRoot, "samples", name, "expected-diagnostics.txt"))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .ToList();

        public CommandResult Build(params string[] extra)
            => Sdk.Dotnet(ProjectDirectory, null, new[] { "build", ProjectFile, "-c", Sdk.Configuration, "--no-incremental", "-nologo" }.Concat(extra).ToArray());

        public CommandResult Format(IEnumerable<string> ids)
            => Sdk.Format(ProjectDirectory, ProjectFile, Sdk.Configuration, ids);

        public CommandResult Run()
            => Sdk.Dotnet(ProjectDirectory, null, "run", "--project", ProjectFile, "-c", Sdk.Configuration, "--no-build");

        public void Delete()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace NanAnalyzers.EndToEnd
{
    /// <summary>
    /// The packed packages, consumed as a user would: a fresh project outside the repository references
    /// <c>NanGuard</c> (or the analyzer-only <c>NanAnalyzers</c>) from the folder the build packed them into,
    /// builds with the warnings, is fixed by <c>dotnet format analyzers</c>, rebuilds clean and runs finite.
    /// </summary>
    public class PackageConsumerTests
    {
        private static string PackageFolder => Path.Combine(Sdk.RepositoryRoot, "artifacts", "packages");

        private static string PackageVersion(string id)
        {
            var version = typeof(PackageConsumerTests).Assembly.GetName().Version!;
            var expected = $"{version.Major}.{version.Minor}.{version.Build}";
            Assert.True(File.Exists(Path.Combine(PackageFolder, $"{id}.{expected}.nupkg")), $"{id}.{expected}.nupkg is missing from {PackageFolder}: build the solution first");
            return expected;
        }

        private static string CreateConsumer(string packageId, string programText)
        {
            var root = Sdk.NewTempDirectory("nan-consumer-" + packageId);
            File.WriteAllText(Path.Combine(root, "nuget.config"), $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <config>
    <add key=""globalPackagesFolder"" value=""{Path.Combine(root, "packages")}"" />
  </config>
  <packageSources>
    <clear />
    <add key=""local"" value=""{PackageFolder}"" />
    <add key=""nuget.org"" value=""https://api.nuget.org/v3/index.json"" />
  </packageSources>
</configuration>
");
            File.WriteAllText(Path.Combine(root, "Consumer.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""{packageId}"" Version=""{PackageVersion(packageId)}"" />
  </ItemGroup>
</Project>
");
            File.WriteAllText(Path.Combine(root, "Program.cs"), programText);
            return root;
        }

        private static void BuildFixRun(string root, IReadOnlyCollection<string> expectedIds, string finiteLabel)
        {
            var project = Path.Combine(root, "Consumer.csproj");
            try
            {
                var build = Sdk.Dotnet(root, null, "build", project, "-c", "Release", "-nologo");
                Assert.True(build.ExitCode == 0, build.ToString());
                var ids = Sdk.Diagnostics(build.Output, root).Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal)).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
                Assert.True(expectedIds.OrderBy(i => i, StringComparer.Ordinal).SequenceEqual(ids), "expected " + string.Join(",", expectedIds) + ", got " + string.Join(",", ids) + "\n" + build.Output);

                var format = Sdk.Format(root, project, "Release", expectedIds);
                Assert.True(format.ExitCode == 0, format.ToString());

                var rebuild = Sdk.Dotnet(root, null, "build", project, "-c", "Release", "-nologo", "--no-incremental");
                Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
                var left = Sdk.Diagnostics(rebuild.Output, root).Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal) || d.Severity == "error").Select(d => d.Key).ToList();
                Assert.True(left.Count == 0, "left after the fixes: " + string.Join(", ", left) + "\n" + File.ReadAllText(Path.Combine(root, "Program.cs")));

                var run = Sdk.Dotnet(root, null, "run", "--project", project, "-c", "Release", "--no-build");
                Assert.True(run.ExitCode == 0, run.ToString());
                var value = Finite.LastValue(run.Output, finiteLabel);
                Assert.True(value.HasValue && double.IsFinite(value.Value), run.ToString());
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        [Fact]
        public void NanGuardPackageBringsTheAnalyzersAndTheFixedSeedSampleRunsFinite()
        {
            var program = File.ReadAllText(Path.Combine(Sdk.RepositoryRoot, "samples", "SeedRegression", "Program.cs"));
            var expectedIds = SampleWorkspace.ExpectedDiagnostics("SeedRegression").Select(e => e.Split(' ')[0]).Distinct(StringComparer.Ordinal).ToList();
            BuildFixRun(CreateConsumer("NanGuard", program), expectedIds, "final loss:");
        }

        [Fact]
        public void AnalyzerOnlyPackageFindsAndFixesWithInlineGuards()
        {
            const string program = @"using System;
using System.Globalization;

public static class Program
{
    public static int Main()
    {
        var rng = new Random(7);
        double total = 0;
        for (int i = 0; i < 100000; i++)
        {
            // log(0) is -Infinity: NextDouble() can return exactly 0.
            total += Math.Log(rng.NextDouble());
        }

        if (total == double.NaN)
        {
            return 1;
        }

        Console.WriteLine(""total: "" + total.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
";
            BuildFixRun(CreateConsumer("NanAnalyzers", program), new[] { "NAN101", "NAN301" }, "total:");
        }
    }
}

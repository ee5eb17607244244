using System;
using System.Linq;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NanAnalyzers.EndToEnd
{
    /// <summary>
    /// Each sample, in a temporary copy, through the real SDK: the build shows exactly the promised
    /// diagnostics and fails with warnings as errors; <c>dotnet format analyzers</c> applies the fixes; the
    /// rebuild is clean; and the runnable samples, which end in NaN as written, end finite once fixed.
    /// </summary>
    public class SampleTests
    {
        public static TheoryData<string, string?> Samples() => new TheoryData<string, string?>
        {
            { "SeedRegression", "final loss:" },
            { "TorchSharpTraining", null },
            { "MLNetTraining", "RMSE:" },
        };

        [Theory]
        [MemberData(nameof(Samples))]
        public void SampleShowsItsDiagnosticsIsFixedAndThenEndsFinite(string name, string? finiteLabel)
        {
            var expected = SampleWorkspace.ExpectedDiagnostics(name);
            var workspace = SampleWorkspace.Create(name);
            try
            {
                var build = workspace.Build();
                Assert.True(build.ExitCode == 0, build.ToString());
                var actual = Sdk.Diagnostics(build.Output, workspace.ProjectDirectory)
                    .Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal))
                    .Select(d => d.Key)
                    .ToList();
                Assert.True(expected.SequenceEqual(actual), "expected:\n" + string.Join("\n", expected) + "\nactual:\n" + string.Join("\n", actual) + "\n" + build.Output);

                if (finiteLabel != null)
                {
                    var before = workspace.Run();
                    var value = Finite.LastValue(before.Output, finiteLabel);
                    Assert.True(before.ExitCode != 0 || (value.HasValue && !double.IsFinite(value.Value)), "the sample as written should end in NaN/Inf: " + before);
                }

                var strict = workspace.Build("-p:TreatWarningsAsErrors=true");
                Assert.True(strict.ExitCode != 0, "with warnings as errors the build must fail: " + strict);
                Assert.Contains("error NAN", strict.Output, StringComparison.Ordinal);

                var ids = expected.Select(e => e.Split(' ')[0]).Distinct(StringComparer.Ordinal).ToList();
                var format = workspace.Format(ids);
                Assert.True(format.ExitCode == 0, format.ToString());

                var rebuild = workspace.Build();
                Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
                var left = Sdk.Diagnostics(rebuild.Output, workspace.ProjectDirectory)
                    .Where(d => d.Id.StartsWith("NAN", StringComparison.Ordinal) || d.Severity == "error")
                    .Select(d => d.Severity + " " + d.Key)
                    .ToList();
                Assert.True(left.Count == 0, "left after the fixes:\n" + string.Join("\n", left) + "\n" + rebuild.Output);

                if (finiteLabel != null)
                {
                    var run = workspace.Run();
                    Assert.True(run.ExitCode == 0, run.ToString());
                    var value = Finite.LastValue(run.Output, finiteLabel);
                    Assert.True(value.HasValue && double.IsFinite(value.Value), "the fixed sample must end finite: " + run);
                }
            }
            finally
            {
                workspace.Delete();
            }
        }
    }
}

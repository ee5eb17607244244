using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace NanAnalyzers.EndToEnd
{
    /// <summary>The configuration this assembly was built in; the samples are built in the same one.</summary>
    [AttributeUsage(AttributeTargets.Assembly)]
    public sealed class BuildConfigurationAttribute : Attribute
    {
        public BuildConfigurationAttribute(string configuration) => Configuration = configuration;

        public string Configuration { get; }
    }

    /// <summary>The outcome of one <c>dotnet</c> command.</summary>
    public sealed record CommandResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"`{Command}` exited with {ExitCode}:\n{Output}";
    }

    /// <summary>A diagnostic as MSBuild prints it: <c>path(line,col): warning NAN301: message [project]</c>.</summary>
    public sealed record BuildDiagnostic(string Id, string File, int Line, string Severity)
    {
        public string Key => $"{Id} {File}:{Line}";
    }

    /// <summary>Runs the real .NET SDK.</summary>
    public static class Sdk
    {
        public static string Configuration => typeof(Sdk).Assembly.GetCustomAttribute<BuildConfigurationAttribute>()?.Configuration ?? "Debug";

        public static string RepositoryRoot { get; } = FindRoot();

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NanAnalyzers.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("NanAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }

        public static CommandResult Dotnet(string workingDirectory, IDictionary<string, string>? environment, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            // The outer `dotnet test` may hold node processes; ours must not outlive the command.
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            if (environment != null)
            {
                foreach (var pair in environment)
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) { lock (output) { output.AppendLine(e.Data); } } };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet " + string.Join(" ", arguments) + " did not finish in 10 minutes");
            }

            process.WaitForExit();
            return new CommandResult("dotnet " + string.Join(" ", arguments), process.ExitCode, output.ToString());
        }

        /// <summary>
        /// <c>dotnet format analyzers</c> over <paramref name="project"/>. dotnet format has no configuration switch and
        /// loads the workspace in Debug; the <c>Configuration</c> environment variable makes it load the configuration
        /// that was built, so it runs the analyzer assemblies that build produced.
        /// </summary>
        public static CommandResult Format(string workingDirectory, string project, string configuration, IEnumerable<string> ids)
            => Dotnet(
                workingDirectory,
                new Dictionary<string, string> { ["Configuration"] = configuration },
                new[] { "format", "analyzers", project, "--diagnostics" }.Concat(ids).Concat(new[] { "--severity", "info", "--no-restore" }).ToArray());

        private static readonly Regex DiagnosticLine = new Regex(
            @"^\s*(?<file>[^\s(][^(\r\n]*)\((?<line>\d+),(?<col>\d+)\): (?<severity>warning|error|info) (?<id>[A-Z]+\d+):",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        /// <summary>The distinct diagnostics a build printed (MSBuild repeats them in its summary).</summary>
        public static IReadOnlyList<BuildDiagnostic> Diagnostics(string output, string projectDirectory)
        {
            var result = new Dictionary<string, BuildDiagnostic>(StringComparer.Ordinal);
            foreach (Match m in DiagnosticLine.Matches(output))
            {
                var file = m.Groups["file"].Value.Trim();
                var relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
                var d = new BuildDiagnostic(m.Groups["id"].Value, relative, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["severity"].Value);
                result[d.Severity + " " + d.Key] = d;
            }

            return result.Values.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        }

        public static void CopyDirectory(string source, string destination)
        {
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
            }

            foreach (var dir in Directory.GetDirectories(source))
            {
                var name = Path.GetFileName(dir);
                if (name == "bin" || name == "obj")
                {
                    continue;
                }

                CopyDirectory(dir, Path.Combine(destination, name));
            }
        }

        /// <summary>A fresh, empty temporary folder.</summary>
        public static string NewTempDirectory(string prefix)
        {
            var path = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(path);
            return path;
        }
    }
}

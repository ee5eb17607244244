using System;
using System.IO;

namespace NanAnalyzers.Tests.Verification
{
    /// <summary>Paths inside the repository the tests run from.</summary>
    public static class RepositoryPaths
    {
        private static readonly Lazy<string> RootValue = new Lazy<string>(() =>
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NanAnalyzers.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("NanAnalyzers.sln was not found above " + AppContext.BaseDirectory);
        });

        /// <summary>The folder that holds <c>NanAnalyzers.sln</c>.</summary>
        public static string Root => RootValue.Value;

        public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
    }
}

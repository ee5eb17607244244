using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Docs
{
    /// <summary>Every rule has its page, its help link, its release row and its README row, and they agree with the descriptor.</summary>
    public class DocumentationTests
    {
        public static TheoryData<string> RuleIds()
        {
            var data = new TheoryData<string>();
            foreach (var d in RuleCatalog.Descriptors())
            {
                data.Add(d.Id);
            }

            return data;
        }

        [Fact]
        public void EveryDescriptorIsReportedByAnAnalyzer()
        {
            var reported = RuleCatalog.ReportedIds();
            var orphans = RuleCatalog.Descriptors().Where(d => !reported.Contains(d.Id)).Select(d => d.Id).ToList();
            Assert.True(orphans.Count == 0, "Descriptors no analyzer reports: " + string.Join(", ", orphans));
        }

        [Fact]
        public void EveryReportedDiagnosticIsADescriptorOfTheCatalog()
        {
            var ids = RuleCatalog.Descriptors().Select(d => d.Id).ToHashSet();
            var unknown = RuleCatalog.ReportedIds().Where(id => !ids.Contains(id)).ToList();
            Assert.True(unknown.Count == 0, "Reported IDs that are not in Descriptors: " + string.Join(", ", unknown));
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RuleHasItsPageWithTheRequiredSections(string id)
        {
            var descriptor = RuleCatalog.Descriptors().Single(d => d.Id == id);
            var path = RepositoryPaths.Combine("docs", "rules", id + ".md");
            Assert.True(File.Exists(path), "missing " + path);
            var text = File.ReadAllText(path);
            Assert.Contains(id, text, StringComparison.Ordinal);
            Assert.Contains(descriptor.Title.ToString(), text, StringComparison.Ordinal);
            Assert.Contains(descriptor.Category, text, StringComparison.Ordinal);
            foreach (var section in new[] { "Cause", "Why", "How to fix", "When to suppress", "Example", "Configuration" })
            {
                Assert.True(Regex.IsMatch(text, "^#+ .*" + Regex.Escape(section), RegexOptions.Multiline | RegexOptions.IgnoreCase), id + ".md has no section '" + section + "'");
            }

            Assert.Contains("dotnet_diagnostic." + id + ".severity", text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void HelpLinkPointsToThePageInThisRepository(string id)
        {
            var descriptor = RuleCatalog.Descriptors().Single(d => d.Id == id);
            Assert.Equal(Descriptors.RepositoryUrl + "/blob/main/docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void RuleHasItsReleaseTrackingRow(string id)
        {
            var descriptor = RuleCatalog.Descriptors().Single(d => d.Id == id);
            var rows = File.ReadAllLines(RepositoryPaths.Combine("src", "NanAnalyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(RepositoryPaths.Combine("src", "NanAnalyzers", "AnalyzerReleases.Shipped.md")))
                .Where(l => l.StartsWith(id + " ", StringComparison.Ordinal))
                .ToList();
            var row = Assert.Single(rows);
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(descriptor.Category, cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        }

        [Theory]
        [MemberData(nameof(RuleIds))]
        public void PresetsSetEveryRule(string id)
        {
            var descriptor = RuleCatalog.Descriptors().Single(d => d.Id == id);
            var expectedDefault = descriptor.DefaultSeverity switch
            {
                Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
                Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
                Microsoft.CodeAnalysis.DiagnosticSeverity.Info => "suggestion",
                _ => "silent",
            };
            Assert.Contains($"dotnet_diagnostic.{id}.severity = {expectedDefault}\n", Preset("default"), StringComparison.Ordinal);
            Assert.Contains($"dotnet_diagnostic.{id}.severity = warning\n", Preset("strict"), StringComparison.Ordinal);
        }

        private static string Preset(string name)
            => File.ReadAllText(RepositoryPaths.Combine("src", "NanAnalyzers.Package", "config", "NanAnalyzers." + name + ".globalconfig")).Replace("\r\n", "\n", StringComparison.Ordinal);

        [Fact]
        public void ReadmeRulesTableMatchesTheDescriptors()
        {
            var readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
            var match = Regex.Match(readme, "<!-- rules -->\n(.*?)\n<!-- /rules -->", RegexOptions.Singleline);
            Assert.True(match.Success, "README.md has no <!-- rules --> ... <!-- /rules --> table");
            var expected = RuleCatalog.RenderReadmeTable();
            Assert.True(expected == match.Groups[1].Value.Trim(), "The README rules table drifted from the descriptors. Expected:\n" + expected);
        }
    }
}

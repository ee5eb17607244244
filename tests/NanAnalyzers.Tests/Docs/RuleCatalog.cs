using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanAnalyzers.Tests.Docs
{
    /// <summary>What the shipped assemblies declare: every descriptor, which analyzer reports it, which fixer fixes it.</summary>
    public static class RuleCatalog
    {
        public static readonly Assembly AnalyzerAssembly = typeof(Descriptors).Assembly;

        public static readonly Assembly CodeFixAssembly = typeof(NanAnalyzers.CodeFixes.Common.FixUtilities).Assembly;

        /// <summary>Every public static descriptor field of <see cref="Descriptors"/>, by ID.</summary>
        public static ImmutableArray<DiagnosticDescriptor> Descriptors()
            => typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers()
            => AnalyzerAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        public static ImmutableArray<CodeFixProvider> Fixers()
            => CodeFixAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() != null)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>IDs that some analyzer reports.</summary>
        public static ISet<string> ReportedIds()
            => new HashSet<string>(Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id), StringComparer.Ordinal);

        /// <summary>IDs that some fixer fixes.</summary>
        public static ISet<string> FixableIds()
            => new HashSet<string>(Fixers().SelectMany(f => f.FixableDiagnosticIds), StringComparer.Ordinal);

        /// <summary>The README rules table, generated from the descriptors and fixers.</summary>
        public static string RenderReadmeTable()
        {
            var fixable = FixableIds();
            var lines = new List<string>
            {
                "| ID | Category | Title | Default severity | Code fix |",
                "|----|----------|-------|------------------|----------|",
            };
            foreach (var d in Descriptors())
            {
                lines.Add($"| [{d.Id}](docs/rules/{d.Id}.md) | {d.Category} | {d.Title} | {d.DefaultSeverity} | {(fixable.Contains(d.Id) ? "yes" : "no")} |");
            }

            return string.Join("\n", lines);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// Every analyzer that is measured, found by reflection: each non-abstract <see cref="DiagnosticAnalyzer"/>
    /// with <c>[DiagnosticAnalyzer(LanguageNames.CSharp)]</c> in the NanAnalyzers assembly, and the analyzers
    /// of Microsoft.CodeAnalysis.NetAnalyzers that support CA2242 (the peer yardstick).
    /// </summary>
    public static class AnalyzerCatalog
    {
        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> NanValue = new Lazy<ImmutableArray<DiagnosticAnalyzer>>(
            () => Discover(Assembly.Load(new AssemblyName("NanAnalyzers"))));

        private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Ca2242Value = new Lazy<ImmutableArray<DiagnosticAnalyzer>>(LoadCa2242);

        /// <summary>The rule families, by the first digit of the rule number.</summary>
        public static readonly IReadOnlyDictionary<string, string> Families = new Dictionary<string, string>
        {
            ["Domain"] = "NAN1",
            ["Stability"] = "NAN2",
            ["Comparison"] = "NAN3",
            ["Training"] = "NAN4",
        };

        /// <summary>Every NanAnalyzers analyzer.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> NanAnalyzers => NanValue.Value;

        /// <summary>The NetAnalyzers analyzer(s) supporting CA2242, from the package's analyzers/dotnet/cs folder.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Ca2242 => Ca2242Value.Value;

        /// <summary>The analyzers supporting at least one rule of <paramref name="family"/> (an analyzer of several families counts in each).</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Family(string family)
        {
            var prefix = Families[family];
            return NanAnalyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id.StartsWith(prefix, StringComparison.Ordinal))).ToImmutableArray();
        }

        /// <summary>The non-abstract C# analyzers of <paramref name="assembly"/>, instantiated, ordered by name.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Discover(Assembly assembly)
        {
            return LoadableTypes(assembly)
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
                .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>(false).Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();
        }

        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                // NetAnalyzers also holds code fixers, which need Workspaces: only the analyzers are wanted.
                return e.Types.Where(t => t != null).Select(t => t!);
            }
        }

        private static ImmutableArray<DiagnosticAnalyzer> LoadCa2242()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "netanalyzers");
            var result = new List<DiagnosticAnalyzer>();
            foreach (var file in Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                var assembly = Assembly.LoadFrom(file);
                foreach (var type in LoadableTypes(assembly))
                {
                    if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null
                        || !type.GetCustomAttributes<DiagnosticAnalyzerAttribute>(false).Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                    {
                        continue;
                    }

                    DiagnosticAnalyzer analyzer;
                    try
                    {
                        analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
                        if (!analyzer.SupportedDiagnostics.Any(d => d.Id == "CA2242"))
                        {
                            continue;
                        }
                    }
                    catch (Exception e) when (e is TargetInvocationException || e is TypeLoadException || e is FileNotFoundException)
                    {
                        continue;
                    }

                    result.Add(analyzer);
                }
            }

            if (result.Count == 0)
            {
                throw new InvalidOperationException("No analyzer supporting CA2242 was found in " + folder);
            }

            return result.ToImmutableArray();
        }
    }

    /// <summary>An analyzer that registers nothing: the cost of the analyzer driver itself.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
            "EMPTY0001", "Empty", "Empty", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
}

namespace NanAnalyzers.Benchmarks
{
    /// <summary>
    /// The floor of any rule written on operations: it asks for the operation kinds the NanAnalyzers rules ask for
    /// (so the driver builds every body's operation tree and walks it) and does nothing with them.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OperationFloorAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
            "FLOOR0001", "Operation floor", "Operation floor", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                _ => { },
                OperationKind.Invocation,
                OperationKind.Binary,
                OperationKind.CompoundAssignment,
                OperationKind.SimpleAssignment,
                OperationKind.VariableDeclarator,
                OperationKind.Loop,
                OperationKind.MethodReference);
        }
    }
}

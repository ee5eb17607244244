using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanAnalyzers.Ranges;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Ranges
{
    /// <summary>
    /// Compiles a small C# source against the real reference assemblies and asks the engine for the range
    /// of every argument of <c>Probe(...)</c> (a static method the harness appends), in source order.
    /// </summary>
    internal static class RangeHarness
    {
        private const string ProbeClass = @"
static class ProbeHost
{
    public static void Probe(double value) { }
    public static void Probe(float value) { }
    public static void Probe(System.Half value) { }
    public static void Probe(TorchSharp.torch.Tensor value) { }
    public static void Probe(MathNet.Numerics.LinearAlgebra.Vector<double> value) { }
}";

        private static readonly SemaphoreSlim Gate = new SemaphoreSlim(1, 1);
        private static ImmutableArray<MetadataReference> references;

        public static async Task<ImmutableArray<MetadataReference>> ReferencesAsync()
        {
            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (references.IsDefault)
                {
                    references = await TestReferences.ResolveAllAsync().ConfigureAwait(false);
                }

                return references;
            }
            finally
            {
                Gate.Release();
            }
        }

        public static async Task<CSharpCompilation> CompileAsync(string source, bool allowErrors = false)
        {
            var tree = CSharpSyntaxTree.ParseText(
                "using System; using System.Linq; using System.Collections.Generic; using static ProbeHost;\n" + source + ProbeClass,
                new CSharpParseOptions(LanguageVersion.CSharp12));
            var compilation = CSharpCompilation.Create(
                "RangeTest" + Guid.NewGuid().ToString("N"),
                new[] { tree },
                await ReferencesAsync().ConfigureAwait(false),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            if (!allowErrors)
            {
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
            }

            return compilation;
        }

        /// <summary>The operations passed to <c>Probe(...)</c>, in source order.</summary>
        public static async Task<IReadOnlyList<(IOperation Operation, MethodRanges Ranges)>> ProbesAsync(string source, bool allowErrors = false)
        {
            var compilation = await CompileAsync(source, allowErrors).ConfigureAwait(false);
            var tree = compilation.SyntaxTrees.Single();
            var model = compilation.GetSemanticModel(tree);
            var result = new List<(IOperation, MethodRanges)>();
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "Probe" } && invocation.ArgumentList.Arguments.Count == 1)
                {
                    var operation = model.GetOperation(invocation.ArgumentList.Arguments[0].Expression);
                    Assert.NotNull(operation);

                    // Rules see the argument's value as the operation tree has it (implicit conversions included).
                    var invocationOperation = model.GetOperation(invocation) as Microsoft.CodeAnalysis.Operations.IInvocationOperation;
                    var value = invocationOperation?.Arguments.FirstOrDefault()?.Value ?? operation!;
                    if (value is Microsoft.CodeAnalysis.Operations.IConversionOperation { IsImplicit: true } conversion
                        && conversion.Operand.Syntax == operation!.Syntax)
                    {
                        value = conversion.Operand;
                    }

                    result.Add((value, MethodRanges.For(value, CancellationToken.None)));
                }
            }

            return result;
        }

        public static async Task<ValueRange> RangeAsync(string source)
        {
            var probes = await ProbesAsync(source).ConfigureAwait(false);
            Assert.Single(probes);
            return probes[0].Ranges.RangeOf(probes[0].Operation);
        }

        /// <summary>A method body wrapped in a class: <c>class C { &lt;members&gt; }</c>.</summary>
        public static Task<ValueRange> RangeInAsync(string members) => RangeAsync("class C {\n" + members + "\n}");

        public static void AssertRange(ValueRange range, double lo, double hi, bool mayBeNaN)
        {
            Assert.True(
                range.Lo.Equals(lo) && range.Hi.Equals(hi) && range.MayBeNaN == mayBeNaN,
                $"expected [{lo:R}, {hi:R}]{(mayBeNaN ? " or NaN" : string.Empty)}, got [{range.Lo:R}, {range.Hi:R}]{(range.MayBeNaN ? " or NaN" : string.Empty)} ({range})");
        }
    }
}

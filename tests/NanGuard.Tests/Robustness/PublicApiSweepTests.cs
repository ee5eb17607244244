using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;
using Xunit.Abstractions;

namespace NanGuard.Tests.Robustness
{
    /// <summary>
    /// Every public static method of every public NanGuard type (found by reflection, so whatever lands is
    /// covered), called with hostile arguments: each parameter in turn takes each hostile value of its type
    /// (NaN, ±inf, ±0, subnormals, ±MaxValue, null, empty, ragged, overflow-prone arrays, "NaN"/"∞"/"1e400"
    /// text, undefined enum values ...) with the others benign, plus seeded random combinations. A call may
    /// only return, or throw an ArgumentException-family exception naming a parameter (FormatException-family
    /// for the parsers); and when no argument holds a NaN, no NaN may come out (result, out value, or a
    /// buffer changed in place). Span parameters cannot be passed by reflection: those overloads are covered
    /// by <see cref="SpanPropertyTests"/>.
    /// </summary>
    public class PublicApiSweepTests
    {
        /// <summary>
        /// Breaches found and reported to the owner of the method, not fixed here (the test must stay green
        /// for CI while they are open). Each entry: the start of the failure text. Keep this list short and
        /// honest: an entry that no longer reproduces is printed and should be removed.
        /// </summary>
        private static readonly string[] KnownIssues =
        {
        };

        private readonly ITestOutputHelper output;

        public PublicApiSweepTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static IEnumerable<MethodInfo> Methods()
            => typeof(SafeMath).Assembly.GetExportedTypes()
                .Where(t => !typeof(Exception).IsAssignableFrom(t))
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition)
                .OrderBy(m => m.DeclaringType!.FullName + "." + m.Name + "(" + string.Join(",", m.GetParameters().Select(p => p.ParameterType.Name)) + ")", StringComparer.Ordinal);

        [Fact]
        public void EveryPublicStaticMethodOnlyThrowsArgumentExceptionsAndNeverMakesNaN()
        {
            var failures = new List<string>();
            var skipped = new List<string>();
            int methods = 0, calls = 0, threw = 0;
            var rng = new Random(20261201);
            foreach (var method in Methods())
            {
                var parameters = method.GetParameters();
                var candidates = new List<IReadOnlyList<object?>>();
                string? unsupported = null;
                foreach (var p in parameters)
                {
                    var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
                    if (p.IsOut)
                    {
                        candidates.Add(new object?[] { null });
                        continue;
                    }

                    var values = type.IsByRefLike ? null : HostileValues.For(type);
                    if (values == null)
                    {
                        unsupported = type.Name;
                        break;
                    }

                    candidates.Add(values);
                }

                if (unsupported != null)
                {
                    skipped.Add(Signature(method) + " (" + unsupported + ")");
                    continue;
                }

                methods++;
                var benign = parameters.Select(p => p.IsOut ? null : HostileValues.BenignFor(p)).ToArray();
                var combinations = new List<object?[]> { benign };
                for (int i = 0; i < parameters.Length; i++)
                {
                    foreach (var value in candidates[i])
                    {
                        var args = (object?[])benign.Clone();
                        args[i] = value;
                        combinations.Add(args);
                    }
                }

                for (int k = 0; k < 60 && parameters.Length > 1; k++)
                {
                    combinations.Add(candidates.Select(c => c[rng.Next(c.Count)]).ToArray());
                }

                foreach (var combination in combinations)
                {
                    calls++;
                    var failure = Call(method, combination, ref threw);
                    if (failure != null)
                    {
                        failures.Add(failure);
                    }
                }
            }

            var known = failures.Where(f => KnownIssues.Any(k => f.StartsWith(k, StringComparison.Ordinal))).ToList();
            var unexpected = failures.Except(known).ToList();
            output.WriteLine($"{methods} methods, {calls} calls, {threw} threw an allowed exception, {failures.Count} breaches ({known.Count} known)");
            output.WriteLine("not swept (span parameters: see SpanPropertyTests): " + string.Join("; ", skipped));
            foreach (var k in KnownIssues.Where(k => !failures.Any(f => f.StartsWith(k, StringComparison.Ordinal))))
            {
                output.WriteLine("known issue no longer reproduces (remove it): " + k);
            }

            foreach (var f in known.Take(50))
            {
                output.WriteLine("known: " + f);
            }

            Assert.True(methods > 0, "no public NanGuard method was found");
            Assert.True(unexpected.Count == 0, unexpected.Count + " breaches:\n" + string.Join("\n", unexpected.Distinct().Take(40)));
        }

        private static string? Call(MethodInfo method, object?[] template, ref int threw)
        {
            var args = template.Select(HostileValues.Clone).ToArray();
            bool inputHasNaN = template.Any(HostileValues.ContainsNaN);
            string call = Signature(method) + " with (" + string.Join(", ", template.Select(HostileValues.Describe)) + ")";
            object? result;
            try
            {
                result = method.Invoke(null, args);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                var inner = e.InnerException;
                if (inner is ArgumentException argument)
                {
                    threw++;
                    var names = method.GetParameters().Select(p => p.Name).Concat(template.OfType<string>()).ToList();
                    // A caller that passes no name (paramName: null or "") gets an exception without one.
                    bool noNameGiven = method.GetParameters().Select((p, i) => (p, i)).Any(x => x.p.Name == "paramName" && string.IsNullOrEmpty(template[x.i] as string));
                    if (string.IsNullOrEmpty(argument.ParamName) ? !noNameGiven : !names.Contains(argument.ParamName))
                    {
                        return $"{call}: {inner.GetType().Name} names no parameter of the call (ParamName '{argument.ParamName}'): {inner.Message}";
                    }

                    return null;
                }

                if (inner is FormatException)
                {
                    threw++;
                    return null;
                }

                return $"{call}: threw {inner.GetType().Name}: {inner.Message}";
            }

            if (inputHasNaN)
            {
                return null;
            }

            if (HostileValues.ContainsNaN(result))
            {
                return $"{call}: returned NaN ({HostileValues.Describe(result)}) from NaN-free input";
            }

            bool succeeded = !(result is bool b) || b;
            var parameters = method.GetParameters();
            for (int i = 0; i < parameters.Length; i++)
            {
                if (parameters[i].IsOut && succeeded && HostileValues.ContainsNaN(args[i]))
                {
                    return $"{call}: out {parameters[i].Name} is NaN from NaN-free input";
                }

                if (!parameters[i].IsOut && HostileValues.ContainsNaN(args[i]))
                {
                    return $"{call}: wrote a NaN into {parameters[i].Name} ({HostileValues.Describe(args[i])}) from NaN-free input";
                }
            }

            return null;
        }

        private static string Signature(MethodInfo m)
            => m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => (p.IsOut ? "out " : string.Empty) + TypeName(p.ParameterType))) + ")";

        private static string TypeName(Type t)
        {
            if (t.IsByRef)
            {
                t = t.GetElementType()!;
            }

            if (!t.IsGenericType)
            {
                return t.Name;
            }

            return t.Name.Substring(0, t.Name.IndexOf('`')) + "<" + string.Join(",", t.GetGenericArguments().Select(TypeName)) + ">";
        }
    }
}

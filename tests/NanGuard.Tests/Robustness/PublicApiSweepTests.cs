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
    /// for the parsers), or an exception type documented with &lt;exception cref&gt; on the method (e.g. the
    /// TrainingGuard's NonFiniteTrainingException); and when no argument holds a NaN, no NaN may come out (result, out value, or a
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

        /// <summary>
        /// The public static methods of every public type, and the public instance methods of the types with a
        /// public parameterless constructor (called on a fresh instance each time, e.g. a new TrainingGuard).
        /// </summary>
        public static IEnumerable<MethodInfo> Methods()
            => typeof(SafeMath).Assembly.GetExportedTypes()
                .Where(t => !typeof(Exception).IsAssignableFrom(t) && !t.IsEnum)
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Concat(t.IsAbstract || t.GetConstructor(Type.EmptyTypes) == null
                        ? Enumerable.Empty<MethodInfo>()
                        : t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && m.Name != "ToString" && m.Name != "GetHashCode" && m.Name != "Equals")
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
                var target = method.IsStatic ? null : Activator.CreateInstance(method.DeclaringType!);
                result = method.Invoke(target, args);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                var inner = e.InnerException;
                if (inner is ArgumentException argument)
                {
                    threw++;
                    // The parameter's own name, or a name the caller passed in (paramName:, name:), possibly null or "".
                    var names = method.GetParameters().Select(p => p.Name).ToList();
                    var passed = template.Select((v, i) => (v, i)).Where(x => method.GetParameters()[x.i].ParameterType == typeof(string)).Select(x => x.v as string).ToList();
                    bool named = argument.ParamName != null && (names.Contains(argument.ParamName) || passed.Contains(argument.ParamName));
                    bool unnamedByCaller = string.IsNullOrEmpty(argument.ParamName) && passed.Any(string.IsNullOrEmpty);
                    if (!named && !unnamedByCaller)
                    {
                        return $"{call}: {inner.GetType().Name} names no parameter of the call (ParamName '{argument.ParamName}'): {inner.Message}";
                    }

                    return null;
                }

                if (inner is FormatException || Documented(method, inner.GetType()))
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

        private static readonly Lazy<Dictionary<string, HashSet<string>>> DocumentedExceptions = new Lazy<Dictionary<string, HashSet<string>>>(() =>
        {
            // The <exception cref="..."/> of each member in NanGuard.xml, by "Type.Method" (overloads together).
            var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var path = System.IO.Path.ChangeExtension(typeof(SafeMath).Assembly.Location, ".xml");
            if (!System.IO.File.Exists(path))
            {
                return result;
            }

            foreach (var member in System.Xml.Linq.XDocument.Load(path).Descendants("member"))
            {
                var name = (string?)member.Attribute("name") ?? string.Empty;
                if (!name.StartsWith("M:", StringComparison.Ordinal))
                {
                    continue;
                }

                var key = name.Substring(2).Split('(')[0];
                if (!result.TryGetValue(key, out var set))
                {
                    result[key] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                foreach (var e in member.Elements("exception"))
                {
                    var cref = (string?)e.Attribute("cref") ?? string.Empty;
                    set.Add(cref.StartsWith("T:", StringComparison.Ordinal) ? cref.Substring(2) : cref);
                }
            }

            return result;
        });

        /// <summary>Whether <paramref name="thrown"/> (or a base type) is documented with <c>&lt;exception&gt;</c> on the method or one of its overloads.</summary>
        private static bool Documented(MethodInfo method, Type thrown)
        {
            if (!DocumentedExceptions.Value.TryGetValue(method.DeclaringType!.FullName + "." + method.Name, out var set))
            {
                return false;
            }

            for (var t = thrown; t != null; t = t.BaseType)
            {
                if (set.Contains(t.FullName!))
                {
                    return true;
                }
            }

            return false;
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

using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>
    /// NAN401: a learning-rate literal (or the constant, field or local holding it) above the threshold of its
    /// optimizer family: TorchSharp <c>torch.optim.*</c>, ML.NET trainers' <c>learningRate</c> arguments and
    /// options, and hand-written updates <c>w[i] -= lr * g[i]</c>. Not flagged when the code clips gradients.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LearningRateAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the customary value the fix writes (round-trip invariant text).</summary>
        public const string CustomaryProperty = "Customary";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN401);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                var state = new State(symbols);
                start.RegisterOperationAction(c => state.AnalyzeInvocation(c), OperationKind.Invocation);
                start.RegisterOperationAction(c => state.AnalyzeOptionAssignment(c), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => state.AnalyzeUpdate(c), OperationKind.CompoundAssignment, OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => state.AnalyzeLocal(c), OperationKind.VariableDeclarator);
                start.RegisterSymbolStartAction(typeStart => state.AnalyzeType(typeStart), SymbolKind.NamedType);
            });
        }

        /// <summary>What a rate is used for: its optimizer family, the customary value, and a name for the message.</summary>
        private readonly struct Use
        {
            public Use(OptimizerFamily family, double customary, string what)
            {
                Family = family;
                Customary = customary;
                What = what;
            }

            public OptimizerFamily Family { get; }

            public double Customary { get; }

            public string What { get; }
        }

        private sealed class State
        {
            private readonly KnownSymbols symbols;
            private readonly ConcurrentDictionary<SyntaxNode, bool> typeClips = new ConcurrentDictionary<SyntaxNode, bool>();

            public State(KnownSymbols symbols)
            {
                this.symbols = symbols;
            }

            /// <summary>A rate written in place: the argument, the option value, or the factor of an update.</summary>
            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                if (context.Operation is IInvocationOperation invocation)
                {
                    var argument = RateArgument(invocation);
                    if (argument?.Value != null)
                    {
                        CheckInPlace(context, argument.Value);
                    }
                }
            }

            public void AnalyzeOptionAssignment(OperationAnalysisContext context)
            {
                if (context.Operation is ISimpleAssignmentOperation assignment && assignment.Value != null && OptionMember(assignment) != null)
                {
                    CheckInPlace(context, assignment.Value);
                }
            }

            public void AnalyzeUpdate(OperationAnalysisContext context)
            {
                var names = NanOptions.GetLearningRateNames(context.Options.AnalyzerConfigOptionsProvider, context.Operation.Syntax.SyntaxTree);
                var update = TrainingCode.AsWeightUpdate(context.Operation, op => IsRateOperand(op, names));
                if (update != null)
                {
                    CheckInPlace(context, update.Rate);
                }
            }

            /// <summary>A rate held by a local: its uses in the method decide.</summary>
            public void AnalyzeLocal(OperationAnalysisContext context)
            {
                if (!(context.Operation is IVariableDeclaratorOperation declarator) || declarator.Symbol is null)
                {
                    return;
                }

                var initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                var root = TrainingCode.Root(declarator);
                if (initializer is null || root is null)
                {
                    return;
                }

                var local = declarator.Symbol;
                var uses = root.Descendants().Where(o => o is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local));
                CheckVariable(context.ReportDiagnostic, context.Compilation, context.Options, context.CancellationToken, local, initializer, uses);
            }

            /// <summary>
            /// A rate held by a field or constant: its uses in the declaring type decide. The initializers and the
            /// references are collected from the operations the driver already built for the type's members (finding them
            /// from the syntax would bind every other member's body again), and judged when the type is complete.
            /// </summary>
            public void AnalyzeType(SymbolStartAnalysisContext context)
            {
                if (!(context.Symbol is INamedTypeSymbol type))
                {
                    return;
                }

                var rates = new ConcurrentDictionary<IFieldSymbol, IOperation>(SymbolEqualityComparer.Default);
                var references = new ConcurrentQueue<IFieldReferenceOperation>();
                var models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
                context.RegisterOperationAction(
                    c =>
                    {
                        if (c.Operation is IFieldInitializerOperation initializer && initializer.Value != null
                            && initializer.InitializedFields.Length == 1
                            && TrainingCode.IsFloating(initializer.InitializedFields[0].Type)
                            && Number(TrainingCode.Unwrap(initializer.Value).ConstantValue) != null)
                        {
                            rates.TryAdd(initializer.InitializedFields[0], initializer.Value);
                            if (initializer.SemanticModel != null)
                            {
                                models.TryAdd(initializer.Syntax.SyntaxTree, initializer.SemanticModel);
                            }
                        }
                    },
                    OperationKind.FieldInitializer);
                context.RegisterOperationAction(
                    c =>
                    {
                        if (c.Operation is IFieldReferenceOperation reference
                            && TrainingCode.IsFloating(reference.Field.Type)
                            && SymbolEqualityComparer.Default.Equals(reference.Field.ContainingType, type))
                        {
                            references.Enqueue(reference);
                        }
                    },
                    OperationKind.FieldReference);
                context.RegisterSymbolEndAction(end =>
                {
                    if (rates.IsEmpty)
                    {
                        return;
                    }

                    // In source order, so that the first use that decides is the same on every run.
                    var ordered = references
                        .Where(r => rates.ContainsKey(r.Field))
                        .Concat(NestedTypeReferences(type, rates, models, end.CancellationToken))
                        .OrderBy(r => r.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal)
                        .ThenBy(r => r.Syntax.SpanStart)
                        .ToList();
                    foreach (var pair in rates.OrderBy(p => p.Value.Syntax.SpanStart))
                    {
                        var field = pair.Key;
                        CheckVariable(end.ReportDiagnostic, end.Compilation, end.Options, end.CancellationToken, field, pair.Value, ordered.Where(r => SymbolEqualityComparer.Default.Equals(r.Field, field)));
                    }
                });
            }

            /// <summary>
            /// The uses of the rate fields inside the type's nested types (their operations belong to other symbols): found
            /// from the syntax of the nested declarations only, where the name is mentioned in a place a rate may be used.
            /// </summary>
            private static System.Collections.Generic.IEnumerable<IFieldReferenceOperation> NestedTypeReferences(
                INamedTypeSymbol type,
                ConcurrentDictionary<IFieldSymbol, IOperation> rates,
                ConcurrentDictionary<SyntaxTree, SemanticModel> models,
                CancellationToken cancellationToken)
            {
                var names = new System.Collections.Generic.HashSet<string>(rates.Keys.Select(f => f.Name), StringComparer.Ordinal);
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
                        || !models.TryGetValue(declaration.SyntaxTree, out var model))
                    {
                        continue;
                    }

                    foreach (var nested in declaration.Members.OfType<BaseTypeDeclarationSyntax>())
                    {
                        foreach (var id in nested.DescendantNodes().OfType<IdentifierNameSyntax>())
                        {
                            if (names.Contains(id.Identifier.ValueText) && MayBeARateUse(id)
                                && model.GetOperation(id, cancellationToken) is IFieldReferenceOperation use
                                && rates.ContainsKey(use.Field))
                            {
                                yield return use;
                            }
                        }
                    }
                }
            }

            /// <summary>
            /// Whether the mention <paramref name="name"/> sits where <see cref="Classify"/> may accept it: an argument, the
            /// value of an assignment, or an operand of <c>*</c> (through parentheses, casts and a qualifying member access).
            /// </summary>
            private static bool MayBeARateUse(IdentifierNameSyntax name)
            {
                SyntaxNode node = name;
                var parent = node.Parent;
                while (parent is ParenthesizedExpressionSyntax || parent is CastExpressionSyntax
                       || (parent is MemberAccessExpressionSyntax access && access.Name == node))
                {
                    node = parent;
                    parent = parent.Parent;
                }

                switch (parent)
                {
                    case ArgumentSyntax _:
                        return true;
                    case AssignmentExpressionSyntax assignment:
                        return assignment.Right == node && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression);
                    case BinaryExpressionSyntax binary:
                        return binary.IsKind(SyntaxKind.MultiplyExpression);
                    default:
                        return false;
                }
            }

            private void CheckInPlace(OperationAnalysisContext context, IOperation value)
            {
                var operation = TrainingCode.Unwrap(value);
                if (operation is ILocalReferenceOperation || operation is IFieldReferenceOperation || operation is IMemberReferenceOperation)
                {
                    return;
                }

                if (Number(operation.ConstantValue) is double rate && MayBeTooHigh(rate, context.Options, operation.Syntax.SyntaxTree))
                {
                    var use = Classify(value, null, context.Compilation, context.Options, context.CancellationToken);
                    if (use != null)
                    {
                        Report(context.ReportDiagnostic, context.Options, operation.Syntax, rate, use.Value);
                    }
                }
            }

            private void CheckVariable(Action<Diagnostic> report, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken, ISymbol variable, IOperation initializer, System.Collections.Generic.IEnumerable<IOperation> uses)
            {
                var type = variable is ILocalSymbol l ? l.Type : (variable as IFieldSymbol)?.Type;
                if (!TrainingCode.IsFloating(type))
                {
                    return;
                }

                var value = TrainingCode.Unwrap(initializer);
                if (!(Number(value.ConstantValue) is double rate) || !MayBeTooHigh(rate, options, value.Syntax.SyntaxTree))
                {
                    return;
                }

                foreach (var use in uses)
                {
                    var classified = Classify(use, variable, compilation, options, cancellationToken);
                    if (classified != null)
                    {
                        Report(report, options, value.Syntax, rate, classified.Value);
                        return;
                    }
                }
            }

            /// <summary>
            /// What the rate read by <paramref name="reference"/> is used for, or null when it is not used as a learning
            /// rate (or where the code clips gradients, which bounds the step).
            /// </summary>
            private Use? Classify(IOperation reference, ISymbol? variable, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
            {
                var child = reference;
                var parent = reference.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    child = parent;
                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation argument && argument.Parent is IInvocationOperation invocation
                    && ReferenceEquals(RateArgument(invocation), argument))
                {
                    var method = invocation.TargetMethod;
                    if (IsTorchOptim(method))
                    {
                        return TypeClips(invocation, cancellationToken)
                            ? (Use?)null
                            : new Use(TorchFamily(method.Name), DefaultOf(argument.Parameter, 0.01), "torch.optim." + method.Name);
                    }

                    return new Use(IsBoosting(method.Name) ? OptimizerFamily.Boosting : OptimizerFamily.Sgd, DefaultOf(argument.Parameter, 0.1), "ML.NET " + method.Name);
                }

                if (parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Value, child) && OptionMember(assignment) is ISymbol member)
                {
                    var instance = (assignment.Target as IMemberReferenceOperation)?.Instance;
                    var optionsType = instance?.Type ?? member.ContainingType;
                    var name = optionsType?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? member.Name;
                    var full = optionsType?.ToDisplayString() ?? name;
                    var family = IsBoosting(full) ? OptimizerFamily.Boosting : OptimizerFamily.Sgd;
                    return new Use(family, OptionsDefault(full, family), name);
                }

                if (parent is IBinaryOperation multiply && multiply.OperatorKind == BinaryOperatorKind.Multiply)
                {
                    var names = NanOptions.GetLearningRateNames(options.AnalyzerConfigOptionsProvider, reference.Syntax.SyntaxTree);
                    if (variable != null && !NanOptions.IsLearningRateName(variable.Name, names))
                    {
                        return null;
                    }

                    var assignmentOperation = multiply.Parent;
                    while (assignmentOperation is IConversionOperation || assignmentOperation is IParenthesizedOperation || (assignmentOperation is IBinaryOperation b && b.OperatorKind == BinaryOperatorKind.Subtract))
                    {
                        assignmentOperation = assignmentOperation.Parent;
                    }

                    if (assignmentOperation is null)
                    {
                        return null;
                    }

                    var update = TrainingCode.AsWeightUpdate(assignmentOperation, op => IsRateOperand(op, names));
                    if (update is null || !ReferenceEquals(update.Rate, TrainingCode.Unwrap(reference)) || !TrainingCode.EnclosingLoops(assignmentOperation).Any())
                    {
                        return null;
                    }

                    var root = TrainingCode.Root(assignmentOperation);
                    if (root != null && CodeClips(root, update, compilation, cancellationToken))
                    {
                        return null;
                    }

                    return new Use(OptimizerFamily.Custom, 0.01, "the hand-written weight update");
                }

                return null;
            }

            /// <summary>False for a rate no family's threshold flags: its uses need not be classified.</summary>
            private static bool MayBeTooHigh(double rate, AnalyzerOptions options, SyntaxTree tree)
                => rate > NanOptions.GetLowestLearningRateThreshold(options.AnalyzerConfigOptionsProvider, tree) && !double.IsInfinity(rate);

            private static void Report(Action<Diagnostic> report, AnalyzerOptions options, SyntaxNode syntax, double rate, Use use)
            {
                var threshold = NanOptions.GetLearningRateThreshold(options.AnalyzerConfigOptionsProvider, syntax.SyntaxTree, use.Family);
                if (!(rate > threshold) || double.IsInfinity(rate))
                {
                    return;
                }

                var customary = use.Customary.ToString("R", CultureInfo.InvariantCulture);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(CustomaryProperty, customary);
                report(Diagnostic.Create(
                    Descriptors.NAN401,
                    syntax.GetLocation(),
                    properties,
                    syntax.ToString(),
                    use.What,
                    threshold.ToString("R", CultureInfo.InvariantCulture),
                    customary));
            }

            private bool IsTorchOptim(IMethodSymbol? method)
                => method != null && symbols.TorchOptim != null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, symbols.TorchOptim);

            /// <summary>The learning-rate argument of a TorchSharp optimizer or an ML.NET trainer call, written by the user.</summary>
            private IArgumentOperation? RateArgument(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method is null)
                {
                    return null;
                }

                string[] names;
                if (IsTorchOptim(method))
                {
                    names = new[] { "lr", "learningRate" };
                }
                else if (method.ContainingAssembly?.Name.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true)
                {
                    names = new[] { "learningRate" };
                }
                else
                {
                    return null;
                }

                var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter != null && Array.IndexOf(names, a.Parameter.Name) >= 0);
                return argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument;
            }

            /// <summary>The ML.NET <c>LearningRate</c> option an assignment writes, or null.</summary>
            private static ISymbol? OptionMember(ISimpleAssignmentOperation assignment)
            {
                var member = (assignment.Target as IMemberReferenceOperation)?.Member;
                if (member is null || member.Name != "LearningRate" || !(member is IFieldSymbol || member is IPropertySymbol))
                {
                    return null;
                }

                return member.ContainingAssembly?.Name.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true ? member : null;
            }

            private static bool IsRateOperand(IOperation operation, ImmutableArray<string> names)
            {
                if (operation is ILiteralOperation literal && literal.ConstantValue.HasValue)
                {
                    return true;
                }

                var symbol = operation is ILocalReferenceOperation || operation is IFieldReferenceOperation ? TrainingCode.ReferencedSymbol(operation) : null;
                return symbol != null && NanOptions.IsLearningRateName(symbol.Name, names);
            }

            /// <summary>True when the code around a hand-written update clips the gradient (NanGuard, torch, or a clamp of it).</summary>
            private bool CodeClips(IOperation root, WeightUpdate update, Compilation compilation, CancellationToken cancellationToken)
            {
                var gradient = update.GradientArray ?? TrainingCode.ReferencedSymbol(update.Gradient);
                var clampedInPlace = new[] { update.Gradient }.Concat(update.Gradient.Descendants()).OfType<IInvocationOperation>()
                    .Any(i => symbols.IsGradientClipping(i.TargetMethod) || IsClamp(i.TargetMethod));
                return clampedInPlace || TrainingCode.CallsOrHelperCalls(root, i => IsClipping(i, gradient), compilation, cancellationToken);
            }

            private bool IsClipping(IInvocationOperation invocation, ISymbol? gradient)
            {
                if (symbols.IsGradientClipping(invocation.TargetMethod))
                {
                    return true;
                }

                var method = invocation.TargetMethod;
                if (gradient is null || method is null)
                {
                    return false;
                }

                return IsClamp(method) && invocation.Arguments.Any(a => a.Value != null && TrainingCode.Reads(a.Value, gradient));
            }

            private static bool IsClamp(IMethodSymbol? method)
                => method != null
                   && (method.ContainingType?.ToDisplayString() == "System.Math" || method.ContainingType?.ToDisplayString() == "System.MathF")
                   && (method.Name == "Clamp" || method.Name == "Min" || method.Name == "Max");

            /// <summary>True when the type declaring the optimizer's creation clips gradients somewhere (the step is bounded).</summary>
            private bool TypeClips(IInvocationOperation invocation, CancellationToken cancellationToken)
            {
                var model = invocation.SemanticModel;
                var type = invocation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (model is null || type is null)
                {
                    return false;
                }

                return typeClips.GetOrAdd(type, t => t.DescendantNodes().OfType<InvocationExpressionSyntax>()
                    .Any(call => symbols.IsGradientClipping(model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol)));
            }

            private static double? Number(Optional<object?> constant)
            {
                if (!constant.HasValue)
                {
                    return null;
                }

                switch (constant.Value)
                {
                    case double d:
                        return d;
                    case float f:
                        // The decimal the user wrote (0.1f is 0.1, not 0.10000000149011612): compared with the
                        // thresholds and printed in the message as written.
                        return double.Parse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                    case int i:
                        return i;
                    case long n:
                        return n;
                    case decimal m:
                        return (double)m;
                    default:
                        return null;
                }
            }

            private static OptimizerFamily TorchFamily(string name)
            {
                switch (name)
                {
                    case "SGD":
                    case "ASGD":
                    case "LBFGS":
                        return OptimizerFamily.Sgd;
                    case "Adadelta":
                        return OptimizerFamily.Adadelta;
                    default:
                        return OptimizerFamily.Adaptive;
                }
            }

            private static bool IsBoosting(string name)
                => name.IndexOf("FastTree", StringComparison.Ordinal) >= 0
                   || name.IndexOf("Gam", StringComparison.Ordinal) >= 0
                   || name.IndexOf("LightGbm", StringComparison.Ordinal) >= 0
                   || name.IndexOf("BoostedTree", StringComparison.Ordinal) >= 0;

            /// <summary>The default of a learning-rate parameter (TorchSharp's and ML.NET's own), or <paramref name="fallback"/>.</summary>
            private static double DefaultOf(IParameterSymbol? parameter, double fallback)
            {
                if (parameter != null && parameter.HasExplicitDefaultValue)
                {
                    var value = Number(new Optional<object?>(parameter.ExplicitDefaultValue));
                    if (value is double d && d > 0)
                    {
                        return d;
                    }
                }

                return fallback;
            }

            /// <summary>The default <c>LearningRate</c> of an ML.NET trainer's options, as ML.NET 5.0.1 sets it.</summary>
            private static double OptionsDefault(string optionsType, OptimizerFamily family)
            {
                if (optionsType.IndexOf("LightGbm", StringComparison.Ordinal) >= 0)
                {
                    return 0.1;
                }

                if (optionsType.IndexOf("Gam", StringComparison.Ordinal) >= 0)
                {
                    return 0.002;
                }

                if (family == OptimizerFamily.Boosting)
                {
                    return 0.2;
                }

                if (optionsType.IndexOf("AveragedPerceptron", StringComparison.Ordinal) >= 0)
                {
                    return 1.0;
                }

                if (optionsType.IndexOf("Sgd", StringComparison.Ordinal) >= 0)
                {
                    return 0.01;
                }

                return 0.1;
            }
        }
    }
}

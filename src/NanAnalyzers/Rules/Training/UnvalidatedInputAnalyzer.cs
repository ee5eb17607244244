using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>
    /// NAN403: values parsed from text (<c>double.Parse</c>, <c>float.Parse</c>, <c>TryParse</c>,
    /// <c>Convert.ToDouble/ToSingle</c> of a string) or read from a binary file (<c>BinaryReader.ReadDouble/ReadSingle</c>)
    /// that reach a tensor (<c>torch.tensor</c>), an ML.NET <c>LoadFromEnumerable</c>, or a training loop without a
    /// finiteness check on the way. A light, flow-insensitive data-flow: through locals, arrays, collections,
    /// LINQ, lambdas and object initializers within the method, plus fields written and read in the same class.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnvalidatedInputAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property: the name of the variable holding the complete data (for the EnsureFinite/NanToNum fixes).</summary>
        public const string DataProperty = "Data";

        /// <summary>Property: "1" when <c>InputValidation.EnsureFinite</c> accepts the data's type.</summary>
        public const string EnsureProperty = "Ensure";

        /// <summary>Property: "1" when <c>InputValidation.NanToNum</c> accepts the data's type.</summary>
        public const string NanToNumProperty = "NanToNum";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.NAN403);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var symbols = KnownSymbols.For(start.Compilation);
                if (symbols.TorchSharpTorch is null && symbols.MLDataOperationsCatalog is null && symbols.TorchOptimizer is null)
                {
                    // Without TorchSharp or ML.NET the only sink left is a hand-written training loop: still analysed.
                }

                var loops = new ConcurrentDictionary<SyntaxNode, bool>();
                start.RegisterOperationAction(c => Analyze(c, symbols, loops), OperationKind.Invocation, OperationKind.MethodReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols symbols, ConcurrentDictionary<SyntaxNode, bool> loops)
        {
            var method = context.Operation is IInvocationOperation invocation ? invocation.TargetMethod
                : (context.Operation as IMethodReferenceOperation)?.Method;
            if (!IsSource(method, symbols))
            {
                return;
            }

            var flow = new Flow(symbols, loops, context.Compilation, context.CancellationToken);
            Sink? sink;
            if (context.Operation is IInvocationOperation call && method!.Name.StartsWith("TryParse", System.StringComparison.Ordinal))
            {
                var output = call.Arguments.FirstOrDefault(a => a.Parameter?.RefKind == RefKind.Out)?.Value;
                var target = output is IDeclarationExpressionOperation declaration ? TrainingCode.ReferencedSymbol(declaration.Expression) ?? (declaration.Expression as ILocalReferenceOperation)?.Local
                    : TrainingCode.ReferencedSymbol(output);
                if (target is null || output is null)
                {
                    return;
                }

                sink = flow.Propagate(target, output);
            }
            else
            {
                sink = flow.Follow(context.Operation, null);
            }

            if (sink is null)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = new List<Location> { sink.Reference.Syntax.GetLocation() };
            if (sink.Data != null && sink.Reference.Syntax.SyntaxTree == context.Operation.Syntax.SyntaxTree)
            {
                properties = properties.Add(DataProperty, sink.Data.Name);
                var type = DataType(sink.Data);
                if (AcceptedByEnsureFinite(type, symbols))
                {
                    properties = properties.Add(EnsureProperty, "1");
                }

                if (AcceptedByNanToNum(type, symbols))
                {
                    properties = properties.Add(NanToNumProperty, "1");
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NAN403,
                context.Operation.Syntax.GetLocation(),
                additional,
                properties,
                context.Operation.Syntax.ToString(),
                "it reaches " + sink.Description));
        }

        /// <summary>A parse of text or a binary read of a floating-point value.</summary>
        internal static bool IsSource(IMethodSymbol? method, KnownSymbols symbols)
        {
            if (method is null || method.ContainingType is null)
            {
                return false;
            }

            var type = method.ContainingType;
            if (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single)
            {
                return (method.Name == "Parse" || method.Name == "TryParse") && method.Parameters.Length > 0
                       && (method.Parameters[0].Type.SpecialType == SpecialType.System_String || method.Parameters[0].Type.Name == "ReadOnlySpan");
            }

            if (symbols.Convert != null && SymbolEqualityComparer.Default.Equals(type, symbols.Convert))
            {
                return (method.Name == "ToDouble" || method.Name == "ToSingle") && method.Parameters.Length > 0
                       && method.Parameters[0].Type.SpecialType == SpecialType.System_String;
            }

            return (method.Name == "ReadDouble" || method.Name == "ReadSingle") && type.ToDisplayString() == "System.IO.BinaryReader";
        }

        private static ITypeSymbol? DataType(ISymbol symbol)
            => symbol is ILocalSymbol local ? local.Type
               : symbol is IFieldSymbol field ? field.Type
               : symbol is IParameterSymbol parameter ? parameter.Type
               : (symbol as IPropertySymbol)?.Type;

        private static bool IsFloatingArray(ITypeSymbol? type, int rank, bool jagged)
        {
            if (!(type is IArrayTypeSymbol array) || array.Rank != rank)
            {
                return false;
            }

            if (jagged)
            {
                return array.ElementType is IArrayTypeSymbol inner && inner.Rank == 1 && TrainingCode.IsFloating(inner.ElementType);
            }

            return TrainingCode.IsFloating(array.ElementType);
        }

        private static bool IsMathNetDouble(ITypeSymbol? type, KnownSymbols symbols)
            => type is INamedTypeSymbol named && named.TypeArguments.Length == 1
               && named.TypeArguments[0].SpecialType == SpecialType.System_Double
               && (KnownSymbols.DerivesFrom(named, symbols.MathNetVector) || KnownSymbols.DerivesFrom(named, symbols.MathNetMatrix));

        internal static bool AcceptedByNanToNum(ITypeSymbol? type, KnownSymbols symbols)
            => IsFloatingArray(type, 1, false) || IsFloatingArray(type, 2, false) || IsFloatingArray(type, 1, true) || IsMathNetDouble(type, symbols);

        internal static bool AcceptedByEnsureFinite(ITypeSymbol? type, KnownSymbols symbols)
        {
            if (AcceptedByNanToNum(type, symbols))
            {
                return true;
            }

            // IReadOnlyList<double>: List<double>, double-typed collections.
            return type is INamedTypeSymbol named
                   && (named.AllInterfaces.Concat(new[] { named }).Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>"
                                                                     && i.TypeArguments.Length == 1
                                                                     && i.TypeArguments[0].SpecialType == SpecialType.System_Double));
        }

        /// <summary>Where unvalidated data was found to arrive.</summary>
        internal sealed class Sink
        {
            public Sink(string description, IOperation reference, ISymbol? data)
            {
                Description = description;
                Reference = reference;
                Data = data;
            }

            public string Description { get; }

            /// <summary>The read of the data at the sink (or the source itself).</summary>
            public IOperation Reference { get; }

            /// <summary>The variable holding the data just before the sink, or null when the value flows there directly.</summary>
            public ISymbol? Data { get; }
        }

        private sealed class Flow
        {
            private const int MaxSymbols = 32;
            private readonly KnownSymbols symbols;
            private readonly ConcurrentDictionary<SyntaxNode, bool> trainingLoops;
            private readonly Compilation compilation;
            private readonly CancellationToken cancellationToken;
            private readonly HashSet<ISymbol> visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Flow(KnownSymbols symbols, ConcurrentDictionary<SyntaxNode, bool> trainingLoops, Compilation compilation, CancellationToken cancellationToken)
            {
                this.symbols = symbols;
                this.trainingLoops = trainingLoops;
                this.compilation = compilation;
                this.cancellationToken = cancellationToken;
            }

            /// <summary>Follows an unvalidated value up its expression to a sink, a check, or a variable it is stored in.</summary>
            public Sink? Follow(IOperation value, ISymbol? data)
            {
                var current = value;
                for (var depth = 0; depth < 64; depth++)
                {
                    var parent = current.Parent;
                    if (parent is null)
                    {
                        return null;
                    }

                    switch (parent)
                    {
                        case IConversionOperation _:
                        case IParenthesizedOperation _:
                        case IUnaryOperation _:
                        case IArrayInitializerOperation _:
                        case IArrayCreationOperation _:
                        case ITupleOperation _:
                        case IDelegateCreationOperation _:
                        case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, current):
                            break;
                        case IBinaryOperation binary:
                            if (IsComparison(binary.OperatorKind))
                            {
                                return null;
                            }

                            if (InTrainingLoop(parent))
                            {
                                return new Sink("a training loop", current, data);
                            }

                            break;
                        case IArrayElementReferenceOperation element:
                            if (!ReferenceEquals(element.ArrayReference, current))
                            {
                                return null;
                            }

                            if (IsWriteTarget(element))
                            {
                                return null;
                            }

                            break;
                        case IMemberReferenceOperation member:
                            if (!IsDataCarrier(member.Type))
                            {
                                return null;
                            }

                            break;
                        case IArgumentOperation _:
                            break;
                        case IInvocationOperation invocation:
                            {
                                if (IsCheck(invocation) || HasCheckArgument(invocation))
                                {
                                    return null;
                                }

                                var sink = SinkOf(invocation);
                                if (sink != null)
                                {
                                    return new Sink(sink, current, data);
                                }

                                var method = invocation.TargetMethod;
                                if (invocation.Instance != null && !ReferenceEquals(invocation.Instance, current) && IsCollectionWrite(method)
                                    && TrainingCode.ReferencedSymbol(invocation.Instance) is ISymbol receiver)
                                {
                                    return Propagate(receiver, invocation.Instance);
                                }

                                if (InTrainingLoop(invocation) && IsDataCarrier(current.Type))
                                {
                                    return new Sink("a training loop", current, data);
                                }

                                if (!IsDataCarrier(invocation.Type))
                                {
                                    return null;
                                }

                                break;
                            }

                        case IReturnOperation _:
                            {
                                var function = parent.Parent;
                                while (function != null && !(function is IAnonymousFunctionOperation) && !(function is IMethodBodyOperation) && !(function is ILocalFunctionOperation))
                                {
                                    function = function.Parent;
                                }

                                if (!(function is IAnonymousFunctionOperation))
                                {
                                    return null;
                                }

                                parent = function;
                                break;
                            }

                        case IBlockOperation block when block.Parent is IAnonymousFunctionOperation lambda:
                            parent = lambda;
                            break;
                        case IVariableInitializerOperation initializer:
                            {
                                var declarator = initializer.Parent as IVariableDeclaratorOperation;
                                return declarator?.Symbol is ILocalSymbol local ? Propagate(local, declarator) : null;
                            }

                        case IFieldInitializerOperation fieldInitializer:
                            return fieldInitializer.InitializedFields.Length == 1 ? Propagate(fieldInitializer.InitializedFields[0], fieldInitializer) : null;
                        case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                            return Stored(assignment.Target, data);
                        case ICompoundAssignmentOperation compound when ReferenceEquals(compound.Value, current):
                            if (InTrainingLoop(compound))
                            {
                                return new Sink("a training loop", current, data);
                            }

                            return Stored(compound.Target, data);
                        case IForEachLoopOperation loop when ReferenceEquals(loop.Collection, current):
                            {
                                if (IsTrainingLoop(loop) || InTrainingLoop(loop))
                                {
                                    return new Sink("a training loop", current, data);
                                }

                                foreach (var local in loop.Locals)
                                {
                                    var found = Propagate(local, loop);
                                    if (found != null)
                                    {
                                        return found;
                                    }
                                }

                                return null;
                            }

                        default:
                            return null;
                    }

                    current = parent;
                }

                return null;
            }

            /// <summary>The value was stored into <paramref name="target"/>: follow the variable (the array, for an element).</summary>
            private Sink? Stored(IOperation target, ISymbol? data)
            {
                var storage = target;
                while (storage is IArrayElementReferenceOperation element && element.ArrayReference != null)
                {
                    storage = element.ArrayReference;
                }

                if (storage is IMemberReferenceOperation member && member.Instance is IInstanceReferenceOperation instance
                    && instance.ReferenceKind == InstanceReferenceKind.ImplicitReceiver)
                {
                    // An object initializer { X = value }: the object being created carries the value.
                    var creation = member.Parent;
                    while (creation != null && !(creation is IObjectCreationOperation) && !(creation is IAnonymousObjectCreationOperation))
                    {
                        creation = creation.Parent;
                    }

                    return creation != null ? Follow(creation, data) : null;
                }

                if (storage is IMemberReferenceOperation carrier && carrier.Instance != null && !(carrier.Instance is IInstanceReferenceOperation)
                    && TrainingCode.ReferencedSymbol(carrier.Instance) is ISymbol owner)
                {
                    return Propagate(owner, carrier.Instance);
                }

                var symbol = TrainingCode.ReferencedSymbol(storage);
                return symbol != null ? Propagate(symbol, storage) : null;
            }

            /// <summary>Follows every read of a variable that holds unvalidated data, unless one of them checks it.</summary>
            public Sink? Propagate(ISymbol symbol, IOperation site)
            {
                if (visited.Count >= MaxSymbols || !visited.Add(symbol))
                {
                    return null;
                }

                var references = References(symbol, site).ToList();
                if (references.Any(IsChecked))
                {
                    return null;
                }

                foreach (var reference in references)
                {
                    if (InTrainingLoop(reference) && !IsWrite(reference) && IsUse(reference))
                    {
                        return new Sink("a training loop", reference, symbol);
                    }

                    var sink = IsWrite(reference) ? null : Follow(reference, symbol);
                    if (sink != null)
                    {
                        return sink;
                    }
                }

                return null;
            }

            /// <summary>The reads and writes of a local or parameter in its method, or of a field in the methods of its class (this file).</summary>
            private IEnumerable<IOperation> References(ISymbol symbol, IOperation site)
            {
                IEnumerable<IOperation> scopes;
                if (symbol is IFieldSymbol || symbol is IPropertySymbol)
                {
                    scopes = MemberBodies(site);
                }
                else
                {
                    var root = TrainingCode.Root(site);
                    scopes = root is null ? Enumerable.Empty<IOperation>() : new[] { root };
                }

                foreach (var scope in scopes)
                {
                    foreach (var operation in scope.DescendantsAndSelf())
                    {
                        if ((operation is ILocalReferenceOperation || operation is IParameterReferenceOperation || operation is IFieldReferenceOperation || operation is IPropertyReferenceOperation)
                            && SymbolEqualityComparer.Default.Equals(TrainingCode.ReferencedSymbol(operation), symbol))
                        {
                            yield return operation;
                        }
                    }
                }
            }

            /// <summary>The bodies of the members of the class around <paramref name="site"/> (same file).</summary>
            private IEnumerable<IOperation> MemberBodies(IOperation site)
            {
                var model = site.SemanticModel;
                var type = site.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                if (model is null || type is null)
                {
                    yield break;
                }

                foreach (var member in type.Members)
                {
                    SyntaxNode? body = member switch
                    {
                        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
                        FieldDeclarationSyntax field => field.Declaration,
                        PropertyDeclarationSyntax property => property,
                        _ => null,
                    };
                    if (body is null)
                    {
                        continue;
                    }

                    if (body is VariableDeclarationSyntax declaration)
                    {
                        foreach (var variable in declaration.Variables)
                        {
                            if (variable.Initializer?.Value != null && model.GetOperation(variable.Initializer.Value, cancellationToken) is IOperation initializer)
                            {
                                yield return initializer;
                            }
                        }

                        continue;
                    }

                    if (body is PropertyDeclarationSyntax propertySyntax)
                    {
                        foreach (var accessorBody in propertySyntax.DescendantNodes().Where(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax))
                        {
                            var node = accessorBody is ArrowExpressionClauseSyntax arrow ? arrow.Expression : accessorBody;
                            if (model.GetOperation(node, cancellationToken) is IOperation operation)
                            {
                                yield return operation;
                            }
                        }

                        continue;
                    }

                    if (model.GetOperation(body, cancellationToken) is IOperation bodyOperation)
                    {
                        yield return bodyOperation;
                    }
                }
            }

            /// <summary>True when a read sits in a finiteness check: <c>double.IsFinite(x)</c>, <c>xs.All(double.IsFinite)</c>, <c>InputValidation.EnsureFinite(xs)</c>.</summary>
            private bool IsChecked(IOperation reference)
            {
                var current = reference;
                for (var depth = 0; depth < 8 && current.Parent != null; depth++)
                {
                    current = current.Parent;
                    if (current is IBlockOperation || current is ILoopOperation || current is IMethodBodyOperation)
                    {
                        return false;
                    }

                    if (current is IInvocationOperation invocation && (IsCheck(invocation) || HasCheckArgument(invocation)))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A call given a check as its predicate: <c>xs.All(double.IsFinite)</c>, <c>xs.Where(v => !double.IsNaN(v))</c>.</summary>
            private bool HasCheckArgument(IInvocationOperation invocation)
                => invocation.Arguments.Any(a => a.Value != null
                    && (a.Value is IDelegateCreationOperation || a.Value is IAnonymousFunctionOperation || a.Value is IMethodReferenceOperation)
                    && a.Value.DescendantsAndSelf().Any(d =>
                        (d is IMethodReferenceOperation m && IsCheckMethod(m.Method))
                        || (d is IInvocationOperation i && IsCheck(i))));

            private bool IsCheck(IInvocationOperation invocation) => IsCheckMethod(invocation.TargetMethod);

            private bool IsCheckMethod(IMethodSymbol? method)
            {
                if (method?.ContainingType is null)
                {
                    return false;
                }

                var type = method.ContainingType;
                if (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single
                    || (symbols.Half != null && SymbolEqualityComparer.Default.Equals(type, symbols.Half)))
                {
                    return method.Name == "IsFinite" || method.Name == "IsNaN" || method.Name == "IsInfinity"
                           || method.Name == "IsPositiveInfinity" || method.Name == "IsNegativeInfinity";
                }

                if (SymbolEqualityComparer.Default.Equals(type, symbols.NanGuardInputValidation))
                {
                    return !method.Name.StartsWith("Parse", System.StringComparison.Ordinal) && !method.Name.StartsWith("TryParse", System.StringComparison.Ordinal);
                }

                if (SymbolEqualityComparer.Default.Equals(type, symbols.NanGuardTrainingGuard))
                {
                    return true;
                }

                return symbols.TorchSharpTensor != null
                       && (KnownSymbols.DerivesFrom(type, symbols.TorchSharpTensor) || SymbolEqualityComparer.Default.Equals(type, symbols.TorchSharpTorch))
                       && (method.Name == "isnan" || method.Name == "isfinite" || method.Name == "isinf" || method.Name == "nan_to_num" || method.Name == "nan_to_num_");
            }

            /// <summary>The sink an invocation is, or null: a TorchSharp tensor factory or ML.NET's <c>LoadFromEnumerable</c> (not behind a missing-value transform).</summary>
            private string? SinkOf(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method is null)
                {
                    return null;
                }

                if (symbols.TorchSharpTorch != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.TorchSharpTorch)
                    && (method.Name == "tensor" || method.Name == "from_array" || method.Name == "as_tensor"))
                {
                    return "torch." + method.Name;
                }

                if (symbols.MLDataOperationsCatalog != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.MLDataOperationsCatalog)
                    && method.Name == "LoadFromEnumerable")
                {
                    var root = TrainingCode.Root(invocation);
                    var repaired = root != null && TrainingCode.Invocations(root).Any(i =>
                        (i.TargetMethod?.Name == "ReplaceMissingValues" || i.TargetMethod?.Name == "FilterRowsByMissingValues")
                        && i.TargetMethod.ContainingAssembly?.Name.StartsWith("Microsoft.ML", System.StringComparison.Ordinal) == true);
                    return repaired ? null : "ML.NET LoadFromEnumerable";
                }

                return null;
            }

            private bool InTrainingLoop(IOperation operation) => TrainingCode.EnclosingLoops(operation).Any(IsTrainingLoop);

            /// <summary>A loop that trains: TorchSharp backward + step, or a hand-written weight update inside it.</summary>
            private bool IsTrainingLoop(ILoopOperation loop)
                => trainingLoops.GetOrAdd(loop.Syntax, _ =>
                {
                    var body = loop.Body;
                    if (body is null)
                    {
                        return false;
                    }

                    var operations = body.DescendantsAndSelf().ToList();
                    if (operations.OfType<IInvocationOperation>().Any(i => symbols.IsOptimizerStep(i.TargetMethod))
                        && operations.OfType<IInvocationOperation>().Any(i => symbols.IsBackward(i.TargetMethod)))
                    {
                        return true;
                    }

                    return operations.Any(o => (o is ICompoundAssignmentOperation || o is ISimpleAssignmentOperation)
                                               && TrainingCode.AsWeightUpdate(o, GradientClippingAnalyzer.IsScalarFactor) != null);
                });

            private static bool IsComparison(BinaryOperatorKind kind)
                => kind == BinaryOperatorKind.Equals || kind == BinaryOperatorKind.NotEquals
                   || kind == BinaryOperatorKind.LessThan || kind == BinaryOperatorKind.LessThanOrEqual
                   || kind == BinaryOperatorKind.GreaterThan || kind == BinaryOperatorKind.GreaterThanOrEqual;

            private static bool IsCollectionWrite(IMethodSymbol? method)
                => method != null && (method.Name == "Add" || method.Name == "AddRange" || method.Name == "Insert" || method.Name == "Push" || method.Name == "Enqueue" || method.Name == "SetValue");

            /// <summary>Not a bool, an integer, a string or void: a type that can carry the floating-point data.</summary>
            private static bool IsDataCarrier(ITypeSymbol? type)
            {
                if (type is null)
                {
                    return false;
                }

                switch (type.SpecialType)
                {
                    case SpecialType.System_Void:
                    case SpecialType.System_Boolean:
                    case SpecialType.System_String:
                    case SpecialType.System_Char:
                    case SpecialType.System_Byte:
                    case SpecialType.System_SByte:
                    case SpecialType.System_Int16:
                    case SpecialType.System_UInt16:
                    case SpecialType.System_Int32:
                    case SpecialType.System_UInt32:
                    case SpecialType.System_Int64:
                    case SpecialType.System_UInt64:
                        return false;
                    default:
                        return true;
                }
            }

            private static bool IsWriteTarget(IOperation operation)
            {
                var parent = operation.Parent;
                return parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, operation);
            }

            /// <summary>A write: the variable is assigned, or an element of it is (<c>data[i] = ...</c>).</summary>
            private static bool IsWrite(IOperation reference)
            {
                var current = reference;
                while (current.Parent is IArrayElementReferenceOperation element && ReferenceEquals(element.ArrayReference, current))
                {
                    current = element;
                }

                return current.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, current);
            }

            /// <summary>A read that uses the values (not only <c>.Length</c> or <c>.Count</c>).</summary>
            private static bool IsUse(IOperation reference)
                => !(reference.Parent is IMemberReferenceOperation member && !IsDataCarrier(member.Type))
                   && !(reference.Parent is IArgumentOperation argument && argument.Parent is IInvocationOperation call && !IsDataCarrier(call.Type) && call.TargetMethod?.Name != "Add");
        }
    }
}

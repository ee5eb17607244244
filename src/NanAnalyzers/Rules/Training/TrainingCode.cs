using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Training
{
    /// <summary>A hand-written weight update <c>w[i] -= lr * g[i]</c> (or <c>w[i] = w[i] - lr * g[i]</c>).</summary>
    internal sealed class WeightUpdate
    {
        public WeightUpdate(IOperation assignment, IOperation target, IOperation rate, IOperation gradient)
        {
            Assignment = assignment;
            Target = target;
            Rate = rate;
            Gradient = gradient;
        }

        /// <summary>The assignment operation.</summary>
        public IOperation Assignment { get; }

        /// <summary>The weight written (<c>w[i]</c>).</summary>
        public IOperation Target { get; }

        /// <summary>The factor taken for the rate (<c>lr</c>), conversions removed.</summary>
        public IOperation Rate { get; }

        /// <summary>The other factor (<c>g[i]</c>), conversions removed.</summary>
        public IOperation Gradient { get; }

        /// <summary>The array the gradient is read from (<c>g</c>), when it is an array element.</summary>
        public ISymbol? GradientArray => TrainingCode.ReferencedSymbol((Gradient as IArrayElementReferenceOperation)?.ArrayReference);
    }

    /// <summary>
    /// What the training rules share: recognising training loops (backward + step, hand-written updates),
    /// and asking whether a loop, or a helper it calls (one level deep), clips, zeroes or checks something.
    /// </summary>
    internal static class TrainingCode
    {
        /// <summary><paramref name="operation"/> without implicit and explicit conversions and parentheses.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                if (operation is IConversionOperation conversion && conversion.Operand != null)
                {
                    operation = conversion.Operand;
                }
                else if (operation is IParenthesizedOperation parenthesized && parenthesized.Operand != null)
                {
                    operation = parenthesized.Operand;
                }
                else
                {
                    return operation;
                }
            }
        }

        /// <summary>The local, parameter or field an operation reads, or null.</summary>
        public static ISymbol? ReferencedSymbol(IOperation? operation)
        {
            if (operation is null)
            {
                return null;
            }

            switch (Unwrap(operation))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return property.Property;
                default:
                    return null;
            }
        }

        /// <summary>Every invocation below <paramref name="scope"/>, in source order.</summary>
        public static IEnumerable<IInvocationOperation> Invocations(IOperation scope)
            => scope.DescendantsAndSelf().OfType<IInvocationOperation>();

        /// <summary>The method that <paramref name="operation"/> belongs to (its body operation), or null.</summary>
        public static IOperation? Root(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
            }

            return current;
        }

        /// <summary>
        /// True when <paramref name="predicate"/> holds for an invocation inside <paramref name="scope"/>, or for an
        /// invocation inside the body of a method of the same compilation (or a local function) that
        /// <paramref name="scope"/> calls: one level deep. Only invocations that start before
        /// <paramref name="before"/> (when given) count.
        /// </summary>
        public static bool CallsOrHelperCalls(IOperation scope, Func<IInvocationOperation, bool> predicate, Compilation compilation, CancellationToken cancellationToken, int before = int.MaxValue)
        {
            foreach (var invocation in Invocations(scope))
            {
                if (invocation.Syntax.SpanStart >= before)
                {
                    continue;
                }

                if (predicate(invocation))
                {
                    return true;
                }

                var body = HelperBody(invocation, compilation, cancellationToken);
                if (body != null && Invocations(body).Any(predicate))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The body operation of the source method (or local function) <paramref name="invocation"/> calls, or null.</summary>
        public static IOperation? HelperBody(IInvocationOperation invocation, Compilation compilation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method is null || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            SyntaxNode? body;
            switch (syntax)
            {
                case BaseMethodDeclarationSyntax declaration:
                    body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody?.Expression;
                    break;
                case LocalFunctionStatementSyntax local:
                    body = (SyntaxNode?)local.Body ?? local.ExpressionBody?.Expression;
                    break;
                default:
                    body = null;
                    break;
            }

            if (body is null)
            {
                return null;
            }

            SemanticModel? model = invocation.SemanticModel;
            if (model is null || model.SyntaxTree != body.SyntaxTree)
            {
                if (!compilation.ContainsSyntaxTree(body.SyntaxTree))
                {
                    return null;
                }

#pragma warning disable RS1030 // One level into a helper declared in another file of the compilation; bounded to one method.
                model = compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
            }

            return model.GetOperation(body, cancellationToken);
        }

        /// <summary>The loops that enclose <paramref name="operation"/>, innermost first (stopping at a lambda or local function).</summary>
        public static IEnumerable<ILoopOperation> EnclosingLoops(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    yield return loop;
                }
                else if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    yield break;
                }
            }
        }

        /// <summary>
        /// True when <paramref name="loop"/> is a TorchSharp training loop: its body calls <c>backward()</c> and
        /// an optimizer's <c>step()</c>, and no loop nested in it does both (the innermost such loop).
        /// </summary>
        public static bool IsTorchTrainingLoop(ILoopOperation loop, KnownSymbols symbols, out IInvocationOperation? backward, out IInvocationOperation? step)
        {
            backward = null;
            step = null;
            if (loop.Body is null)
            {
                return false;
            }

            foreach (var invocation in Invocations(loop.Body))
            {
                if (backward is null && symbols.IsBackward(invocation.TargetMethod))
                {
                    backward = invocation;
                }
                else if (step is null && symbols.IsOptimizerStep(invocation.TargetMethod))
                {
                    step = invocation;
                }
            }

            if (backward is null || step is null)
            {
                return false;
            }

            foreach (var inner in loop.Body.Descendants().OfType<ILoopOperation>())
            {
                if (inner.Body != null
                    && Invocations(inner.Body).Any(i => symbols.IsBackward(i.TargetMethod))
                    && Invocations(inner.Body).Any(i => symbols.IsOptimizerStep(i.TargetMethod)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Recognises a hand-written weight update: <c>w[i] -= a * b</c> or <c>w[i] = w[i] - a * b</c> on
        /// floating-point values, where the rate is the factor that is a constant or a rate-named local/field.
        /// </summary>
        public static WeightUpdate? AsWeightUpdate(IOperation operation, Func<IOperation, bool> isRate)
        {
            IOperation? target;
            IOperation? product;
            if (operation is ICompoundAssignmentOperation compound && compound.OperatorKind == BinaryOperatorKind.Subtract)
            {
                target = compound.Target;
                product = compound.Value;
            }
            else if (operation is ISimpleAssignmentOperation simple
                     && Unwrap(simple.Value) is IBinaryOperation difference
                     && difference.OperatorKind == BinaryOperatorKind.Subtract
                     && simple.Target != null
                     && SameReference(simple.Target, difference.LeftOperand))
            {
                target = simple.Target;
                product = difference.RightOperand;
            }
            else
            {
                return null;
            }

            if (target is null || product is null || !IsFloating(target.Type))
            {
                return null;
            }

            if (!(target is IArrayElementReferenceOperation) && !(target is ILocalReferenceOperation) && !(target is IFieldReferenceOperation))
            {
                return null;
            }

            if (!(Unwrap(product) is IBinaryOperation multiply) || multiply.OperatorKind != BinaryOperatorKind.Multiply)
            {
                return null;
            }

            var left = Unwrap(multiply.LeftOperand);
            var right = Unwrap(multiply.RightOperand);
            if (isRate(left))
            {
                // lr * grad, also when both factors could be the rate: the conventional order.
                return new WeightUpdate(operation, target, left, right);
            }

            if (isRate(right))
            {
                return new WeightUpdate(operation, target, right, left);
            }

            return null;
        }

        /// <summary>True when both operations read the same element or variable (<c>w[i]</c> and <c>w[i]</c>).</summary>
        public static bool SameReference(IOperation a, IOperation b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            if (a is IArrayElementReferenceOperation ea && b is IArrayElementReferenceOperation eb)
            {
                return SymbolEqualityComparer.Default.Equals(ReferencedSymbol(ea.ArrayReference), ReferencedSymbol(eb.ArrayReference))
                       && ReferencedSymbol(ea.ArrayReference) != null
                       && ea.Indices.Length == eb.Indices.Length
                       && ea.Indices.Zip(eb.Indices, (x, y) => x.Syntax.IsEquivalentTo(y.Syntax)).All(same => same);
            }

            var sa = ReferencedSymbol(a);
            return sa != null && SymbolEqualityComparer.Default.Equals(sa, ReferencedSymbol(b));
        }

        public static bool IsFloating(ITypeSymbol? type)
            => type != null && (type.SpecialType == SpecialType.System_Double || type.SpecialType == SpecialType.System_Single);

        /// <summary>True when <paramref name="operation"/> reads <paramref name="symbol"/> anywhere inside it.</summary>
        public static bool Reads(IOperation operation, ISymbol symbol)
        {
            if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), symbol))
            {
                return true;
            }

            foreach (var descendant in operation.Descendants())
            {
                if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(descendant), symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The keyword token of a loop statement (<c>for</c>, <c>foreach</c>, <c>while</c>, <c>do</c>).</summary>
        public static SyntaxToken LoopKeyword(SyntaxNode loop)
        {
            switch (loop)
            {
                case ForStatementSyntax f:
                    return f.ForKeyword;
                case CommonForEachStatementSyntax fe:
                    return fe.ForEachKeyword;
                case WhileStatementSyntax w:
                    return w.WhileKeyword;
                case DoStatementSyntax d:
                    return d.DoKeyword;
                default:
                    return loop.GetFirstToken();
            }
        }

        /// <summary>The statement that contains <paramref name="node"/> directly inside a block or a loop body.</summary>
        public static StatementSyntax? ContainingStatement(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is StatementSyntax statement
                    && (statement.Parent is BlockSyntax || statement.Parent is StatementSyntax || statement.Parent is SwitchSectionSyntax))
                {
                    return statement;
                }
            }

            return null;
        }

        /// <summary>True when a syntax tree's kind is <see cref="SyntaxKind.NumericLiteralExpression"/>.</summary>
        public static bool IsNumericLiteral(SyntaxNode node) => node.IsKind(SyntaxKind.NumericLiteralExpression);
    }
}

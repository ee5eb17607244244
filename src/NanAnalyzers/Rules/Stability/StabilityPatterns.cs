using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>How a TorchSharp function was called: <c>torch.f(x, ...)</c> or <c>x.f(...)</c>.</summary>
    internal enum CallForm
    {
        /// <summary><c>torch.f(x)</c>, <c>torch.nn.functional.f(x)</c>, <c>torch.special.f(x)</c>, or a scalar helper.</summary>
        Static,

        /// <summary><c>x.f()</c> on a tensor.</summary>
        Instance,
    }

    /// <summary>A recognised call (a softmax, sigmoid, log, sum ...) and its tensor or scalar input.</summary>
    internal sealed class CallMatch
    {
        public CallMatch(IOperation operation, IOperation input, CallForm form)
        {
            Operation = operation;
            Input = input;
            Form = form;
        }

        /// <summary>The recognised operation (an invocation, or the division of an inline sigmoid).</summary>
        public IOperation Operation { get; }

        /// <summary>The input: the tensor argument or receiver, or the sigmoid's z.</summary>
        public IOperation Input { get; }

        public CallForm Form { get; }

        public IInvocationOperation? Invocation => Operation as IInvocationOperation;

        /// <summary>The explicit argument bound to the parameter named <paramref name="name"/>, or null.</summary>
        public IArgumentOperation? Argument(string name) => StabilityPatterns.ExplicitArgument(Invocation, name);
    }

    /// <summary>The shapes the stability rules look for, matched on resolved symbols.</summary>
    internal static class StabilityPatterns
    {
        private const int MaxLocalHops = 4;

        /// <summary>The operation under conversions and parentheses.</summary>
        public static IOperation Strip(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion when conversion.Operand != null && conversion.OperatorMethod is null:
                        current = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized when parenthesized.Operand != null:
                        current = parenthesized.Operand;
                        continue;
                    case IArgumentOperation argument when argument.Value != null:
                        current = argument.Value;
                        continue;
                }

                return current;
            }
        }

        /// <summary>
        /// The value an operation stands for: <see cref="Strip"/>, and a local that is assigned exactly once (at its
        /// declaration) is replaced by its initializer, a few hops deep.
        /// </summary>
        public static IOperation Resolve(IOperation operation)
        {
            var current = Strip(operation);
            for (var hop = 0; hop < MaxLocalHops && current is ILocalReferenceOperation local; hop++)
            {
                var initializer = SingleAssignment(local);
                if (initializer is null)
                {
                    break;
                }

                current = Strip(initializer);
            }

            return current;
        }

        /// <summary>The initializer of <paramref name="reference"/>'s local when it is never written after its declaration.</summary>
        public static IOperation? SingleAssignment(ILocalReferenceOperation reference)
        {
            var root = Root(reference);
            IOperation? initializer = null;
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator
                        when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        if (declarator.Initializer?.Value is null || declarator.Symbol.IsRef)
                        {
                            return null;
                        }

                        initializer = declarator.Initializer.Value;
                        break;
                    case ILocalReferenceOperation other
                        when SymbolEqualityComparer.Default.Equals(other.Local, reference.Local) && IsWritten(other):
                        return null;
                }
            }

            return initializer;
        }

        /// <summary>True when the local or parameter behind <paramref name="operation"/> is written anywhere in its body.</summary>
        public static bool IsWrittenInBody(IOperation operation)
        {
            ISymbol? symbol = operation switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };
            if (symbol is null)
            {
                return true;
            }

            foreach (var other in Root(operation).Descendants())
            {
                var target = other switch
                {
                    ILocalReferenceOperation l => (ISymbol)l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (target != null && SymbolEqualityComparer.Default.Equals(target, symbol) && IsWritten(other))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="operation"/> can be evaluated again at <paramref name="use"/> with the same result:
        /// it is built of literals, constants, readonly fields, array elements and locals/parameters that are not written
        /// between the two points (textually between them, or in a loop around the use that does not hold the original).
        /// </summary>
        public static bool CanMoveTo(IOperation operation, IOperation use)
        {
            foreach (var part in operation.DescendantsAndSelf())
            {
                switch (part)
                {
                    case ILiteralOperation _:
                    case IConversionOperation c when c.OperatorMethod is null:
                    case IParenthesizedOperation _:
                    case IUnaryOperation u when u.OperatorMethod is null:
                    case IBinaryOperation b when b.OperatorMethod is null:
                    case IArrayElementReferenceOperation _:
                    case IInstanceReferenceOperation _:
                        continue;
                    case IFieldReferenceOperation f when f.Field.IsConst || f.Field.IsReadOnly:
                        continue;
                    case ILocalReferenceOperation l when !IsWrittenBetween(l, l.Local, operation, use):
                        continue;
                    case IParameterReferenceOperation p when p.Parameter.RefKind == RefKind.None && !IsWrittenBetween(p, p.Parameter, operation, use):
                        continue;
                    default:
                        if (part.ConstantValue.HasValue)
                        {
                            continue;
                        }

                        return false;
                }
            }

            return true;
        }

        private static bool IsWrittenBetween(IOperation reference, ISymbol symbol, IOperation original, IOperation use)
        {
            var from = original.Syntax.SpanStart;
            var to = use.Syntax.SpanStart;
            foreach (var other in Root(reference).Descendants())
            {
                var target = other switch
                {
                    ILocalReferenceOperation l => (ISymbol)l.Local,
                    IParameterReferenceOperation p => p.Parameter,
                    _ => null,
                };
                if (target is null || !SymbolEqualityComparer.Default.Equals(target, symbol) || !IsWritten(other))
                {
                    continue;
                }

                var at = other.Syntax.SpanStart;
                if ((from < at && at < to) || (to < at && at < from))
                {
                    return true;
                }

                for (var loop = Ancestor<ILoopOperation>(other); loop != null; loop = Ancestor<ILoopOperation>(loop))
                {
                    var span = loop.Syntax.Span;
                    if (span.Contains(use.Syntax.Span) && !span.Contains(original.Syntax.Span))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when the local or parameter reference <paramref name="reference"/> is the target of a write.</summary>
        public static bool IsWritten(IOperation reference)
        {
            var parent = reference.Parent;
            switch (parent)
            {
                case IAssignmentOperation assignment when assignment.Target == reference:
                case IIncrementOrDecrementOperation _:
                case IAddressOfOperation _:
                case ITupleOperation _:
                case IDeclarationExpressionOperation _:
                    return true;
                case IArgumentOperation argument:
                    return argument.Parameter != null && argument.Parameter.RefKind != RefKind.None && argument.Parameter.RefKind != RefKind.In;
                default:
                    return false;
            }
        }

        /// <summary>The root of the operation tree <paramref name="operation"/> belongs to (the body).</summary>
        public static IOperation Root(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root;
        }

        /// <summary>The explicit (written) argument of <paramref name="invocation"/> for parameter <paramref name="name"/>.</summary>
        public static IArgumentOperation? ExplicitArgument(IInvocationOperation? invocation, string name)
        {
            if (invocation is null)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Name == name)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The explicit argument bound to the parameter at <paramref name="ordinal"/>.</summary>
        public static IArgumentOperation? ExplicitArgument(IInvocationOperation? invocation, int ordinal)
        {
            if (invocation is null)
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Ordinal == ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="operation"/> is the numeric constant <paramref name="value"/>.</summary>
        public static bool IsConstant(IOperation? operation, double value)
        {
            if (operation is null || !operation.ConstantValue.HasValue)
            {
                return false;
            }

            switch (operation.ConstantValue.Value)
            {
                case double d:
                    return d == value;
                case float f:
                    return f == value;
                case int i:
                    return i == value;
                case long l:
                    return l == value;
                case decimal m:
                    return (double)m == value;
                default:
                    return false;
            }
        }

        /// <summary>True for an integral type (int, long ...): <c>1 + n</c> is exact there.</summary>
        public static bool IsIntegral(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Char:
                    return true;
                default:
                    return false;
            }
        }

        // ---------------------------------------------------------------- scalar shapes

        /// <summary><c>Math.Log(x)</c>, <c>MathF.Log(x)</c>, <c>double.Log(x)</c>, <c>float.Log(x)</c>: the argument.</summary>
        public static IArgumentOperation? ScalarLogArgument(KnownSymbols symbols, IOperation operation)
        {
            if (operation is IInvocationOperation invocation
                && symbols.IsScalarMath(invocation.TargetMethod, "Log")
                && invocation.Arguments.Length == 1)
            {
                return invocation.Arguments[0];
            }

            return null;
        }

        /// <summary><c>Math.Exp(x)</c>, <c>MathF.Exp(x)</c>, <c>double.Exp(x)</c>: the argument.</summary>
        public static IOperation? ScalarExpArgument(KnownSymbols symbols, IOperation operation)
        {
            if (Strip(operation) is IInvocationOperation invocation
                && symbols.IsScalarMath(invocation.TargetMethod, "Exp")
                && invocation.Arguments.Length == 1)
            {
                return invocation.Arguments[0].Value;
            }

            return null;
        }

        /// <summary>
        /// A scalar sigmoid: a call to a sigmoid helper of the compilation, or <c>1 / (1 + Math.Exp(-z))</c>
        /// written inline (double or float, either order of the sum). <paramref name="input"/> is z.
        /// </summary>
        public static bool TryMatchScalarSigmoid(StabilityContext context, IOperation operation, CancellationToken cancellationToken, out IOperation input)
            => TryMatchScalarSigmoid(context, operation, 0, cancellationToken, out input);

        internal static bool TryMatchScalarSigmoid(StabilityContext context, IOperation operation, int depth, CancellationToken cancellationToken, out IOperation input)
        {
            input = null!;
            var value = Strip(operation);
            if (value is IInvocationOperation invocation)
            {
                if (invocation.Arguments.Length == 1
                    && invocation.TargetMethod.Parameters.Length == 1
                    && context.IsSigmoidHelper(invocation.TargetMethod, depth, cancellationToken)
                    && invocation.Arguments[0].Value != null)
                {
                    input = invocation.Arguments[0].Value;
                    return true;
                }

                return false;
            }

            if (value is IBinaryOperation division
                && division.OperatorKind == BinaryOperatorKind.Divide
                && division.OperatorMethod is null
                && IsConstant(division.LeftOperand, 1)
                && Strip(division.RightOperand) is IBinaryOperation sum
                && sum.OperatorKind == BinaryOperatorKind.Add
                && sum.OperatorMethod is null)
            {
                var exp = IsConstant(sum.LeftOperand, 1) ? sum.RightOperand : IsConstant(sum.RightOperand, 1) ? sum.LeftOperand : null;
                var argument = exp is null ? null : ScalarExpArgument(context.Symbols, exp);
                if (argument != null && Strip(argument) is IUnaryOperation negation && negation.OperatorKind == UnaryOperatorKind.Minus && negation.Operand != null)
                {
                    input = negation.Operand;
                    return true;
                }
            }

            return false;
        }

        // ---------------------------------------------------------------- TorchSharp shapes

        /// <summary><c>torch.log(t)</c>, <c>torch.log_(t)</c>, <c>t.log()</c>, <c>t.log_()</c>.</summary>
        public static CallMatch? MatchTorchLog(KnownSymbols symbols, IOperation operation)
            => MatchTorchUnary(symbols, operation, "log", "log_");

        /// <summary><c>torch.exp(t)</c>, <c>t.exp()</c>.</summary>
        public static CallMatch? MatchTorchExp(KnownSymbols symbols, IOperation operation)
            => MatchTorchUnary(symbols, operation, "exp", null);

        /// <summary><c>torch.sigmoid(t)</c>, <c>torch.nn.functional.sigmoid(t)</c>, <c>torch.special.sigmoid(t)</c>, <c>t.sigmoid()</c>.</summary>
        public static CallMatch? MatchTorchSigmoid(KnownSymbols symbols, IOperation operation)
            => MatchTorchUnary(symbols, operation, "sigmoid", null);

        /// <summary><c>torch.softmax(t, d)</c>, <c>torch.nn.functional.softmax(t, d)</c>, <c>torch.special.softmax(t, d, dtype)</c>, <c>t.softmax(d)</c>.</summary>
        public static CallMatch? MatchTorchSoftmax(KnownSymbols symbols, IOperation operation)
            => MatchTorchUnary(symbols, operation, "softmax", null);

        /// <summary><c>torch.sum(t, ...)</c>, <c>t.sum(...)</c>.</summary>
        public static CallMatch? MatchTorchSum(KnownSymbols symbols, IOperation operation)
            => MatchTorchUnary(symbols, operation, "sum", null);

        private static CallMatch? MatchTorchUnary(KnownSymbols symbols, IOperation operation, string name, string? alternative)
        {
            if (!(Strip(operation) is IInvocationOperation invocation) || invocation.TargetMethod is null)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            if (symbols.IsTensorInstance(method, name) || (alternative != null && symbols.IsTensorInstance(method, alternative)))
            {
                return invocation.Instance is null ? null : new CallMatch(invocation, invocation.Instance, CallForm.Instance);
            }

            if (symbols.IsTorchStatic(method, name) || (alternative != null && symbols.IsTorchStatic(method, alternative)))
            {
                var input = ExplicitArgument(invocation, 0);
                if (input?.Value is null || !symbols.IsTensor(input.Value.Type) && !symbols.IsTensor(Strip(input.Value).Type))
                {
                    return null;
                }

                return new CallMatch(invocation, input.Value, CallForm.Static);
            }

            return null;
        }

        /// <summary>
        /// A tensor <c>1 + t</c> / <c>t + 1</c> (<paramref name="subtract"/> false) or <c>t - 1</c> (true) through
        /// TorchSharp's operators: the tensor operand.
        /// </summary>
        public static IOperation? TensorPlusOrMinusOne(KnownSymbols symbols, IOperation operation, bool subtract)
        {
            if (!(Strip(operation) is IBinaryOperation binary)
                || binary.OperatorMethod is null
                || !SymbolEqualityComparer.Default.Equals(binary.OperatorMethod.ContainingType, symbols.TorchSharpTensor))
            {
                return null;
            }

            if (subtract)
            {
                return binary.OperatorKind == BinaryOperatorKind.Subtract && IsConstant(binary.RightOperand, 1) && symbols.IsTensor(binary.LeftOperand.Type)
                    ? binary.LeftOperand
                    : null;
            }

            if (binary.OperatorKind != BinaryOperatorKind.Add)
            {
                return null;
            }

            if (IsConstant(binary.LeftOperand, 1) && symbols.IsTensor(binary.RightOperand.Type))
            {
                return binary.RightOperand;
            }

            return IsConstant(binary.RightOperand, 1) && symbols.IsTensor(binary.LeftOperand.Type) ? binary.LeftOperand : null;
        }

        /// <summary><c>1 - s</c> (scalar or tensor): s; otherwise null.</summary>
        public static IOperation? OneMinus(IOperation operation)
        {
            if (Strip(operation) is IBinaryOperation binary
                && binary.OperatorKind == BinaryOperatorKind.Subtract
                && IsConstant(binary.LeftOperand, 1))
            {
                return binary.RightOperand;
            }

            return null;
        }

        /// <summary>True when <paramref name="operation"/> (stripped) is a subtraction: a max-shifted exponent.</summary>
        public static bool IsSubtraction(IOperation operation)
            => Strip(operation) is IBinaryOperation binary && binary.OperatorKind == BinaryOperatorKind.Subtract;

        /// <summary>
        /// True when the range analysis proves the value is never zero or negative: its log is never -Infinity.
        /// A possible NaN does not count: a NaN input (NaN logits) is not what these rules are about, and a guard
        /// like <c>if (p &lt;= 0) return;</c> rightly leaves NaN possible.
        /// </summary>
        public static bool IsProvenPositive(NanAnalyzers.Ranges.ValueRange range)
            => !range.IsUnknown && !range.IsEmptyInterval && !range.MayBeNegative && !range.MayBeZero;

        /// <summary>A short text of <paramref name="node"/> for a message.</summary>
        public static string Shorten(SyntaxNode node)
        {
            var text = node.ToString().Replace("\r", " ").Replace("\n", " ");
            return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
        }

        /// <summary>The operations the additive expression <paramref name="operation"/> is a signed sum of.</summary>
        public static List<(IOperation Term, int Sign)> AdditiveTerms(IOperation operation)
        {
            var terms = new List<(IOperation, int)>();
            Collect(operation, 1, terms, 0);
            return terms;
        }

        private static void Collect(IOperation operation, int sign, List<(IOperation, int)> terms, int depth)
        {
            var value = Strip(operation);
            if (depth < 16 && value is IBinaryOperation binary && binary.OperatorMethod is null
                && (binary.OperatorKind == BinaryOperatorKind.Add || binary.OperatorKind == BinaryOperatorKind.Subtract))
            {
                Collect(binary.LeftOperand, sign, terms, depth + 1);
                Collect(binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Add ? sign : -sign, terms, depth + 1);
                return;
            }

            if (depth < 16 && value is IUnaryOperation unary && unary.OperatorMethod is null
                && (unary.OperatorKind == UnaryOperatorKind.Minus || unary.OperatorKind == UnaryOperatorKind.Plus))
            {
                Collect(unary.Operand, unary.OperatorKind == UnaryOperatorKind.Minus ? -sign : sign, terms, depth + 1);
                return;
            }

            terms.Add((value, sign));
        }

        /// <summary>True when the two operations denote the same value: the same local/parameter, or equivalent syntax.</summary>
        public static bool SameValue(IOperation left, IOperation right)
        {
            var a = Strip(left);
            var b = Strip(right);
            if (a is ILocalReferenceOperation la && b is ILocalReferenceOperation lb)
            {
                return SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
            }

            if (a is IParameterReferenceOperation pa && b is IParameterReferenceOperation pb)
            {
                return SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
            }

            if (a.Kind != b.Kind || !Microsoft.CodeAnalysis.CSharp.SyntaxFactory.AreEquivalent(a.Syntax, b.Syntax, topLevel: false))
            {
                return false;
            }

            foreach (var part in a.DescendantsAndSelf())
            {
                if (part is IAssignmentOperation || part is IIncrementOrDecrementOperation)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The enclosing operation of <paramref name="operation"/> that satisfies <paramref name="predicate"/>, or null.</summary>
        public static T? Ancestor<T>(IOperation operation, Func<T, bool>? predicate = null)
            where T : class, IOperation
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is T match && (predicate is null || predicate(match)))
                {
                    return match;
                }
            }

            return null;
        }
    }
}

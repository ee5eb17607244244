using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>A NAN203 finding: <c>log(1 + x)</c> or <c>exp(x) - 1</c> in a form that loses precision for small x.</summary>
    internal sealed class Log1PMatch
    {
        public Log1PMatch(bool isExpM1, bool isTorch, CallForm form, IOperation x, IOperation reported, IOperation replaced)
        {
            IsExpM1 = isExpM1;
            IsTorch = isTorch;
            Form = form;
            X = x;
            Reported = reported;
            Replaced = replaced;
        }

        /// <summary>True for <c>exp(x) - 1</c> / <c>ExpM1</c>, false for <c>log(1 + x)</c> / <c>LogP1</c>.</summary>
        public bool IsExpM1 { get; }

        public bool IsTorch { get; }

        /// <summary>For TorchSharp: <c>torch.log(...)</c> or <c>(...).log()</c>.</summary>
        public CallForm Form { get; }

        public IOperation X { get; }

        /// <summary>The operation the diagnostic is reported on.</summary>
        public IOperation Reported { get; }

        /// <summary>The operation a fix replaces.</summary>
        public IOperation Replaced { get; }
    }

    /// <summary>A NAN204 finding: <c>log(sum(exp(x)))</c> written out.</summary>
    internal sealed class LogSumExpMatch
    {
        public LogSumExpMatch(IInvocationOperation log, bool isTorch, CallMatch? sum, CallMatch? exp, IOperation? source)
        {
            Log = log;
            IsTorch = isTorch;
            Sum = sum;
            Exp = exp;
            Source = source;
        }

        public IInvocationOperation Log { get; }

        public bool IsTorch { get; }

        /// <summary>TorchSharp: the <c>sum</c> call (its dim / keepdim arguments).</summary>
        public CallMatch? Sum { get; }

        /// <summary>TorchSharp: the <c>exp</c> call (its input is x).</summary>
        public CallMatch? Exp { get; }

        /// <summary>Scalar code: the collection whose elements are exponentiated, when it is known (the fix's argument).</summary>
        public IOperation? Source { get; }
    }

    /// <summary>The matchers of NAN203 and NAN204, shared by the analyzers and the fixers.</summary>
    internal static class Log1PMatchers
    {
        /// <summary>NAN203 on an invocation (<c>Math.Log(1 + x)</c>, <c>double.LogP1(x)</c>, <c>torch.log(1 + x)</c>) or a subtraction (<c>Math.Exp(x) - 1</c>).</summary>
        public static Log1PMatch? Match(StabilityContext context, IOperation operation)
        {
            var symbols = context.Symbols;
            if (operation is IInvocationOperation invocation && invocation.TargetMethod != null)
            {
                var method = invocation.TargetMethod;
                var type = method.ContainingType?.SpecialType;
                if (method.IsStatic && (type == SpecialType.System_Double || type == SpecialType.System_Single)
                    && (method.Name == "LogP1" || method.Name == "ExpM1")
                    && method.Parameters.Length == 1 && invocation.Arguments.Length == 1 && invocation.Arguments[0].Value != null)
                {
                    return new Log1PMatch(method.Name == "ExpM1", false, CallForm.Static, invocation.Arguments[0].Value, invocation, invocation);
                }

                var scalar = StabilityPatterns.ScalarLogArgument(symbols, invocation);
                if (scalar?.Value != null)
                {
                    var x = OnePlus(scalar.Value);
                    return x != null && IsImpreciseLog1PArgument(symbols, x)
                        ? new Log1PMatch(false, false, CallForm.Static, x, StabilityPatterns.Strip(scalar.Value), invocation)
                        : null;
                }

                if (context.HasTorch)
                {
                    var log = StabilityPatterns.MatchTorchLog(symbols, invocation);
                    var tensor = log is null || invocation.TargetMethod.Name != "log" ? null : StabilityPatterns.TensorPlusOrMinusOne(symbols, log.Input, subtract: false);
                    if (log != null && tensor != null)
                    {
                        return new Log1PMatch(false, true, log.Form, tensor, StabilityPatterns.Strip(log.Input), invocation);
                    }
                }

                return null;
            }

            if (operation is IBinaryOperation binary && binary.OperatorKind == BinaryOperatorKind.Subtract)
            {
                if (binary.OperatorMethod is null)
                {
                    var x = StabilityPatterns.IsConstant(binary.RightOperand, 1) ? StabilityPatterns.ScalarExpArgument(symbols, binary.LeftOperand) : null;
                    return x != null && !x.ConstantValue.HasValue
                        ? new Log1PMatch(true, false, CallForm.Static, x, binary, binary)
                        : null;
                }

                if (context.HasTorch)
                {
                    var left = StabilityPatterns.TensorPlusOrMinusOne(symbols, binary, subtract: true);
                    var exp = left is null ? null : StabilityPatterns.MatchTorchExp(symbols, left);
                    if (exp != null)
                    {
                        return new Log1PMatch(true, true, exp.Form, exp.Input, binary, binary);
                    }
                }
            }

            return null;
        }

        /// <summary>x of a scalar <c>1 + x</c> or <c>x + 1</c>.</summary>
        private static IOperation? OnePlus(IOperation operation)
        {
            if (!(StabilityPatterns.Strip(operation) is IBinaryOperation sum) || sum.OperatorKind != BinaryOperatorKind.Add || sum.OperatorMethod != null)
            {
                return null;
            }

            if (StabilityPatterns.IsConstant(sum.LeftOperand, 1))
            {
                return sum.RightOperand;
            }

            return StabilityPatterns.IsConstant(sum.RightOperand, 1) ? sum.LeftOperand : null;
        }

        /// <summary>
        /// False for x where <c>log(1 + x)</c> is exact enough: constants, integers (<c>Math.Log(1 + count)</c>), and
        /// <c>Math.Exp(-Math.Abs(z))</c>, the bounded term of the stable log-sigmoid and softplus forms, whose
        /// absolute error is at most one rounding of 1.
        /// </summary>
        private static bool IsImpreciseLog1PArgument(KnownSymbols symbols, IOperation x)
        {
            var value = StabilityPatterns.Strip(x);
            if (value.ConstantValue.HasValue || StabilityPatterns.IsIntegral(value.Type))
            {
                return false;
            }

            var exponent = StabilityPatterns.ScalarExpArgument(symbols, value);
            if (exponent != null
                && StabilityPatterns.Strip(exponent) is IUnaryOperation negation
                && negation.OperatorKind == UnaryOperatorKind.Minus
                && StabilityPatterns.Strip(negation.Operand) is IInvocationOperation abs
                && symbols.IsScalarMath(abs.TargetMethod, "Abs"))
            {
                return false;
            }

            return true;
        }

        /// <summary>NAN204 on a log call: <c>torch.log(torch.exp(x).sum(d))</c>, <c>Math.Log(xs.Sum(Math.Exp))</c>, or a loop sum.</summary>
        public static LogSumExpMatch? MatchLogSumExp(StabilityContext context, IInvocationOperation invocation)
        {
            var symbols = context.Symbols;
            if (context.HasTorch)
            {
                var log = StabilityPatterns.MatchTorchLog(symbols, invocation);
                if (log != null)
                {
                    if (invocation.TargetMethod.Name != "log")
                    {
                        return null;
                    }

                    var sum = StabilityPatterns.MatchTorchSum(symbols, StabilityPatterns.Resolve(log.Input));
                    var exp = sum is null ? null : StabilityPatterns.MatchTorchExp(symbols, StabilityPatterns.Resolve(sum.Input));
                    return exp != null && !StabilityPatterns.IsSubtraction(exp.Input)
                        ? new LogSumExpMatch(invocation, true, sum, exp, null)
                        : null;
                }
            }

            var argument = StabilityPatterns.ScalarLogArgument(symbols, invocation)?.Value;
            if (argument is null)
            {
                return null;
            }

            var value = StabilityPatterns.Resolve(argument);
            if (value is IInvocationOperation call && KnownSymbols.IsMember(call.TargetMethod, symbols.Enumerable, "Sum"))
            {
                if (call.Arguments.Length == 2 && IsExpSelector(symbols, call.Arguments[1].Value))
                {
                    return new LogSumExpMatch(invocation, false, null, null, call.Arguments[0].Value);
                }

                if (call.Arguments.Length == 1
                    && StabilityPatterns.Strip(call.Arguments[0].Value) is IInvocationOperation select
                    && KnownSymbols.IsMember(select.TargetMethod, symbols.Enumerable, "Select")
                    && select.Arguments.Length == 2
                    && IsExpSelector(symbols, select.Arguments[1].Value))
                {
                    return new LogSumExpMatch(invocation, false, null, null, select.Arguments[0].Value);
                }

                return null;
            }

            if (value is ILocalReferenceOperation accumulator)
            {
                return MatchLoopSum(symbols, invocation, accumulator);
            }

            return null;
        }

        /// <summary><c>Math.Exp</c> as a method group, or <c>v =&gt; Math.Exp(v)</c>.</summary>
        private static bool IsExpSelector(KnownSymbols symbols, IOperation? selector)
        {
            if (selector is null || !(StabilityPatterns.Strip(selector) is IDelegateCreationOperation creation))
            {
                return false;
            }

            switch (creation.Target)
            {
                case IMethodReferenceOperation reference:
                    return symbols.IsScalarMath(reference.Method, "Exp");
                case IAnonymousFunctionOperation lambda when lambda.Symbol.Parameters.Length == 1 && lambda.Body?.Operations.Length >= 1:
                    var last = lambda.Body.Operations[lambda.Body.Operations.Length - 1];
                    var returned = (last as IReturnOperation)?.ReturnedValue;
                    var exponent = returned is null ? null : StabilityPatterns.ScalarExpArgument(symbols, returned);
                    return exponent != null
                           && StabilityPatterns.Strip(exponent) is IParameterReferenceOperation parameter
                           && SymbolEqualityComparer.Default.Equals(parameter.Parameter, lambda.Symbol.Parameters[0]);
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>double sum = 0; foreach (var v in xs) sum += Math.Exp(v); ... Math.Log(sum)</c>: every write of the
        /// accumulator adds an unshifted exp inside a loop.
        /// </summary>
        private static LogSumExpMatch? MatchLoopSum(KnownSymbols symbols, IInvocationOperation log, ILocalReferenceOperation accumulator)
        {
            var local = accumulator.Local;
            var root = StabilityPatterns.Root(accumulator);
            var declared = false;
            var writes = new List<(IOperation Write, IOperation Exponent)>();
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    if (declarator.Initializer?.Value is null || !StabilityPatterns.IsConstant(declarator.Initializer.Value, 0))
                    {
                        return null;
                    }

                    declared = true;
                    continue;
                }

                if (!(operation is ILocalReferenceOperation reference)
                    || !SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    || !StabilityPatterns.IsWritten(reference))
                {
                    continue;
                }

                IOperation? added = null;
                switch (reference.Parent)
                {
                    case ICompoundAssignmentOperation compound when compound.OperatorKind == BinaryOperatorKind.Add && compound.OperatorMethod is null:
                        added = compound.Value;
                        break;
                    case ISimpleAssignmentOperation simple
                        when StabilityPatterns.Strip(simple.Value) is IBinaryOperation plus
                             && plus.OperatorKind == BinaryOperatorKind.Add
                             && StabilityPatterns.Strip(plus.LeftOperand) is ILocalReferenceOperation self
                             && SymbolEqualityComparer.Default.Equals(self.Local, local):
                        added = plus.RightOperand;
                        break;
                }

                var exponent = added is null ? null : StabilityPatterns.ScalarExpArgument(symbols, added);
                if (exponent is null || StabilityPatterns.IsSubtraction(exponent) || StabilityPatterns.Ancestor<ILoopOperation>(reference) is null)
                {
                    return null;
                }

                writes.Add((reference.Parent!, exponent));
            }

            if (!declared || writes.Count == 0)
            {
                return null;
            }

            IOperation? source = null;
            if (writes.Count == 1
                && StabilityPatterns.Ancestor<ILoopOperation>(writes[0].Write) is IForEachLoopOperation loop
                && loop.LoopControlVariable is IVariableDeclaratorOperation variable
                && StabilityPatterns.Strip(writes[0].Exponent) is ILocalReferenceOperation element
                && SymbolEqualityComparer.Default.Equals(element.Local, variable.Symbol)
                && StabilityPatterns.Ancestor<ILoopOperation>(log, outer => outer == loop) is null)
            {
                source = StabilityPatterns.Strip(loop.Collection);
            }

            return new LogSumExpMatch(log, false, null, null, source);
        }
    }
}

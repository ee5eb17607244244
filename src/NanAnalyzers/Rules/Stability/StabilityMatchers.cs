using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NanAnalyzers.Rules.Stability
{
    /// <summary>What NAN201 found: the log of a softmax, of a sigmoid, or of one minus a sigmoid.</summary>
    internal enum LogOfKind
    {
        Softmax,
        Sigmoid,
        OneMinusSigmoid,
    }

    /// <summary>A NAN201 finding: <see cref="Log"/> takes the log of <see cref="Inner"/>.</summary>
    internal sealed class LogOfMatch
    {
        public LogOfMatch(IInvocationOperation log, LogOfKind kind, bool isTorch, CallMatch? torchInner, IOperation input, bool throughLocal)
        {
            Log = log;
            Kind = kind;
            IsTorch = isTorch;
            TorchInner = torchInner;
            Input = input;
            ThroughLocal = throughLocal;
        }

        public IInvocationOperation Log { get; }

        public LogOfKind Kind { get; }

        public bool IsTorch { get; }

        /// <summary>The TorchSharp softmax or sigmoid call.</summary>
        public CallMatch? TorchInner { get; }

        /// <summary>The softmax's or sigmoid's input (the logits).</summary>
        public IOperation Input { get; }

        /// <summary>True when the softmax/sigmoid was stored in a local first.</summary>
        public bool ThroughLocal { get; }
    }

    /// <summary>A hand-written binary cross-entropy <c>-(y * log(p) + (1 - y) * log(1 - p))</c> with p a sigmoid.</summary>
    internal sealed class HandWrittenBceMatch
    {
        public HandWrittenBceMatch(IOperation top, IInvocationOperation logP, IInvocationOperation logOneMinusP, IOperation logit, IOperation? target, int sign, bool throughLocal)
        {
            Top = top;
            LogP = logP;
            LogOneMinusP = logOneMinusP;
            Logit = logit;
            Target = target;
            Sign = sign;
            ThroughLocal = throughLocal;
        }

        /// <summary>The whole arithmetic expression (the span reported and replaced).</summary>
        public IOperation Top { get; }

        public IInvocationOperation LogP { get; }

        public IInvocationOperation LogOneMinusP { get; }

        /// <summary>The sigmoid's input z.</summary>
        public IOperation Logit { get; }

        /// <summary>y, when the expression is exactly <c>±(y * log(p) + (1 - y) * log(1 - p))</c>; otherwise null (no fix).</summary>
        public IOperation? Target { get; }

        /// <summary>-1 when <see cref="Top"/> is the loss (the cross-entropy), +1 when it is the log-likelihood.</summary>
        public int Sign { get; }

        public bool ThroughLocal { get; }
    }

    /// <summary>A TorchSharp loss on probabilities: <c>binary_cross_entropy(sigmoid(z), y)</c> or <c>nll_loss(log(softmax(z, d)), y)</c>.</summary>
    internal sealed class TorchLossMatch
    {
        public TorchLossMatch(IInvocationOperation loss, bool isBinary, CallMatch probabilities, bool throughLocal)
        {
            Loss = loss;
            IsBinary = isBinary;
            Probabilities = probabilities;
            ThroughLocal = throughLocal;
        }

        public IInvocationOperation Loss { get; }

        public bool IsBinary { get; }

        /// <summary>The sigmoid (binary) or softmax (nll) call.</summary>
        public CallMatch Probabilities { get; }

        public bool ThroughLocal { get; }
    }

    /// <summary>The matchers of NAN201 and NAN202, shared by the analyzers and the fixers.</summary>
    internal static class StabilityMatchers
    {
        /// <summary>NAN201: <paramref name="invocation"/> is a log of a softmax or sigmoid.</summary>
        public static LogOfMatch? MatchLogOf(StabilityContext context, IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var symbols = context.Symbols;
            if (context.HasTorch)
            {
                var log = StabilityPatterns.MatchTorchLog(symbols, invocation);
                if (log != null)
                {
                    var argument = StabilityPatterns.Resolve(log.Input);
                    var throughLocal = argument != StabilityPatterns.Strip(log.Input);
                    var softmax = StabilityPatterns.MatchTorchSoftmax(symbols, argument);
                    if (softmax != null)
                    {
                        return new LogOfMatch(invocation, LogOfKind.Softmax, true, softmax, softmax.Input, throughLocal);
                    }

                    var sigmoid = StabilityPatterns.MatchTorchSigmoid(symbols, argument);
                    if (sigmoid != null)
                    {
                        return new LogOfMatch(invocation, LogOfKind.Sigmoid, true, sigmoid, sigmoid.Input, throughLocal);
                    }

                    var complement = StabilityPatterns.OneMinus(argument);
                    if (complement != null)
                    {
                        var inner = StabilityPatterns.Resolve(complement);
                        sigmoid = StabilityPatterns.MatchTorchSigmoid(symbols, inner);
                        if (sigmoid != null)
                        {
                            return new LogOfMatch(invocation, LogOfKind.OneMinusSigmoid, true, sigmoid, sigmoid.Input, throughLocal || inner != StabilityPatterns.Strip(complement));
                        }
                    }

                    return null;
                }
            }

            var scalar = StabilityPatterns.ScalarLogArgument(symbols, invocation);
            if (scalar?.Value is null)
            {
                return null;
            }

            var value = StabilityPatterns.Resolve(scalar.Value);
            var local = value != StabilityPatterns.Strip(scalar.Value);
            if (StabilityPatterns.TryMatchScalarSigmoid(context, value, cancellationToken, out var z))
            {
                return new LogOfMatch(invocation, LogOfKind.Sigmoid, false, null, z, local);
            }

            var rest = StabilityPatterns.OneMinus(value);
            if (rest != null)
            {
                var inner = StabilityPatterns.Resolve(rest);
                if (StabilityPatterns.TryMatchScalarSigmoid(context, inner, cancellationToken, out z))
                {
                    return new LogOfMatch(invocation, LogOfKind.OneMinusSigmoid, false, null, z, local || inner != StabilityPatterns.Strip(rest));
                }
            }

            return null;
        }

        /// <summary>
        /// NAN202, hand-written: the additive expression around <paramref name="log"/> holds both <c>log(p)</c> and
        /// <c>log(1 - p)</c> with p a sigmoid.
        /// </summary>
        public static HandWrittenBceMatch? MatchHandWrittenBce(StabilityContext context, IInvocationOperation log, CancellationToken cancellationToken)
        {
            var symbols = context.Symbols;
            if (StabilityPatterns.ScalarLogArgument(symbols, log) is null)
            {
                return null;
            }

            IOperation top = log;
            while (top.Parent is IOperation parent
                   && (parent is IBinaryOperation binary && binary.OperatorMethod is null
                       && (binary.OperatorKind == BinaryOperatorKind.Add || binary.OperatorKind == BinaryOperatorKind.Subtract
                           || (binary.OperatorKind == BinaryOperatorKind.Multiply && StabilityPatterns.Strip(top) == log))
                       || parent is IUnaryOperation unary && unary.OperatorMethod is null
                       && (unary.OperatorKind == UnaryOperatorKind.Minus || unary.OperatorKind == UnaryOperatorKind.Plus)
                       || parent is IConversionOperation conversion && conversion.OperatorMethod is null && conversion.IsImplicit
                       || parent is IParenthesizedOperation))
            {
                top = parent;
            }

            var terms = StabilityPatterns.AdditiveTerms(top);
            if (terms.Count < 2 || terms.Count > 8)
            {
                return null;
            }

            LogTerm? positive = null;
            LogTerm? negative = null;
            foreach (var (term, sign) in terms)
            {
                var parsed = LogTerm.Parse(symbols, term, sign);
                if (parsed is null)
                {
                    continue;
                }

                var argument = StabilityPatterns.Resolve(parsed.Argument);
                if (positive is null && StabilityPatterns.OneMinus(parsed.Argument) is null
                    && StabilityPatterns.TryMatchScalarSigmoid(context, argument, cancellationToken, out var z))
                {
                    positive = parsed;
                    positive.Logit = z;
                    positive.ThroughLocal = argument != StabilityPatterns.Strip(parsed.Argument);
                }
                else if (negative is null && StabilityPatterns.OneMinus(parsed.Argument) is IOperation rest)
                {
                    negative = parsed;
                    negative.Complement = rest;
                }
            }

            if (positive?.Logit is null || negative?.Complement is null
                || !StabilityPatterns.SameValue(negative.Complement, positive.Argument))
            {
                return null;
            }

            IOperation? target = null;
            if (terms.Count == 2
                && positive.Sign == negative.Sign
                && positive.Weight != null
                && negative.Weight != null
                && StabilityPatterns.OneMinus(negative.Weight) is IOperation y
                && StabilityPatterns.SameValue(y, positive.Weight))
            {
                target = positive.Weight;
            }

            return new HandWrittenBceMatch(top, positive.Log, negative.Log, positive.Logit, target, positive.Sign, positive.ThroughLocal);
        }

        /// <summary>NAN202, TorchSharp: a cross-entropy called on probabilities.</summary>
        public static TorchLossMatch? MatchTorchLoss(StabilityContext context, IInvocationOperation invocation)
        {
            var symbols = context.Symbols;
            if (!context.HasTorch || symbols.TorchFunctional is null)
            {
                return null;
            }

            var method = invocation.TargetMethod;
            var isBinary = KnownSymbols.IsMember(method, symbols.TorchFunctional, "binary_cross_entropy");
            if (!isBinary && !KnownSymbols.IsMember(method, symbols.TorchFunctional, "nll_loss"))
            {
                return null;
            }

            var input = StabilityPatterns.ExplicitArgument(invocation, 0)?.Value;
            if (input is null)
            {
                return null;
            }

            var value = StabilityPatterns.Resolve(input);
            var throughLocal = value != StabilityPatterns.Strip(input);
            if (isBinary)
            {
                var sigmoid = StabilityPatterns.MatchTorchSigmoid(symbols, value);
                return sigmoid is null ? null : new TorchLossMatch(invocation, true, sigmoid, throughLocal);
            }

            var log = StabilityPatterns.MatchTorchLog(symbols, value);
            if (log is null)
            {
                return null;
            }

            var inner = StabilityPatterns.Resolve(log.Input);
            var softmax = StabilityPatterns.MatchTorchSoftmax(symbols, inner);
            return softmax is null ? null : new TorchLossMatch(invocation, false, softmax, throughLocal || inner != StabilityPatterns.Strip(log.Input));
        }

        /// <summary>True when <paramref name="log"/> is (directly) the input of a TorchSharp <c>nll_loss</c>.</summary>
        public static bool IsNllLossInput(StabilityContext context, IInvocationOperation log)
        {
            IOperation current = log;
            while (current.Parent is IConversionOperation || current.Parent is IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IArgumentOperation argument
                   && argument.Parameter?.Ordinal == 0
                   && argument.Parent is IInvocationOperation loss
                   && KnownSymbols.IsMember(loss.TargetMethod, context.Symbols.TorchFunctional, "nll_loss");
        }

        private sealed class LogTerm
        {
            private LogTerm(IInvocationOperation log, IOperation argument, IOperation? weight, int sign)
            {
                Log = log;
                Argument = argument;
                Weight = weight;
                Sign = sign;
            }

            public IInvocationOperation Log { get; }

            public IOperation Argument { get; }

            public IOperation? Weight { get; }

            public int Sign { get; }

            public IOperation? Logit { get; set; }

            public IOperation? Complement { get; set; }

            public bool ThroughLocal { get; set; }

            public static LogTerm? Parse(KnownSymbols symbols, IOperation term, int sign)
            {
                var value = StabilityPatterns.Strip(term);
                if (value is IInvocationOperation direct && StabilityPatterns.ScalarLogArgument(symbols, direct)?.Value is IOperation directArgument)
                {
                    return new LogTerm(direct, directArgument, null, sign);
                }

                if (!(value is IBinaryOperation product) || product.OperatorKind != BinaryOperatorKind.Multiply || product.OperatorMethod != null)
                {
                    return null;
                }

                IInvocationOperation? log = null;
                IOperation? weight = null;
                if (StabilityPatterns.Strip(product.RightOperand) is IInvocationOperation right && StabilityPatterns.ScalarLogArgument(symbols, right) != null)
                {
                    log = right;
                    weight = product.LeftOperand;
                }
                else if (StabilityPatterns.Strip(product.LeftOperand) is IInvocationOperation left && StabilityPatterns.ScalarLogArgument(symbols, left) != null)
                {
                    log = left;
                    weight = product.RightOperand;
                }

                var argument = log is null ? null : StabilityPatterns.ScalarLogArgument(symbols, log)?.Value;
                if (log is null || argument is null || weight is null)
                {
                    return null;
                }

                if (StabilityPatterns.Strip(weight) is IUnaryOperation negated && negated.OperatorKind == UnaryOperatorKind.Minus && negated.OperatorMethod is null)
                {
                    weight = negated.Operand;
                    sign = -sign;
                }

                return new LogTerm(log, argument, weight, sign);
            }
        }
    }
}

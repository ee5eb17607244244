using System.Threading.Tasks;
using NanAnalyzers.Rules.Domain;
using NanAnalyzers.Tests.Verification;
using Xunit;

namespace NanAnalyzers.Tests.Domain
{
    /// <summary>The results of NanGuard's SafeMath are known to the range analysis: a fixed expression stays unflagged.</summary>
    public class NanGuardResultTests
    {
        [Fact]
        public Task SqrtOfSafeDivideOfNonNegativesIsNotFlagged()
            => Verify<SqrtArgumentAnalyzer>.AnalyzerAsync(@"
using NanGuard;

class C
{
    static double Std(double[] xs, double mean)
    {
        double sumOfSquares = 0;
        foreach (var x in xs) { double d = x - mean; sumOfSquares += d * d; }
        return System.Math.Sqrt(SafeMath.Divide(sumOfSquares, xs.Length));
    }
}", new TestOptions { WithNanGuard = true });

        [Fact]
        public Task LogOfSafeExpIsStillFlaggedBecauseExpMayBeZero()
            => Verify<LogArgumentAnalyzer>.AnalyzerAsync(@"
using NanGuard;

class C
{
    static double M(double z) => System.Math.Log({|NAN101:SafeMath.Exp(z)|});
}", new TestOptions { WithNanGuard = true });

        [Fact]
        public Task SqrtOfSafeDivideOfPossiblyNegativeIsFlagged()
            => Verify<SqrtArgumentAnalyzer>.AnalyzerAsync(@"
using NanGuard;

class C
{
    static double M(double a, double n) => System.Math.Sqrt({|NAN102:SafeMath.Divide(a, n)|});
}", new TestOptions { WithNanGuard = true });
    }
}

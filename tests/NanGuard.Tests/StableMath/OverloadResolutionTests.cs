using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NanGuard.Tests.StableMathTests
{
    /// <summary>
    /// The LogSumExp overloads bind without ambiguity for arrays, lists and LINQ queries. The test
    /// project compiles with the newest language version; <see cref="LanguageVersionTests"/> compiles
    /// the same calls with C# 12.
    /// </summary>
    public sealed class OverloadResolutionTests
    {
        [Fact]
        public void Arrays_lists_and_queries_bind()
        {
            var list = new List<double> { 1, 2, 3 };
            double a = StableMath.LogSumExp(new double[] { 1, 2, 3 });
            double b = StableMath.LogSumExp(list);
            double c = StableMath.LogSumExp(list.Select(v => v));
            float d = StableMath.LogSumExp(new float[] { 1, 2, 3 });
            Assert.Equal(a, b, 1e-15);
            Assert.Equal(a, c, 1e-15);
            Assert.Equal(a, d, 1e-5);
        }
    }
}

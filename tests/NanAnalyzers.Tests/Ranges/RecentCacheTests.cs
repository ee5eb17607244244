using System.Linq;
using System.Threading.Tasks;
using NanAnalyzers.Ranges;
using Xunit;

namespace NanAnalyzers.Tests.Ranges
{
    /// <summary>The bounded cache the range analysis keeps its recent bodies in.</summary>
    public class RecentCacheTests
    {
        [Fact]
        public void AHitReturnsTheStoredValueWithoutComputingAgain()
        {
            var cache = new RecentCache<string, object>(4);
            var key = "body";
            var first = cache.GetOrAdd(key, _ => new object());
            var computed = 0;
            var second = cache.GetOrAdd(key, _ => { computed++; return new object(); });
            Assert.Same(first, second);
            Assert.Equal(0, computed);
        }

        [Fact]
        public void TheOldestEntryIsEvictedAndComputedAgainWhenAskedFor()
        {
            var keys = Enumerable.Range(0, 5).Select(i => "body" + i).ToArray();
            var cache = new RecentCache<string, object>(4);
            var values = keys.Select(k => cache.GetOrAdd(k, _ => new object())).ToArray();

            // keys[0] was evicted by keys[4]; keys[1..4] are kept.
            Assert.NotSame(values[0], cache.GetOrAdd(keys[0], _ => new object()));
            Assert.Same(values[4], cache.GetOrAdd(keys[4], _ => new object()));
        }

        [Fact]
        public void ConcurrentMissesAgreeOnOneValue()
        {
            var cache = new RecentCache<string, object>(8);
            var key = "body";
            var results = new object[64];
            Parallel.For(0, results.Length, i => results[i] = cache.GetOrAdd(key, _ => new object()));
            var kept = cache.GetOrAdd(key, _ => new object());
            Assert.Contains(results, r => ReferenceEquals(r, kept));
            Assert.Same(kept, cache.GetOrAdd(key, _ => new object()));
        }
    }
}

using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NanAnalyzers.Tests.Ranges
{
    public class DebugDump
    {
        [Fact]
        public async Task Dump()
        {
            var src = System.Environment.GetEnvironmentVariable("RANGE_DUMP");
            if (src == null) return;
            var probes = await RangeHarness.ProbesAsync("class C {\n" + src + "\n}");
            Assert.Fail(string.Join("\n", probes[0].Ranges.Results.Dump()) + "\nANALYSED=" + probes[0].Ranges.IsAnalysed);
        }
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NanAnalyzers.Benchmarks
{
    /// <summary>The switches of <see cref="Program"/> that shape the jobs.</summary>
    public static class BenchmarkSettings
    {
        /// <summary><c>--short</c>: one size, few iterations (a smoke run of well under a minute per suite).</summary>
        public static bool Short { get; set; }

        /// <summary>
        /// <c>--sizes 67108864[,...]</c>: the NanGuard sizes to run instead of the mode's own (e.g. only the
        /// memory-bound 64 M rows); null for the defaults.
        /// </summary>
        public static int[]? Sizes { get; set; }

        /// <summary>
        /// Benchmarks run in this process (no generated project to build: the machines are small and shared,
        /// and the CA2242 analyzer is loaded from a file next to this program).
        /// </summary>
        public static Job Apply(Job job) => job.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
    }

    /// <summary>Seconds-long operations: one invocation per iteration.</summary>
    public sealed class AnalyzerConfig : ManualConfig
    {
        public AnalyzerConfig()
        {
            var job = Job.Default.WithInvocationCount(1).WithUnrollFactor(1)
                .WithWarmupCount(1)
                .WithIterationCount(BenchmarkSettings.Short ? 3 : 5);
            AddJob(BenchmarkSettings.Apply(job).WithId(BenchmarkSettings.Short ? "short" : "analyzers"));
            SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
            AddColumn(StatisticColumn.Min);
        }
    }

    /// <summary>Microsecond to millisecond operations: BenchmarkDotNet picks the invocation count.</summary>
    public sealed class NanGuardConfig : ManualConfig
    {
        public NanGuardConfig()
        {
            // Short: a fixed invocation count (no pilot stage), one warm-up and three measured iterations.
            var job = BenchmarkSettings.Short
                ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(4).WithUnrollFactor(1)
                : Job.Default.WithWarmupCount(3).WithIterationCount(10);
            AddJob(BenchmarkSettings.Apply(job).WithId(BenchmarkSettings.Short ? "short" : "nanguard"));
            SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Value);
        }
    }
}

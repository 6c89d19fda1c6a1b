using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// One short job, run in-process (InProcessEmitToolchain: no generated project to build, which also keeps
/// BenchmarkDotNet away from the repository's build outputs). 1 launch, 4 warm-up and 15 measured iterations of
/// ~250 ms each: the full suite takes about 4-5 minutes on 2 cores.
/// </summary>
public static class BenchConfig
{
    public const string JobDescription = "in-process (InProcessEmitToolchain), 1 launch, 4 warm-up + 15 iterations of ~250 ms";

    public static IConfig Create(bool quick)
    {
        var job = quick
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
            : Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(15)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Short");
        return ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full); // DefaultConfig already exports CSV, GitHub markdown and HTML
    }
}

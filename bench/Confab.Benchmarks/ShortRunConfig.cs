using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Confab.Benchmarks;

/// <summary>
/// The micro-benchmarks' job: in process (so native libraries load once), 3 warm-up and 15 measured
/// iterations, with the full JSON report the result scripts read.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Short"));
        AddExporter(JsonExporter.Full);
    }
}

using System.Globalization;
using Confab.LoadGen.Measurement;

namespace Confab.LoadGen;

/// <summary>The load generator's command line.</summary>
public static class LoadGenCommands
{
    private const string Usage = """
        usage:
          Confab.LoadGen proc <pid> <seconds>       samples a process's CPU time and memory, prints JSON
          Confab.LoadGen janus-smoke <janus-url> <local-ip> <seconds>
                                                    two participants publish to and subscribe to each other in a
                                                    Janus videoroom; prints packet counts as JSON
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "proc" when args.Length == 3:
                return await SampleProcessAsync(int.Parse(args[1], CultureInfo.InvariantCulture), double.Parse(args[2], CultureInfo.InvariantCulture))
                    .ConfigureAwait(false);
            case "janus-smoke" when args.Length == 4:
                return await Janus.JanusSmoke.RunAsync(new Uri(args[1]), System.Net.IPAddress.Parse(args[2]),
                    TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture))).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }
    }

    private static async Task<int> SampleProcessAsync(int pid, double seconds)
    {
        await using var sampler = new ProcessSampler(pid, TimeSpan.FromMilliseconds(250));
        sampler.Start();
        await Task.Delay(TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        await sampler.StopAsync().ConfigureAwait(false);
        ProcessUsage usage = sampler.Summarize();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"cpu_us\": {usage.CpuMicroseconds}, \"wall_s\": {usage.WallSeconds:F3}, \"cores\": {usage.CoresUsed:F3}, \"rss_kb_peak\": {usage.PeakResidentKilobytes}}}"));
        return 0;
    }
}

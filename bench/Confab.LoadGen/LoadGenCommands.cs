using System.Globalization;
using System.Net;
using System.Text.Json;
using Confab.LoadGen.Janus;
using Confab.LoadGen.Measurement;
using Confab.LoadGen.Scenarios;

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
          Confab.LoadGen janus-scenario <janus-url> <local-ip> <janus-pid> <name> <meetings> <size> <audio-only 0|1>
                                        <videos-per-subscriber|all> <measure-seconds> [video-bps] [active-speakers|all]
                                                    runs one load shape against Janus; prints a ScenarioResult as JSON
          Confab.LoadGen confab-scenario <signaling-ws-url> <server-pid> <name> <meetings> <size> <audio-only 0|1>
                                        <videos-per-subscriber|all> <measure-seconds> [video-bps] [active-speakers|all]
                                                    the same against Confab's SFU (development signaling)
        """;

    private static readonly JsonSerializerOptions ResultJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args.FirstOrDefault())
        {
            case "proc" when args.Length == 3:
                return await SampleProcessAsync(int.Parse(args[1], CultureInfo.InvariantCulture), double.Parse(args[2], CultureInfo.InvariantCulture))
                    .ConfigureAwait(false);
            case "janus-smoke" when args.Length == 4:
                return await JanusSmoke.RunAsync(new Uri(args[1]), IPAddress.Parse(args[2]),
                    TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture))).ConfigureAwait(false);
            case "janus-scenario" when args.Length is >= 10 and <= 12:
                return await RunJanusScenarioAsync(args).ConfigureAwait(false);
            case "confab-scenario" when args.Length is >= 9 and <= 11:
                return await RunConfabScenarioAsync(args).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }
    }

    private static async Task<int> RunJanusScenarioAsync(string[] args)
    {
        var scenario = new MeetingScenario(
            Name: args[4],
            Meetings: int.Parse(args[5], CultureInfo.InvariantCulture),
            MeetingSize: int.Parse(args[6], CultureInfo.InvariantCulture),
            AudioOnly: args[7] == "1",
            MaxVideosPerSubscriber: args[8] == "all" ? null : int.Parse(args[8], CultureInfo.InvariantCulture),
            MeasureSeconds: double.Parse(args[9], CultureInfo.InvariantCulture),
            VideoBitsPerSecond: args.Length > 10 ? int.Parse(args[10], CultureInfo.InvariantCulture) : 1_500_000,
            ActiveSpeakers: args.Length > 11 && args[11] != "all" ? int.Parse(args[11], CultureInfo.InvariantCulture) : null);
        var runner = new JanusScenarioRunner(new Uri(args[1]), IPAddress.Parse(args[2]), int.Parse(args[3], CultureInfo.InvariantCulture));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        ScenarioResult result = await runner.RunAsync(scenario, cancel.Token).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(result, ResultJson));
        return result.Failure is null ? 0 : 1;
    }

    private static async Task<int> RunConfabScenarioAsync(string[] args)
    {
        var scenario = new MeetingScenario(
            Name: args[3],
            Meetings: int.Parse(args[4], CultureInfo.InvariantCulture),
            MeetingSize: int.Parse(args[5], CultureInfo.InvariantCulture),
            AudioOnly: args[6] == "1",
            MaxVideosPerSubscriber: args[7] == "all" ? null : int.Parse(args[7], CultureInfo.InvariantCulture),
            MeasureSeconds: double.Parse(args[8], CultureInfo.InvariantCulture),
            VideoBitsPerSecond: args.Length > 9 ? int.Parse(args[9], CultureInfo.InvariantCulture) : 1_500_000,
            ActiveSpeakers: args.Length > 10 && args[10] != "all" ? int.Parse(args[10], CultureInfo.InvariantCulture) : null);
        var runner = new ConfabSfu.ConfabScenarioRunner(new Uri(args[1]), int.Parse(args[2], CultureInfo.InvariantCulture));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        ScenarioResult result = await runner.RunAsync(scenario, cancel.Token).ConfigureAwait(false);
        Console.WriteLine(JsonSerializer.Serialize(result, ResultJson));
        return result.Failure is null ? 0 : 1;
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

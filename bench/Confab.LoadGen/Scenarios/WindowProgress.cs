namespace Confab.LoadGen.Scenarios;

/// <summary>
/// Tells whoever watches a run (on standard error, so the JSON result on standard output stays one line) that the
/// warm-up is over and the measured window begins: the moment to attach a profiler or to sample the machine.
/// </summary>
internal static class WindowProgress
{
    public static Task AnnounceAsync(MeetingScenario scenario) =>
        Console.Error.WriteLineAsync(
            $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {scenario.Name}: {scenario.Participants} participants, measuring {scenario.MeasureSeconds} s");
}

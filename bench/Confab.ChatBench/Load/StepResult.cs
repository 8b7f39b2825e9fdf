namespace Confab.ChatBench.Load;

/// <summary>
/// One offered rate's outcome. It holds when the senders kept up (at least 95 % of the offered rate went out in the window) and
/// every message sent, warm-up included, was acknowledged to its sender, delivered exactly once to every receiver (under the id it
/// was acknowledged with) before the drain ended, and found in PostgreSQL, with no refusal and no socket closed by the server. Delays are of the window's messages,
/// from the time each was due to its arrival, over all receivers (null when none arrived). <see cref="GeneratorCores"/>: the CPU
/// time this process used from the first send to the end of the drain, in cores (it shares the machine with the server).
/// </summary>
internal sealed record StepResult(
    int OfferedPerSecond,
    double AchievedPerSecond,
    long Sent,
    long Acked,
    long Refused,
    string RefusalCodes,
    long Persisted,
    long Missing,
    long Duplicates,
    long Unexpected,
    int ReceiversWithOtherIds,
    int SocketsClosedByServer,
    string Failures,
    double GeneratorCores,
    long DelaySamples,
    double? DelayP50Ms,
    double? DelayP99Ms,
    double? DelayMaxMs)
{
    public const double KeptUpFraction = 0.95;

    public bool Holds => Problems().Count == 0;

    /// <summary>What kept the rate from holding, in words; empty when it holds.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (AchievedPerSecond < KeptUpFraction * OfferedPerSecond)
        {
            problems.Add($"sent {AchievedPerSecond:F0}/s of {OfferedPerSecond}/s");
        }
        if (Acked != Sent)
        {
            problems.Add($"{Sent - Acked} of {Sent} not acknowledged");
        }
        if (Refused > 0)
        {
            problems.Add($"{Refused} refused ({RefusalCodes})");
        }
        if (Missing > 0)
        {
            problems.Add($"{Missing} deliveries missing");
        }
        if (Duplicates > 0 || Unexpected > 0)
        {
            problems.Add($"{Duplicates} duplicate and {Unexpected} unexpected deliveries");
        }
        if (ReceiversWithOtherIds > 0)
        {
            problems.Add($"{ReceiversWithOtherIds} receivers got messages under other ids than acknowledged");
        }
        if (Persisted != Sent)
        {
            problems.Add($"{Persisted} rows stored for {Sent} sent");
        }
        if (SocketsClosedByServer > 0)
        {
            problems.Add($"{SocketsClosedByServer} sockets closed by the server");
        }
        if (Failures.Length > 0)
        {
            problems.Add(Failures);
        }
        return problems;
    }
}

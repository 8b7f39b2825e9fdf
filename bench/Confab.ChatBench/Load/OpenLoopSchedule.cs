using System.Diagnostics;

namespace Confab.ChatBench.Load;

/// <summary>
/// When each message of a run is due: message k (0-based, over all senders) at <see cref="Origin"/> + k / rate, whatever became
/// of the earlier ones (open loop). The first <c>warmup</c> seconds' messages are the warm-up; the rest form the measured window.
/// Times are <see cref="Stopwatch"/> timestamps.
/// </summary>
internal sealed class OpenLoopSchedule
{
    private readonly double _ticksPerMessage;

    public OpenLoopSchedule(long origin, int messagesPerSecond, int warmupSeconds, int windowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messagesPerSecond);
        Origin = origin;
        MessagesPerSecond = messagesPerSecond;
        _ticksPerMessage = (double)Stopwatch.Frequency / messagesPerSecond;
        FirstInWindow = (long)messagesPerSecond * warmupSeconds;
        Messages = FirstInWindow + ((long)messagesPerSecond * windowSeconds);
        WindowStart = origin + (Stopwatch.Frequency * warmupSeconds);
        End = origin + (Stopwatch.Frequency * (warmupSeconds + windowSeconds));
    }

    public long Origin { get; }

    public int MessagesPerSecond { get; }

    /// <summary>All messages of the run, warm-up included.</summary>
    public long Messages { get; }

    /// <summary>The first message of the measured window.</summary>
    public long FirstInWindow { get; }

    public long WindowStart { get; }

    public long End { get; }

    public double WindowSeconds => (double)(End - WindowStart) / Stopwatch.Frequency;

    public long DueAt(long sequence) => Origin + (long)(sequence * _ticksPerMessage);

    /// <summary>How many messages (over all senders) are due by <paramref name="now"/>.</summary>
    public long DueBy(long now) => now < Origin ? 0 : Math.Min(Messages, (long)((now - Origin) / _ticksPerMessage) + 1);

    public bool InWindow(long sequence) => sequence >= FirstInWindow && sequence < Messages;
}

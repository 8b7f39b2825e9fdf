namespace Confab.Client.Tests;

/// <summary>A clock that moves only when the test says so (timestamps in 100 ns ticks).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _elapsedTicks;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _elapsedTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _elapsedTicks, by.Ticks);

    public long NowUnixMicros => (GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
}

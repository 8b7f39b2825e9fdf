namespace Confab.ChatBench.Load;

/// <summary>
/// A pulse about every millisecond from one dedicated thread: the senders wait for it and then send all that fell due, so
/// ten thousand messages a second need a thousand wake-ups, not ten thousand timers.
/// </summary>
internal sealed class Ticker : IDisposable
{
    private readonly Thread _thread;
    private TaskCompletionSource _next = NewPulse();
    private volatile bool _stopped;

    public Ticker()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "chat-bench ticker" };
        _thread.Start();
    }

    /// <summary>Completes at the next pulse.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
        Volatile.Read(ref _next).TrySetResult();
    }

    private void Run()
    {
        while (!_stopped)
        {
            Thread.Sleep(1);
            Interlocked.Exchange(ref _next, NewPulse()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

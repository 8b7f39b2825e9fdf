namespace Confab.Rtc.Net.Batching;

/// <summary>How a batched system call ended.</summary>
internal enum BatchStatus
{
    /// <summary>Datagrams moved (for a receive: at least one).</summary>
    Done,

    /// <summary>Nothing arrived within SO_RCVTIMEO, or a signal interrupted the wait.</summary>
    TimedOut,

    /// <summary>The socket reported an error (e.g. ECONNREFUSED from an ICMP message): not fatal.</summary>
    Failed,

    /// <summary>The socket was disposed.</summary>
    Closed,

    /// <summary>The C library or the kernel lacks the call: use one datagram per call.</summary>
    Unsupported,
}

using System.Collections.Concurrent;

namespace Confab.ChatBench.Measurement;

/// <summary>
/// The senders' side of a run, by sequence number: which messages went out, which were acknowledged, and the refusals. Each
/// sequence number is written by the one sender that owns it (its send loop marks it sent, its reader acknowledged).
/// </summary>
internal sealed class SendLedger(long messages)
{
    private readonly bool[] _sent = new bool[messages];
    private readonly bool[] _acked = new bool[messages];
    private long _sentCount;
    private long _ackedCount;
    private long _sentInWindow;
    private long _refused;
    private long _fingerprint;

    public long Messages => _sent.Length;

    public long SentCount => Interlocked.Read(ref _sentCount);

    public long AckedCount => Interlocked.Read(ref _ackedCount);

    /// <summary>Messages whose send completed inside the measured window.</summary>
    public long SentInWindow => Interlocked.Read(ref _sentInWindow);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The <see cref="MessageFingerprint"/> sum of the acknowledged messages under their acknowledged ids.</summary>
    public long Fingerprint => Interlocked.Read(ref _fingerprint);

    /// <summary>How many times each refusal code came back.</summary>
    public ConcurrentDictionary<string, int> RefusalCodes { get; } = new(StringComparer.Ordinal);

    public bool WasSent(long sequence) => Volatile.Read(ref _sent[sequence]);

    public void MarkSent(long sequence, bool insideWindow)
    {
        Volatile.Write(ref _sent[sequence], true);
        Interlocked.Increment(ref _sentCount);
        if (insideWindow)
        {
            Interlocked.Increment(ref _sentInWindow);
        }
    }

    /// <summary>An acknowledgement; false when the message was already acknowledged (a second ack is not counted).</summary>
    public bool MarkAcked(long sequence, Guid messageId)
    {
        if (sequence < 0 || sequence >= _acked.Length || Volatile.Read(ref _acked[sequence]))
        {
            return false;
        }
        Volatile.Write(ref _acked[sequence], true);
        Interlocked.Add(ref _fingerprint, MessageFingerprint.Of(sequence, messageId));
        Interlocked.Increment(ref _ackedCount);
        return true;
    }

    public void MarkRefused(string? code)
    {
        Interlocked.Increment(ref _refused);
        RefusalCodes.AddOrUpdate(code ?? "unknown", 1, static (_, n) => n + 1);
    }

    /// <summary>Sent messages that no acknowledgement came for.</summary>
    public long Unacknowledged()
    {
        long unacked = 0;
        for (long i = 0; i < _sent.Length; i++)
        {
            if (WasSent(i) && !Volatile.Read(ref _acked[i]))
            {
                unacked++;
            }
        }
        return unacked;
    }
}

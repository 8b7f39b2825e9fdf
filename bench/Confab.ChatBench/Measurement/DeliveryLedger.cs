namespace Confab.ChatBench.Measurement;

/// <summary>
/// What one receiver got, by sequence number: each message should arrive exactly once, under the id it was acknowledged with. Written by the receiver's reader only;
/// <see cref="Distinct"/> may be read from elsewhere while it runs.
/// </summary>
internal sealed class DeliveryLedger(long messages)
{
    private readonly byte[] _counts = new byte[messages];
    private long _distinct;

    /// <summary>Messages received at least once.</summary>
    public long Distinct => Volatile.Read(ref _distinct);

    /// <summary>Deliveries beyond the first of a message.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Deliveries of a sequence number outside the run.</summary>
    public long Unexpected { get; private set; }

    /// <summary>The <see cref="MessageFingerprint"/> sum of the first delivery of each message.</summary>
    public long Fingerprint { get; private set; }

    public void Record(long sequence, Guid messageId)
    {
        if (sequence < 0 || sequence >= _counts.Length)
        {
            Unexpected++;
            return;
        }
        byte count = _counts[sequence];
        if (count == 0)
        {
            Fingerprint = unchecked(Fingerprint + MessageFingerprint.Of(sequence, messageId));
            Volatile.Write(ref _distinct, _distinct + 1);
        }
        else
        {
            Duplicates++;
        }
        if (count < byte.MaxValue)
        {
            _counts[sequence] = (byte)(count + 1);
        }
    }

    /// <summary>Messages that were sent but never arrived here.</summary>
    public long MissingOf(SendLedger sent)
    {
        long missing = 0;
        for (long i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0 && sent.WasSent(i))
            {
                missing++;
            }
        }
        return missing;
    }

    /// <summary>Messages that arrived here but were never sent (impossible unless something is wrong).</summary>
    public long NeverSentOf(SendLedger sent)
    {
        long never = 0;
        for (long i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] != 0 && !sent.WasSent(i))
            {
                never++;
            }
        }
        return never;
    }
}

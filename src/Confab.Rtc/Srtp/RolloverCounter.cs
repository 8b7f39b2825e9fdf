namespace Confab.Rtc.Srtp;

/// <summary>
/// Packet index estimation from a 16-bit sequence number (RFC 3711 §3.3.1 and Appendix A).
/// The 48-bit index is ROC * 2^16 + SEQ.
/// </summary>
internal static class RolloverCounter
{
    private const int SequenceBits = 16;
    private const int HalfSequenceSpace = 32768;

    /// <summary>
    /// Estimates the index of a packet with sequence number <paramref name="sequenceNumber"/> given the
    /// highest index seen so far (s_l and ROC). False when the guess would be ROC - 1 with ROC = 0.
    /// </summary>
    public static bool TryEstimateIndex(ulong highestIndex, ushort sequenceNumber, out ulong index)
    {
        long roc = (long)(highestIndex >> SequenceBits);
        int highestSequence = (ushort)highestIndex;
        long guessedRoc = roc;
        if (highestSequence < HalfSequenceSpace)
        {
            if (sequenceNumber - highestSequence > HalfSequenceSpace)
            {
                guessedRoc = roc - 1;
            }
        }
        else if (highestSequence - HalfSequenceSpace > sequenceNumber)
        {
            guessedRoc = roc + 1;
        }

        if (guessedRoc < 0 || guessedRoc > uint.MaxValue)
        {
            index = 0;
            return false;
        }

        index = ((ulong)guessedRoc << SequenceBits) | sequenceNumber;
        return true;
    }

    /// <summary>The rollover counter part of an index.</summary>
    public static uint RocOf(ulong index) => (uint)(index >> SequenceBits);
}

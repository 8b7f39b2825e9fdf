namespace Confab.Rtc.Rtp;

/// <summary>
/// Extends 16-bit RTP sequence numbers to 64 bits (in the spirit of RFC 3550 Appendix A.1).
/// Each value is placed at the distance nearest to the highest one seen so far: a step of up
/// to 32767 forward is newer (crossing 65535 → 0 adds a cycle), a step of up to 32768 back is
/// an older, reordered or duplicate packet and maps below the highest without moving it.
/// The first value maps to itself; packets older than it map to negative numbers.
/// A mutable struct: keep it in a field, never copy it.
/// </summary>
public struct SequenceUnwrapper
{
    private long _highest;
    private bool _initialized;

    public readonly bool IsInitialized => _initialized;

    /// <summary>The highest extended value seen so far (meaningless before the first packet).</summary>
    public readonly long Highest => _highest;

    /// <summary>Extends <paramref name="sequenceNumber"/> and records it.</summary>
    public long Unwrap(ushort sequenceNumber)
    {
        long extended = PeekUnwrap(sequenceNumber);
        if (!_initialized || extended > _highest)
        {
            _highest = extended;
            _initialized = true;
        }

        return extended;
    }

    /// <summary>Extends <paramref name="sequenceNumber"/> without recording it.</summary>
    public readonly long PeekUnwrap(ushort sequenceNumber)
    {
        if (!_initialized)
        {
            return sequenceNumber;
        }

        short delta = unchecked((short)(sequenceNumber - (ushort)_highest));
        return _highest + delta;
    }

    public void Reset()
    {
        _highest = 0;
        _initialized = false;
    }
}

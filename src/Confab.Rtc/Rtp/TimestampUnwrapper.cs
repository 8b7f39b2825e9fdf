namespace Confab.Rtc.Rtp;

/// <summary>
/// Extends 32-bit RTP timestamps to 64 bits: each value is placed at the distance nearest to
/// the highest one seen so far (up to 2^31 - 1 forward, up to 2^31 back), so wraps at
/// 2^32 add a cycle and reordered or repeated timestamps map below the highest without
/// moving it. The first value maps to itself. A mutable struct: keep it in a field.
/// </summary>
public struct TimestampUnwrapper
{
    private long _highest;
    private bool _initialized;

    public readonly bool IsInitialized => _initialized;

    public readonly long Highest => _highest;

    public long Unwrap(uint timestamp)
    {
        long extended = PeekUnwrap(timestamp);
        if (!_initialized || extended > _highest)
        {
            _highest = extended;
            _initialized = true;
        }

        return extended;
    }

    public readonly long PeekUnwrap(uint timestamp)
    {
        if (!_initialized)
        {
            return timestamp;
        }

        int delta = unchecked((int)(timestamp - (uint)_highest));
        return _highest + delta;
    }

    public void Reset()
    {
        _highest = 0;
        _initialized = false;
    }
}

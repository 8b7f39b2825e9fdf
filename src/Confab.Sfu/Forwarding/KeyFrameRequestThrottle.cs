namespace Confab.Sfu.Forwarding;

/// <summary>
/// Decides whether a key-frame request (PLI/FIR) from a subscriber is passed on to the publisher. Many
/// subscribers asking at once must not make the publisher send a key frame each time: one request per
/// <see cref="MinIntervalMs"/> goes through, the rest are absorbed (the coming key frame serves them all).
/// </summary>
public sealed class KeyFrameRequestThrottle
{
    public const long MinIntervalMs = 500;

    private long _lastForwardedMs = long.MinValue;

    public bool ShouldForward(long nowMs)
    {
        if (_lastForwardedMs != long.MinValue && nowMs - _lastForwardedMs < MinIntervalMs)
        {
            return false;
        }
        _lastForwardedMs = nowMs;
        return true;
    }

    /// <summary>A key frame arrived: the next request is a new need and goes through at once.</summary>
    public void OnKeyFrame() => _lastForwardedMs = long.MinValue;
}

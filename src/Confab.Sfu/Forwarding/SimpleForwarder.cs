namespace Confab.Sfu.Forwarding;

/// <summary>
/// Decides, packet by packet, what one consumer of a single-stream producer sends: nothing while paused;
/// for video, nothing after a (re)start until a key frame (the decoder could not use it); otherwise the packet,
/// renumbered by its <see cref="RtpMunger"/>. Pure decisions: no sockets, no clocks of its own.
/// </summary>
public sealed class SimpleForwarder
{
    private readonly bool _isVideo;
    private readonly RtpMunger _munger;
    private bool _paused;
    private bool _waitingForKeyFrame;

    public SimpleForwarder(bool isVideo, int clockRate)
    {
        _isVideo = isVideo;
        _munger = new RtpMunger(clockRate);
        _waitingForKeyFrame = isVideo;
    }

    public bool IsPaused => _paused;

    /// <summary>True while a video consumer waits for a key frame before it can send.</summary>
    public bool IsWaitingForKeyFrame => _waitingForKeyFrame;

    public RtpMunger Munger => _munger;

    public void Pause() => _paused = true;

    /// <summary>Resumes; returns true when a key frame must be requested from the publisher.</summary>
    public bool Resume()
    {
        if (!_paused)
        {
            return false;
        }
        _paused = false;
        _munger.StartNewSegment();
        _waitingForKeyFrame = _isVideo;
        return _isVideo;
    }

    /// <summary>
    /// The source resumes after a gap (it was blocked): the next packet opens a new output segment, and video waits
    /// for a key frame. Returns true when a key frame must be requested.
    /// </summary>
    public bool Restart()
    {
        _munger.StartNewSegment();
        _waitingForKeyFrame = _isVideo;
        return _isVideo && !_paused;
    }

    public DropReason Decide(in IncomingRtp packet, long nowMs, out long outputSequence, out long outputTimestamp)
    {
        outputSequence = 0;
        outputTimestamp = 0;
        if (_paused)
        {
            return DropReason.Paused;
        }
        if (_waitingForKeyFrame)
        {
            if (!packet.KeyFrameStart)
            {
                return DropReason.WaitingForKeyFrame;
            }
            _waitingForKeyFrame = false;
            _munger.StartNewSegment();
        }
        return _munger.TryMunge(packet, nowMs, out outputSequence, out outputTimestamp)
            ? DropReason.None
            : DropReason.OlderThanSegment;
    }
}

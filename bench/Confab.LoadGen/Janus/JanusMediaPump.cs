using System.Diagnostics;
using Confab.LoadGen.Media;

namespace Confab.LoadGen.Janus;

/// <summary>
/// A Janus participant's outgoing media: audio every 20 ms (when it speaks) and video frames at the set rate (when it
/// shows video), each <see cref="Pump"/> sending what is due by now, as Confab's synthetic source does. A pump that
/// fell more than <see cref="MaxLagMicroseconds"/> behind skips what it missed instead of bursting it out.
/// </summary>
public sealed class JanusMediaPump
{
    public const long MaxLagMicroseconds = 200_000;

    private readonly MediaPeer _peer;
    private readonly SyntheticRtpWriter _writer;
    private readonly byte[] _buffer = new byte[1500];
    private readonly VideoPacketSink _sendVideo;
    private readonly long _audioStep;
    private readonly long _videoStep;
    private long _nextAudio;
    private long _nextVideo;

    public JanusMediaPump(MediaPeer peer, SyntheticRtpWriter writer, bool includeAudio, bool includeVideo)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(writer);
        _peer = peer;
        _writer = writer;
        _sendVideo = (buffer, length) => _peer.SendRtp(buffer, length);
        _audioStep = (long)SyntheticMediaOptions.AudioFrameInterval.TotalMicroseconds;
        _videoStep = (long)TimeSpan.FromSeconds(1.0 / writer.Options.FramesPerSecond).TotalMicroseconds;
        long start = ProbeTrailer.NowMicroseconds();
        _nextAudio = includeAudio ? start : long.MaxValue;
        _nextVideo = includeVideo ? start : long.MaxValue;
    }

    /// <summary>When the next packet is due (monotonic microseconds); long.MaxValue when nothing is sent.</summary>
    public long NextDue => Math.Min(_nextAudio, _nextVideo);

    /// <summary>Sends what is due; returns when the next packet is due, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long Pump()
    {
        long now = ProbeTrailer.NowMicroseconds();
        if (_nextAudio != long.MaxValue && now - _nextAudio > MaxLagMicroseconds)
        {
            _nextAudio = now;
        }
        if (_nextVideo != long.MaxValue && now - _nextVideo > MaxLagMicroseconds)
        {
            _nextVideo = now;
        }
        while (NextDue <= now)
        {
            if (_nextAudio <= _nextVideo)
            {
                _peer.SendRtp(_buffer, _writer.WriteAudio(_buffer));
                _nextAudio += _audioStep;
            }
            else
            {
                _writer.WriteVideoFrame(_buffer, _sendVideo);
                _nextVideo += _videoStep;
            }
        }
        return NextDue == long.MaxValue ? long.MaxValue : (long)((double)NextDue * Stopwatch.Frequency / 1_000_000);
    }
}

using System.Security.Cryptography;
using System.Text;
using Confab.Rtc.Rtp;

namespace Confab.Client.Media;

/// <summary>
/// Publishes synthetic media on a clock: Opus-sized audio packets (one every 20 ms, timestamp += 960 at
/// 48 kHz) and VP8-shaped video frames at a chosen bitrate, split into packets of at most
/// <see cref="SyntheticMediaOptions.MaxPacketBytes"/> with the marker on the last packet of each frame, a
/// key frame every <see cref="SyntheticMediaOptions.KeyFrameInterval"/> and whenever one is asked for.
/// Every payload carries a <see cref="MediaProbe"/> (send time and per-stream counter).
/// <para>
/// <see cref="Pump"/> emits every packet that is due by the <see cref="TimeProvider"/>'s clock; <see cref="Start"/>
/// calls it from a timer. With a manual clock, tests call <see cref="Pump"/> themselves. Packets are built in one
/// reused buffer: nothing is allocated per packet.
/// </para>
/// </summary>
public sealed class SyntheticMediaSource : IDisposable
{
    public const int AudioClockRateHz = 48_000;
    public const int VideoClockRateHz = 90_000;

    /// <summary>How often the timer looks for due packets.</summary>
    public static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// When the clock runs further ahead than this (a stalled process), the packets in between are skipped rather
    /// than sent in one burst; RTP timestamps still follow the clock.
    /// </summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromMilliseconds(200);

    private const int MaxRtpPacketBytes = 1500;

    private readonly SyntheticMediaOptions _options;
    private readonly IRtpPacketSink _sink;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly byte[] _packet = new byte[MaxRtpPacketBytes];
    private readonly byte[] _audioExtension;
    private readonly byte[] _videoExtension;
    private readonly long _audioIntervalTicks;
    private readonly int _keyFrameEveryFrames;
    private ITimer? _timer;
    private bool _started;
    private long _startTimestamp;
    private long _audioIndex;
    private long _videoFrameIndex;
    private long _lastKeyFrameIndex = long.MinValue;
    private ushort _audioSequence;
    private ushort _videoSequence;
    private readonly uint _audioTimestampBase;
    private readonly uint _videoTimestampBase;
    private uint _audioCounter;
    private uint _videoCounter;
    private int _pictureId;
    private int _keyFrameRequested;
    private int _recordedIndex;

    public SyntheticMediaSource(SyntheticMediaOptions options, IRtpPacketSink sink, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _time = timeProvider ?? TimeProvider.System;
        if (options.MaxPacketBytes is < 64 or > MaxRtpPacketBytes || options.FrameRate is < 1 or > 120
            || (options.Video && options.VideoBitrate < 8_000) || options.AudioPayloadBytes < SyntheticPayloadLayout.OpusHeaderLength + MediaProbe.Length
            || options.AudioPacketInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("Synthetic media options out of range.", nameof(options));
        }
        _audioExtension = BuildMidExtension(options.MidExtensionId, options.AudioMid);
        _videoExtension = BuildMidExtension(options.MidExtensionId, options.VideoMid);
        _audioIntervalTicks = (long)((Int128)options.AudioPacketInterval.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
        _keyFrameEveryFrames = Math.Max(1, (int)Math.Round(options.KeyFrameInterval.TotalSeconds * options.FrameRate));
        _audioSequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        _videoSequence = (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue + 1);
        _audioTimestampBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        _videoTimestampBase = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
        _pictureId = RandomNumberGenerator.GetInt32(Vp8PayloadWriter.PictureIdMask + 1);
    }

    public SyntheticMediaOptions Options => _options;

    public long AudioPacketsSent { get; private set; }

    public long AudioBytesSent { get; private set; }

    public long VideoPacketsSent { get; private set; }

    public long VideoBytesSent { get; private set; }

    public long VideoFramesSent { get; private set; }

    public long KeyFramesSent { get; private set; }

    /// <summary>Audio packets not sent because the clock had run more than <see cref="MaxLag"/> ahead.</summary>
    public long AudioPacketsSkipped { get; private set; }

    /// <summary>Video frames not sent because the clock had run more than <see cref="MaxLag"/> ahead.</summary>
    public long VideoFramesSkipped { get; private set; }

    /// <summary>Bytes of every RTP packet of one video frame together (headers included).</summary>
    public int VideoFrameBytes => Math.Max(_options.VideoBitrate / 8 / _options.FrameRate, MinFrameBytes);

    private int VideoHeaderBytes => RtpHeader.FixedHeaderLength + _videoExtension.Length;

    private int MinFrameBytes => VideoHeaderBytes + SyntheticPayloadLayout.MinVideoPayload;

    /// <summary>Starts the clock (the first audio packet and video frame are due at once) without a timer.</summary>
    public void StartManual()
    {
        lock (_gate)
        {
            if (!_started)
            {
                _started = true;
                _startTimestamp = _time.GetTimestamp();
            }
        }
    }

    /// <summary>Starts the clock and a timer that pumps every <see cref="PumpInterval"/>.</summary>
    public void Start()
    {
        StartManual();
        _timer ??= _time.CreateTimer(static state => ((SyntheticMediaSource)state!).Pump(), this, TimeSpan.Zero, PumpInterval);
    }

    /// <summary>The next video frame is a key frame (a PLI or FIR arrived).</summary>
    public void RequestKeyFrame() => Interlocked.Exchange(ref _keyFrameRequested, 1);

    /// <summary>
    /// Sends every packet that is due by now. Returns when the next one is due, as a timestamp of the source's
    /// <see cref="TimeProvider"/> (long.MaxValue when it sends nothing or is not started).
    /// </summary>
    public long Pump()
    {
        lock (_gate)
        {
            if (!_started)
            {
                return long.MaxValue;
            }
            long now = _time.GetTimestamp();
            SkipAheadIfStalled(now);
            while (true)
            {
                long audioDue = AudioDue(_audioIndex);
                long videoDue = VideoDue(_videoFrameIndex);
                if (Math.Min(audioDue, videoDue) > now)
                {
                    return Math.Min(audioDue, videoDue);
                }
                if (audioDue <= videoDue)
                {
                    SendAudio();
                }
                else
                {
                    SendVideoFrame();
                }
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _started = false;
        }
    }

    private long AudioDue(long index) => _options.Audio ? _startTimestamp + (index * _audioIntervalTicks) : long.MaxValue;

    private long VideoDue(long index) =>
        _options.Video ? _startTimestamp + (long)((Int128)index * _time.TimestampFrequency / _options.FrameRate) : long.MaxValue;

    private void SkipAheadIfStalled(long now)
    {
        long maxLagTicks = (long)(MaxLag.TotalSeconds * _time.TimestampFrequency);
        long elapsed = now - _startTimestamp;
        if (_options.Audio && now - AudioDue(_audioIndex) > maxLagTicks)
        {
            long resume = elapsed / _audioIntervalTicks;
            AudioPacketsSkipped += resume - _audioIndex;
            _audioIndex = resume;
        }
        if (_options.Video && now - VideoDue(_videoFrameIndex) > maxLagTicks)
        {
            long resume = (long)((Int128)elapsed * _options.FrameRate / _time.TimestampFrequency);
            VideoFramesSkipped += resume - _videoFrameIndex;
            _videoFrameIndex = resume;
        }
    }

    private long NowUnixMicros() => (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / (TimeSpan.TicksPerMillisecond / 1000);

    private void SendAudio()
    {
        uint timestamp = unchecked(_audioTimestampBase
            + (uint)(_audioIndex * (long)(_options.AudioPacketInterval.Ticks * AudioClockRateHz / TimeSpan.TicksPerSecond)));
        var fields = new RtpHeaderFields(_options.AudioPayloadType, _audioSequence++, timestamp, _options.AudioSsrc);
        RtpHeaderWriter.TryWrite(_packet, fields, [], _audioExtension, out int headerLength);
        Span<byte> payload = _packet.AsSpan(headerLength, _options.AudioPayloadBytes);
        payload[0] = SyntheticPayloadLayout.OpusToc;
        var probe = new MediaProbe(NowUnixMicros(), _audioCounter++);
        int written = SyntheticPayloadLayout.OpusHeaderLength + probe.WriteTo(payload[SyntheticPayloadLayout.OpusHeaderLength..]);
        payload[written..].Clear();
        int length = headerLength + _options.AudioPayloadBytes;
        _audioIndex++;
        AudioPacketsSent++;
        AudioBytesSent += length;
        _sink.SendRtp(_packet.AsSpan(0, length));
    }

    private void SendVideoFrame()
    {
        if (_options.RecordedVideo is { } recording)
        {
            SendRecordedVideoFrame(recording);
            return;
        }
        bool keyFrame = Interlocked.Exchange(ref _keyFrameRequested, 0) == 1
            || _lastKeyFrameIndex == long.MinValue
            || _videoFrameIndex - _lastKeyFrameIndex >= _keyFrameEveryFrames;
        if (keyFrame)
        {
            _lastKeyFrameIndex = _videoFrameIndex;
            KeyFramesSent++;
        }
        uint timestamp = unchecked(_videoTimestampBase + (uint)(_videoFrameIndex * VideoClockRateHz / _options.FrameRate));
        int frameBytes = VideoFrameBytes;
        int packets = (frameBytes + _options.MaxPacketBytes - 1) / _options.MaxPacketBytes;
        if ((frameBytes / packets) < MinFrameBytes)
        {
            packets = Math.Max(1, frameBytes / MinFrameBytes);
        }
        for (int i = 0; i < packets; i++)
        {
            int packetBytes = (frameBytes / packets) + (i < frameBytes % packets ? 1 : 0);
            bool first = i == 0;
            bool last = i == packets - 1;
            var fields = new RtpHeaderFields(_options.VideoPayloadType, _videoSequence++, timestamp, _options.VideoSsrc, last);
            RtpHeaderWriter.TryWrite(_packet, fields, [], _videoExtension, out int headerLength);
            Span<byte> payload = _packet.AsSpan(headerLength, packetBytes - headerLength);
            int offset = Vp8PayloadWriter.WriteDescriptor(payload, first, _pictureId);
            if (first)
            {
                offset += Vp8PayloadWriter.WriteFrameHeader(payload[offset..], keyFrame, frameBytes / 2, _options.Width, _options.Height);
            }
            offset += new MediaProbe(NowUnixMicros(), _videoCounter++).WriteTo(payload[offset..]);
            payload[offset..].Clear();
            VideoPacketsSent++;
            VideoBytesSent += packetBytes;
            _sink.SendRtp(_packet.AsSpan(0, packetBytes));
        }
        _pictureId = (_pictureId + 1) & Vp8PayloadWriter.PictureIdMask;
        _videoFrameIndex++;
        VideoFramesSent++;
    }

    // RFC 7741 §4.1: a recorded frame split over packets, the descriptor's S bit on the first. A key-frame
    // request skips ahead to the recording's next key frame.
    private void SendRecordedVideoFrame(IvfFile recording)
    {
        if (Interlocked.Exchange(ref _keyFrameRequested, 0) == 1)
        {
            do
            {
                _recordedIndex = (_recordedIndex + 1) % recording.Frames.Count;
            }
            while (!recording.Frames[_recordedIndex].IsKeyFrame);
        }
        Vp8Frame frame = recording.Frames[_recordedIndex];
        _recordedIndex = (_recordedIndex + 1) % recording.Frames.Count;
        if (frame.IsKeyFrame)
        {
            KeyFramesSent++;
        }
        uint timestamp = unchecked(_videoTimestampBase + (uint)(_videoFrameIndex * VideoClockRateHz / _options.FrameRate));
        ReadOnlySpan<byte> data = frame.Data.Span;
        int chunk = _options.MaxPacketBytes - VideoHeaderBytes - SyntheticPayloadLayout.Vp8DescriptorLength;
        for (int offset = 0; offset < data.Length; offset += chunk)
        {
            int length = Math.Min(chunk, data.Length - offset);
            bool last = offset + length == data.Length;
            var fields = new RtpHeaderFields(_options.VideoPayloadType, _videoSequence++, timestamp, _options.VideoSsrc, last);
            RtpHeaderWriter.TryWrite(_packet, fields, [], _videoExtension, out int headerLength);
            int descriptor = Vp8PayloadWriter.WriteDescriptor(_packet.AsSpan(headerLength), offset == 0, _pictureId);
            data.Slice(offset, length).CopyTo(_packet.AsSpan(headerLength + descriptor));
            int packetBytes = headerLength + descriptor + length;
            VideoPacketsSent++;
            VideoBytesSent += packetBytes;
            _sink.SendRtp(_packet.AsSpan(0, packetBytes));
        }
        _pictureId = (_pictureId + 1) & Vp8PayloadWriter.PictureIdMask;
        _videoFrameIndex++;
        VideoFramesSent++;
    }

    // RFC 9143 §15 / RFC 8285 §4.2: one sdes:mid element in the one-byte form.
    private static byte[] BuildMidExtension(byte id, string mid)
    {
        if (id == 0)
        {
            return [];
        }
        byte[] value = Encoding.ASCII.GetBytes(mid);
        var block = new byte[RtpHeaderExtensionWriter.BlockSize(RtpHeaderExtensionWriter.ElementSize(RtpHeaderExtensionForm.OneByte, value.Length))];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        if (!writer.TryAdd(id, value) || !writer.TryFinish(out int length))
        {
            throw new ArgumentException($"mid '{mid}' does not fit a one-byte header extension with id {id}.", nameof(mid));
        }
        return block[..length];
    }
}

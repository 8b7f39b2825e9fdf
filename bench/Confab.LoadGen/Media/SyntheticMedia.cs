using System.Buffers.Binary;
using Confab.Rtc.Rtp;

namespace Confab.LoadGen.Media;

/// <summary>What one synthetic participant publishes.</summary>
/// <param name="AudioPayloadBytes">Opus-sized: 100 bytes every 20 ms is 40 kbit/s of payload.</param>
/// <param name="VideoBitsPerSecond">VP8-shaped video bitrate (payload).</param>
/// <param name="FramesPerSecond">Video frame rate.</param>
/// <param name="KeyFrameInterval">A keyframe this often.</param>
/// <param name="KeyFrameScale">A keyframe is this many times a delta frame's size.</param>
/// <param name="MaxVideoPayloadBytes">Packetisation limit per RTP packet (payload).</param>
public sealed record SyntheticMediaOptions(
    int AudioPayloadBytes = 100,
    int VideoBitsPerSecond = 1_500_000,
    int FramesPerSecond = 30,
    double KeyFrameIntervalSeconds = 3,
    double KeyFrameScale = 4,
    int MaxVideoPayloadBytes = 1100)
{
    public static readonly TimeSpan AudioFrameInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Average frame size so that keyframes plus delta frames give the set bitrate.</summary>
    public int DeltaFrameBytes
    {
        get
        {
            double framesPerKeyFrame = FramesPerSecond * KeyFrameIntervalSeconds;
            double bytesPerSecond = VideoBitsPerSecond / 8.0;
            double unitsPerSecond = FramesPerSecond + ((KeyFrameScale - 1) * FramesPerSecond / framesPerKeyFrame);
            return (int)(bytesPerSecond / unitsPerSecond);
        }
    }
}

/// <summary>
/// Writes synthetic RTP packets: Opus-sized audio and VP8-shaped video (RFC 7741 payload descriptor with S=1
/// on a frame's first packet, the VP8 frame header on it — a keyframe's start code and size included, so an SFU
/// recognises keyframes — and the marker bit on a frame's last packet), each payload ending in a
/// <see cref="ProbeTrailer"/>. Plain RTP: the transport protects it.
/// </summary>
public sealed class SyntheticRtpWriter
{
    private const int VideoClockRate = 90_000;
    private const int AudioClockRate = 48_000;
    private const int AudioSamplesPerFrame = 960;

    // RFC 7741 §4.2: X=0 R=0 N=0 S=1 R=0 PID=0 on the first packet of a frame, S=0 on the rest.
    private const byte Vp8DescriptorStart = 0x10;
    private const byte Vp8DescriptorContinuation = 0x00;

    // RFC 6386 §9.1: frame tag (3 bytes, bit 0 = 0 for a keyframe, show_frame bit set), then for keyframes the
    // start code 9d 01 2a and 14-bit width and height.
    private const int Vp8FrameTagBytes = 3;
    private const int Vp8KeyFrameHeaderBytes = 10;

    private readonly uint _audioSsrc;
    private readonly uint _videoSsrc;
    private readonly byte _audioPayloadType;
    private readonly byte _videoPayloadType;
    private ushort _audioSequence;
    private ushort _videoSequence;
    private ulong _audioCounter;
    private ulong _videoCounter;
    private uint _audioTimestamp;
    private long _frameIndex;

    public SyntheticRtpWriter(uint audioSsrc, uint videoSsrc, byte audioPayloadType, byte videoPayloadType, SyntheticMediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _audioSsrc = audioSsrc;
        _videoSsrc = videoSsrc;
        _audioPayloadType = audioPayloadType;
        _videoPayloadType = videoPayloadType;
        Options = options;
        _audioSequence = (ushort)Random.Shared.Next();
        _videoSequence = (ushort)Random.Shared.Next();
    }

    public SyntheticMediaOptions Options { get; }

    /// <summary>Writes the next audio packet into <paramref name="buffer"/>; returns its length.</summary>
    public int WriteAudio(Span<byte> buffer)
    {
        int payloadBytes = Math.Max(Options.AudioPayloadBytes, ProbeTrailer.Size);
        WriteHeader(buffer, _audioPayloadType, marker: false, _audioSequence++, _audioTimestamp, _audioSsrc);
        _audioTimestamp += AudioSamplesPerFrame;
        Span<byte> payload = buffer.Slice(RtpHeader.FixedHeaderLength, payloadBytes);
        payload[..^ProbeTrailer.Size].Fill(0xF8);
        ProbeTrailer.TryWrite(payload, _audioCounter++, ProbeTrailer.NowMicroseconds());
        return RtpHeader.FixedHeaderLength + payloadBytes;
    }

    /// <summary>Calls <paramref name="send"/> once per packet of the next video frame (written into <paramref name="buffer"/>).</summary>
    public void WriteVideoFrame(Span<byte> buffer, VideoPacketSink send)
    {
        ArgumentNullException.ThrowIfNull(send);
        bool keyFrame = _frameIndex % Math.Max(1, (long)(Options.FramesPerSecond * Options.KeyFrameIntervalSeconds)) == 0;
        uint timestamp = (uint)(_frameIndex * VideoClockRate / Options.FramesPerSecond);
        _frameIndex++;
        int frameBytes = (int)(Options.DeltaFrameBytes * (keyFrame ? Options.KeyFrameScale : 1));
        int perPacket = Options.MaxVideoPayloadBytes - 1;
        int packets = Math.Max(1, (frameBytes + perPacket - 1) / perPacket);
        int remaining = frameBytes;
        for (int i = 0; i < packets; i++)
        {
            int chunk = Math.Max(ProbeTrailer.Size + Vp8KeyFrameHeaderBytes, Math.Min(perPacket, remaining));
            remaining -= chunk;
            bool last = i == packets - 1;
            WriteHeader(buffer, _videoPayloadType, last, _videoSequence++, timestamp, _videoSsrc);
            Span<byte> payload = buffer.Slice(RtpHeader.FixedHeaderLength, 1 + chunk);
            payload[0] = i == 0 ? Vp8DescriptorStart : Vp8DescriptorContinuation;
            payload[1..^ProbeTrailer.Size].Fill(0x55);
            if (i == 0)
            {
                WriteVp8FrameHeader(payload[1..], keyFrame, chunk);
            }

            ProbeTrailer.TryWrite(payload, _videoCounter++, ProbeTrailer.NowMicroseconds());
            send(buffer, RtpHeader.FixedHeaderLength + payload.Length);
        }
    }

    private static void WriteVp8FrameHeader(Span<byte> frame, bool keyFrame, int firstPartitionBytes)
    {
        // size_0..2 of the first partition (19 bits), show_frame = 1, version 0, key_frame bit (0 = key).
        uint tag = ((uint)firstPartitionBytes << 5) | (1u << 4) | (keyFrame ? 0u : 1u);
        frame[0] = (byte)tag;
        frame[1] = (byte)(tag >> 8);
        frame[2] = (byte)(tag >> 16);
        if (keyFrame)
        {
            frame[Vp8FrameTagBytes] = 0x9d;
            frame[Vp8FrameTagBytes + 1] = 0x01;
            frame[Vp8FrameTagBytes + 2] = 0x2a;
            BinaryPrimitives.WriteUInt16LittleEndian(frame[(Vp8FrameTagBytes + 3)..], 1280);
            BinaryPrimitives.WriteUInt16LittleEndian(frame[(Vp8FrameTagBytes + 5)..], 720);
        }
    }

    private static void WriteHeader(Span<byte> buffer, byte payloadType, bool marker, ushort sequence, uint timestamp, uint ssrc)
    {
        buffer[0] = 0x80; // V=2, no padding, no extension, no CSRC
        buffer[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], ssrc);
    }
}

/// <summary>Receives one written video packet (the buffer holds it; send it before returning).</summary>
public delegate void VideoPacketSink(Span<byte> buffer, int length);

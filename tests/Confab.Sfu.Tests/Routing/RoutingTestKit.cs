using System.Buffers.Binary;
using Confab.Rtc.Codecs;
using Confab.Rtc.Rtp;
using Confab.Sfu.Routing;

namespace Confab.Sfu.Tests.Routing;

/// <summary>Packets and recording sinks for routing tests.</summary>
internal static class RoutingTestKit
{
    public const byte Vp8PayloadType = 96;
    public const byte OpusPayloadType = 111;

    public static ProducerOptions Video(string id = "video") => new(id, MediaKind.Video, 90_000, Vp8PayloadType, VideoCodec.Vp8);

    public static ProducerOptions Audio(string id = "audio") => new(id, MediaKind.Audio, 48_000, OpusPayloadType, VideoCodec.Unknown);

    /// <summary>A VP8 packet: descriptor with S=1, PID=0, then a payload header whose P bit says key or not.</summary>
    public static byte[] Vp8Packet(ushort sequence, uint timestamp, uint ssrc, bool keyFrame, int payloadBytes = 100)
    {
        var packet = new byte[RtpHeader.FixedHeaderLength + payloadBytes];
        RtpHeaderWriter.TryWrite(packet, new RtpHeaderFields(Vp8PayloadType, sequence, timestamp, ssrc, Marker: true), [], out int header);
        packet[header] = 0x10;
        packet[header + 1] = keyFrame ? (byte)0x00 : (byte)0x01;
        for (int i = header + 2; i < packet.Length; i++)
        {
            packet[i] = (byte)(sequence + i);
        }
        return packet;
    }

    public static byte[] OpusPacket(ushort sequence, uint timestamp, uint ssrc)
    {
        var packet = new byte[RtpHeader.FixedHeaderLength + 60];
        RtpHeaderWriter.TryWrite(packet, new RtpHeaderFields(OpusPayloadType, sequence, timestamp, ssrc), [], out _);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(RtpHeader.FixedHeaderLength), sequence);
        return packet;
    }

    /// <summary>SSRCs of the two simulcast layers <see cref="TwoLayers"/> makes.</summary>
    public const uint LowSsrc = 0x10, HighSsrc = 0x30;

    /// <summary>A router with a two-layer simulcast video (low, high) sharing one key-frame requester.</summary>
    public static (Router Router, Producer Low, Producer High, RecordingKeyFrameRequester Requests) TwoLayers()
    {
        var router = new Router("room");
        var requests = new RecordingKeyFrameRequester();
        var low = router.AddProducer(Video("low"), requests);
        low.Ssrc = LowSsrc;
        var high = router.AddProducer(Video("high"), requests);
        high.Ssrc = HighSsrc;
        return (router, low, high, requests);
    }

    public static void Feed(Producer producer, byte[] packet, long nowMs, byte[] scratch)
    {
        Assert.True(RtpHeader.TryRead(packet, out var header));
        producer.OnRtp(packet, header, nowMs, scratch);
    }
}

internal sealed class RecordingSink : IRtpSink
{
    public List<byte[]> Packets { get; } = [];

    public bool Record { get; set; } = true;

    public int Count { get; private set; }

    public void SendRtp(Span<byte> buffer, int length)
    {
        Count++;
        if (Record)
        {
            Packets.Add(buffer[..length].ToArray());
        }
    }

    public RtpHeader Header(int index)
    {
        Assert.True(RtpHeader.TryRead(Packets[index], out var header));
        return header;
    }
}

internal sealed class RecordingKeyFrameRequester : IKeyFrameRequester
{
    public List<uint> Requests { get; } = [];

    public void RequestKeyFrame(uint mediaSsrc) => Requests.Add(mediaSsrc);
}

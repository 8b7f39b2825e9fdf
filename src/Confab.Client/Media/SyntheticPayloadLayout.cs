using Confab.Rtc.Codecs;
using Confab.Rtc.Sdp;

namespace Confab.Client.Media;

/// <summary>
/// Where the synthetic payloads put their bytes, for the writer and the reader alike.
/// <para>Audio (RFC 7587 §4): one Opus TOC byte (RFC 6716 §3.1), then the <see cref="MediaProbe"/>, then filler.</para>
/// <para>Video (RFC 7741 §4): the VP8 payload descriptor with a 15-bit picture id; on the first packet of a
/// frame the VP8 frame header (RFC 6386 §9.1: 3-byte frame tag, plus start code and dimensions on key
/// frames); then the <see cref="MediaProbe"/>, then filler.</para>
/// </summary>
public static class SyntheticPayloadLayout
{
    /// <summary>Opus TOC: config 15 (Hybrid FB 20 ms), mono, one frame per packet (code 0).</summary>
    public const byte OpusToc = 15 << 3;

    /// <summary>Bytes of the Opus TOC before the probe.</summary>
    public const int OpusHeaderLength = 1;

    /// <summary>Descriptor we write: X=1 byte, extension byte with I=1, two picture-id bytes (M=1).</summary>
    public const int Vp8DescriptorLength = 4;

    /// <summary>RFC 6386 §9.1: the frame tag of every frame.</summary>
    public const int Vp8FrameTagLength = 3;

    /// <summary>RFC 6386 §9.1: frame tag, 3-byte start code and two 16-bit dimensions on key frames.</summary>
    public const int Vp8KeyFrameHeaderLength = 10;

    private const byte InverseKeyFrameBit = 0x01;

    /// <summary>Smallest video payload of a packet: descriptor, key frame header and probe.</summary>
    public const int MinVideoPayload = Vp8DescriptorLength + Vp8KeyFrameHeaderLength + MediaProbe.Length;

    /// <summary>Finds the probe in a received payload; false when the payload is not one of ours.</summary>
    public static bool TryReadProbe(MediaKind kind, ReadOnlySpan<byte> payload, out MediaProbe probe)
    {
        probe = default;
        int offset;
        if (kind == MediaKind.Audio)
        {
            offset = OpusHeaderLength;
        }
        else if (kind == MediaKind.Video && Vp8PayloadDescriptor.TryRead(payload, out var descriptor))
        {
            offset = descriptor.Length;
            if (descriptor.StartOfPartition && descriptor.PartitionIndex == 0)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }
                offset += (payload[offset] & InverseKeyFrameBit) == 0 ? Vp8KeyFrameHeaderLength : Vp8FrameTagLength;
            }
        }
        else
        {
            return false;
        }

        return offset <= payload.Length && MediaProbe.TryRead(payload[offset..], out probe);
    }
}

using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

// draft-alvestrand-rmcat-remb-03 §2.2 — REMB (PSFB, FMT=15, application layer feedback)
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |V=2|P| FMT=15  |   PT=206      |             length            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of packet sender                        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |                  SSRC of media source (0)                     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Unique identifier 'R' 'E' 'M' 'B'                            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Num SSRC     | BR Exp    |  BR Mantissa                      |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |   SSRC feedback                                               |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ...                                                          |
//
// Bitrate in bits per second = mantissa (18 bits) × 2^exp (6 bits).

/// <summary>A parsed REMB: the estimated maximum bitrate for the listed SSRCs.</summary>
public readonly ref struct ReceiverEstimatedMaxBitrate
{
    public const uint Identifier = 0x52454D42; // "REMB"
    public const int MaxSsrcCount = byte.MaxValue;
    private const int IdentifierOffset = 0;
    private const int CountOffset = 4;
    private const int BitrateOffset = 5;
    private const int SsrcListOffset = 8;
    private const int SsrcLength = 4;
    private const int MantissaBits = 18;
    private const uint MantissaMask = (1u << MantissaBits) - 1;
    private const int ExponentMask = 0x3F;

    private readonly ReadOnlySpan<byte> _ssrcs;

    private ReceiverEstimatedMaxBitrate(uint senderSsrc, ulong bitrate, ReadOnlySpan<byte> ssrcs)
    {
        SenderSsrc = senderSsrc;
        BitrateBps = bitrate;
        _ssrcs = ssrcs;
    }

    public uint SenderSsrc { get; }

    /// <summary>Bits per second; saturates at <see cref="ulong.MaxValue"/> for exponents that overflow.</summary>
    public ulong BitrateBps { get; }

    public int SsrcCount => _ssrcs.Length / SsrcLength;

    public uint GetSsrc(int index) =>
        (uint)index < (uint)SsrcCount ? BinaryPrimitives.ReadUInt32BigEndian(_ssrcs[(index * SsrcLength)..]) : 0;

    public static bool TryRead(ReadOnlySpan<byte> data, out ReceiverEstimatedMaxBitrate remb)
    {
        remb = default;
        return RtcpPacket.TryReadSingle(data, RtcpPacketType.PayloadFeedback, out var packet) && TryRead(packet, out remb);
    }

    /// <summary>False unless PSFB FMT=15 with the "REMB" identifier and the SSRC list inside the packet.</summary>
    public static bool TryRead(RtcpPacket packet, out ReceiverEstimatedMaxBitrate remb)
    {
        remb = default;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.ApplicationLayer, out uint sender, out _, out var fci)
            || fci.Length < SsrcListOffset
            || BinaryPrimitives.ReadUInt32BigEndian(fci[IdentifierOffset..]) != Identifier)
        {
            return false;
        }

        int count = fci[CountOffset];
        if (fci.Length < SsrcListOffset + (count * SsrcLength))
        {
            return false;
        }

        int exponent = (fci[BitrateOffset] >> 2) & ExponentMask;
        uint mantissa = (uint)(((fci[BitrateOffset] & 0x03) << 16) | (fci[BitrateOffset + 1] << 8) | fci[BitrateOffset + 2]);
        remb = new ReceiverEstimatedMaxBitrate(sender, Decode(exponent, mantissa), fci.Slice(SsrcListOffset, count * SsrcLength));
        return true;
    }

    /// <summary>mantissa × 2^exponent, saturating.</summary>
    public static ulong Decode(int exponent, uint mantissa)
    {
        if (mantissa == 0)
        {
            return 0;
        }

        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)mantissa);
        return bits + exponent > 64 ? ulong.MaxValue : (ulong)mantissa << exponent;
    }

    /// <summary>The smallest exponent whose mantissa fits 18 bits; the mantissa rounds down (never over-reports).</summary>
    public static (int Exponent, uint Mantissa) Encode(ulong bitrateBps)
    {
        int exponent = 0;
        while ((bitrateBps >> exponent) > MantissaMask)
        {
            exponent++;
        }

        return (exponent, (uint)(bitrateBps >> exponent));
    }

    public static int GetMarshalSize(int ssrcCount) => FeedbackHeader.Length + SsrcListOffset + (ssrcCount * SsrcLength);

    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ulong bitrateBps, ReadOnlySpan<uint> ssrcs, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = GetMarshalSize(ssrcs.Length);
        if (ssrcs.Length > MaxSsrcCount || destination.Length < length)
        {
            return false;
        }

        var fci = FeedbackHeader.Write(destination, RtcpPacketType.PayloadFeedback, PayloadFeedbackFormat.ApplicationLayer, length, senderSsrc, 0);
        var (exponent, mantissa) = Encode(bitrateBps);
        BinaryPrimitives.WriteUInt32BigEndian(fci[IdentifierOffset..], Identifier);
        fci[CountOffset] = (byte)ssrcs.Length;
        fci[BitrateOffset] = (byte)((exponent << 2) | (int)(mantissa >> 16));
        fci[BitrateOffset + 1] = (byte)(mantissa >> 8);
        fci[BitrateOffset + 2] = (byte)mantissa;
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(fci[(SsrcListOffset + (i * SsrcLength))..], ssrcs[i]);
        }

        bytesWritten = length;
        return true;
    }
}

using System.Buffers.Binary;

namespace Confab.Rtc.Rtp;

/// <summary>
/// Builds an RTP header (RFC 3550 §5.1, layout in <see cref="RtpHeader"/>) into a caller buffer:
/// fixed header, CSRC list and an optional header extension block produced by
/// <see cref="RtpHeaderExtensionWriter"/> (profile word, length word and elements).
/// Padding is not written; the payload goes at the returned length.
/// </summary>
public static class RtpHeaderWriter
{
    /// <summary>Where the extension block starts for a header with <paramref name="csrcCount"/> CSRCs.</summary>
    public static int ExtensionOffset(int csrcCount) => RtpHeader.FixedHeaderLength + (csrcCount * RtpHeader.CsrcLength);

    /// <summary>Header length for the given CSRC count and extension block length (in bytes, a multiple of 4).</summary>
    public static int MarshalSize(int csrcCount, int extensionBlockLength) => ExtensionOffset(csrcCount) + extensionBlockLength;

    /// <summary>Writes a header without extension.</summary>
    public static bool TryWrite(Span<byte> destination, in RtpHeaderFields fields, ReadOnlySpan<uint> csrcs, out int bytesWritten) =>
        TryWrite(destination, fields, csrcs, [], out bytesWritten);

    /// <summary>
    /// Writes a header. <paramref name="extensionBlock"/> is empty or a complete extension block
    /// (4-byte profile/length header plus data, as returned by <see cref="RtpHeaderExtensionWriter"/>);
    /// the X bit is set when it is not empty. False, writing nothing useful, when a value is out of
    /// range, the block is malformed or the destination is too small.
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        in RtpHeaderFields fields,
        ReadOnlySpan<uint> csrcs,
        ReadOnlySpan<byte> extensionBlock,
        out int bytesWritten)
    {
        bytesWritten = 0;
        if (csrcs.Length > RtpHeader.MaxCsrcCount || fields.PayloadType > RtpHeader.PayloadTypeMask)
        {
            return false;
        }

        if (!extensionBlock.IsEmpty && !IsWellFormedExtensionBlock(extensionBlock))
        {
            return false;
        }

        int length = MarshalSize(csrcs.Length, extensionBlock.Length);
        if (destination.Length < length)
        {
            return false;
        }

        byte first = (byte)((RtpHeader.Version2 << RtpHeader.VersionShift) | csrcs.Length);
        if (!extensionBlock.IsEmpty)
        {
            first |= RtpHeader.ExtensionBit;
        }

        destination[RtpHeader.FirstByteOffset] = first;
        destination[RtpHeader.MarkerAndPayloadTypeOffset] =
            (byte)((fields.Marker ? RtpHeader.MarkerBit : 0) | fields.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[RtpHeader.SequenceNumberOffset..], fields.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtpHeader.TimestampOffset..], fields.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[RtpHeader.SsrcOffset..], fields.Ssrc);
        for (int i = 0; i < csrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(RtpHeader.CsrcListOffset + (i * RtpHeader.CsrcLength))..], csrcs[i]);
        }

        extensionBlock.CopyTo(destination[ExtensionOffset(csrcs.Length)..]);
        bytesWritten = length;
        return true;
    }

    private static bool IsWellFormedExtensionBlock(ReadOnlySpan<byte> block)
    {
        if (block.Length < RtpHeader.ExtensionHeaderLength || block.Length % 4 != 0)
        {
            return false;
        }

        int words = BinaryPrimitives.ReadUInt16BigEndian(block[2..]);
        return RtpHeader.ExtensionHeaderLength + (words * 4) == block.Length;
    }
}

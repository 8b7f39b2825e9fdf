using System.Buffers.Binary;

namespace Confab.Client.Media;

/// <summary>
/// Writes the start of VP8 RTP payloads: the payload descriptor (RFC 7741 §4.2) and, on the first
/// packet of a frame, the VP8 frame header (RFC 6386 §9.1).
/// <code>
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID |   X=1, S on the first packet of a frame, PID=0
///      +-+-+-+-+-+-+-+-+
///      |I|L|T|K| RSV   |   I=1
///      +-+-+-+-+-+-+-+-+
///      |M| PictureID   |   M=1: 15-bit picture id
///      +-+-+-+-+-+-+-+-+
///      |   PictureID   |
///      +-+-+-+-+-+-+-+-+
/// </code>
/// Frame tag (little endian, 24 bits): bit 0 inverse key frame flag (0 = key frame), bits 1-3 version,
/// bit 4 show_frame, bits 5-23 first partition size. A key frame then carries the start code
/// 9D 01 2A and 14-bit width and height, each with a 2-bit scale.
/// </summary>
public static class Vp8PayloadWriter
{
    /// <summary>Largest 15-bit picture id.</summary>
    public const int PictureIdMask = 0x7FFF;

    private const byte ExtendedBit = 0x80;
    private const byte StartOfPartitionBit = 0x10;
    private const byte PictureIdPresentBit = 0x80;
    private const byte LongPictureIdBit = 0x80;
    private const int ShowFrameBit = 0x10;
    private const int FirstPartitionSizeShift = 5;
    private const int MaxFirstPartitionSize = (1 << 19) - 1;
    private static ReadOnlySpan<byte> StartCode => [0x9D, 0x01, 0x2A];

    /// <summary>Writes the 4-byte descriptor; returns its length.</summary>
    public static int WriteDescriptor(Span<byte> destination, bool startOfFrame, int pictureId)
    {
        destination[0] = (byte)(ExtendedBit | (startOfFrame ? StartOfPartitionBit : 0));
        destination[1] = PictureIdPresentBit;
        destination[2] = (byte)(LongPictureIdBit | ((pictureId >> 8) & 0x7F));
        destination[3] = (byte)pictureId;
        return SyntheticPayloadLayout.Vp8DescriptorLength;
    }

    /// <summary>Writes the frame header (3 bytes, or 10 for a key frame); returns its length.</summary>
    public static int WriteFrameHeader(Span<byte> destination, bool keyFrame, int firstPartitionSize, int width, int height)
    {
        int size = Math.Clamp(firstPartitionSize, 0, MaxFirstPartitionSize);
        int tag = (keyFrame ? 0 : 1) | ShowFrameBit | (size << FirstPartitionSizeShift);
        destination[0] = (byte)tag;
        destination[1] = (byte)(tag >> 8);
        destination[2] = (byte)(tag >> 16);
        if (!keyFrame)
        {
            return SyntheticPayloadLayout.Vp8FrameTagLength;
        }

        StartCode.CopyTo(destination[SyntheticPayloadLayout.Vp8FrameTagLength..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)(width & 0x3FFF));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)(height & 0x3FFF));
        return SyntheticPayloadLayout.Vp8KeyFrameHeaderLength;
    }
}

namespace Confab.Rtc.Codecs;

/// <summary>
/// The picture ID field shared by the VP8 (RFC 7741 §4.2) and VP9 (RFC 9628 §4.2) payload descriptors: one byte
/// with a 7-bit ID, or, when its M bit is set, two bytes with a 15-bit ID.
/// <code>
///      +-+-+-+-+-+-+-+-+
///      |M| PictureID   |
///      +-+-+-+-+-+-+-+-+
///      |   PictureID   | (when M = 1)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class PictureIdField
{
    private const byte LongPictureIdBit = 0x80;
    private const int ShortMask = 0x7F;

    /// <summary>Reads the field at <paramref name="offset"/> and moves past it; false when the payload ends first.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, ref int offset, out int pictureId, out bool isLong)
    {
        pictureId = -1;
        isLong = false;
        if ((uint)offset >= (uint)payload.Length)
        {
            return false;
        }
        if ((payload[offset] & LongPictureIdBit) == 0)
        {
            pictureId = payload[offset++] & ShortMask;
            return true;
        }
        if (offset + 2 > payload.Length)
        {
            return false;
        }
        pictureId = ((payload[offset] & ShortMask) << 8) | payload[offset + 1];
        isLong = true;
        offset += 2;
        return true;
    }
}

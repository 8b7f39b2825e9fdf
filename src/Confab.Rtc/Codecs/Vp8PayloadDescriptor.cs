namespace Confab.Rtc.Codecs;

/// <summary>
/// RFC 7741 §4.2, the VP8 payload descriptor, and §4.3 the start of the VP8 payload header.
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |X|R|N|S|R| PID | (REQUIRED)
///      +-+-+-+-+-+-+-+-+
/// X:   |I|L|T|K| RSV   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PictureID   | (OPTIONAL, 7 or 15 bits)
///      +-+-+-+-+-+-+-+-+
/// L:   |   TL0PICIDX   | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// T/K: |TID|Y| KEYIDX  | (OPTIONAL)
///      +-+-+-+-+-+-+-+-+
/// </code>
/// The payload header's first byte carries P (bit 0): 0 for a key frame (RFC 6386 §9.1, "inverse key frame flag").
/// </summary>
public readonly struct Vp8PayloadDescriptor
{
    private const byte ExtendedBit = 0x80;
    private const byte StartOfPartitionBit = 0x10;
    private const byte PartitionIndexMask = 0x07;
    private const byte PictureIdPresentBit = 0x80;
    private const byte Tl0PicIdxPresentBit = 0x40;
    private const byte TidPresentBit = 0x20;
    private const byte KeyIdxPresentBit = 0x10;
    private const byte InverseKeyFrameBit = 0x01;

    /// <summary>Length of the descriptor; the VP8 payload starts here.</summary>
    public int Length { get; init; }
    public bool StartOfPartition { get; init; }
    public int PartitionIndex { get; init; }
    /// <summary>-1 when absent; otherwise 7- or 15-bit picture ID.</summary>
    public int PictureId { get; init; }
    public bool HasLongPictureId { get; init; }
    /// <summary>-1 when absent.</summary>
    public int Tl0PicIdx { get; init; }
    /// <summary>-1 when absent.</summary>
    public int TemporalLayer { get; init; }
    /// <summary>True for the first packet of a key frame.</summary>
    public bool IsKeyFrameStart { get; init; }

    /// <summary>Reads the descriptor at the start of an RTP payload; false when truncated.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor)
    {
        descriptor = default;
        if (payload.IsEmpty)
        {
            return false;
        }

        byte first = payload[0];
        int offset = 1;
        int pictureId = -1, tl0PicIdx = -1, tid = -1;
        bool longPictureId = false;
        if ((first & ExtendedBit) != 0)
        {
            if ((uint)offset >= (uint)payload.Length)
            {
                return false;
            }
            byte ext = payload[offset++];
            if ((ext & PictureIdPresentBit) != 0 && !PictureIdField.TryRead(payload, ref offset, out pictureId, out longPictureId))
            {
                return false;
            }
            if ((ext & Tl0PicIdxPresentBit) != 0)
            {
                if ((uint)offset >= (uint)payload.Length)
                {
                    return false;
                }
                tl0PicIdx = payload[offset++];
            }
            if ((ext & (TidPresentBit | KeyIdxPresentBit)) != 0)
            {
                if ((uint)offset >= (uint)payload.Length)
                {
                    return false;
                }
                if ((ext & TidPresentBit) != 0)
                {
                    tid = payload[offset] >> 6;
                }
                offset += 1;
            }
        }

        bool start = (first & StartOfPartitionBit) != 0;
        int partition = first & PartitionIndexMask;
        bool keyFrame = start && partition == 0 && offset < payload.Length && (payload[offset] & InverseKeyFrameBit) == 0;
        descriptor = new Vp8PayloadDescriptor
        {
            Length = offset,
            StartOfPartition = start,
            PartitionIndex = partition,
            PictureId = pictureId,
            HasLongPictureId = longPictureId,
            Tl0PicIdx = tl0PicIdx,
            TemporalLayer = tid,
            IsKeyFrameStart = keyFrame,
        };
        return true;
    }
}

namespace Confab.Rtc.Codecs;

/// <summary>
/// RFC 9628 §4.2, the VP9 payload descriptor (flexible and non-flexible modes).
/// <code>
///       0 1 2 3 4 5 6 7
///      +-+-+-+-+-+-+-+-+
///      |I|P|L|F|B|E|V|Z| (REQUIRED)
///      +-+-+-+-+-+-+-+-+
/// I:   |M| PICTURE ID  | (one or two bytes)
/// L:   |  TID  |U| SID |D| (then TL0PICIDX when F = 0)
/// </code>
/// A packet starts a key frame when it begins a frame (B), is not inter-picture predicted (P = 0), and
/// belongs to the base spatial layer.
/// </summary>
public readonly struct Vp9PayloadDescriptor
{
    private const byte PictureIdPresentBit = 0x80;
    private const byte InterPictureBit = 0x40;
    private const byte LayerIndicesPresentBit = 0x20;
    private const byte FlexibleModeBit = 0x10;
    private const byte StartOfFrameBit = 0x08;
    private const byte EndOfFrameBit = 0x04;

    public int PictureId { get; init; }
    public int SpatialLayer { get; init; }
    public int TemporalLayer { get; init; }
    public bool StartOfFrame { get; init; }
    public bool EndOfFrame { get; init; }
    public bool IsKeyFrameStart { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> payload, out Vp9PayloadDescriptor descriptor)
    {
        descriptor = default;
        if (payload.IsEmpty)
        {
            return false;
        }
        byte first = payload[0];
        int offset = 1;
        int pictureId = -1;
        if ((first & PictureIdPresentBit) != 0 && !PictureIdField.TryRead(payload, ref offset, out pictureId, out _))
        {
            return false;
        }
        int sid = 0, tid = 0;
        if ((first & LayerIndicesPresentBit) != 0)
        {
            if ((uint)offset >= (uint)payload.Length)
            {
                return false;
            }
            byte layers = payload[offset++];
            tid = layers >> 5;
            sid = (layers >> 1) & 0x07;
            if ((first & FlexibleModeBit) == 0)
            {
                if ((uint)offset >= (uint)payload.Length)
                {
                    return false;
                }
                offset++; // TL0PICIDX
            }
        }
        bool start = (first & StartOfFrameBit) != 0;
        descriptor = new Vp9PayloadDescriptor
        {
            PictureId = pictureId,
            SpatialLayer = sid,
            TemporalLayer = tid,
            StartOfFrame = start,
            EndOfFrame = (first & EndOfFrameBit) != 0,
            IsKeyFrameStart = start && (first & InterPictureBit) == 0 && sid == 0,
        };
        return true;
    }
}

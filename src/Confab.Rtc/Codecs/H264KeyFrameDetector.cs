namespace Confab.Rtc.Codecs;

/// <summary>
/// Finds the start of an H.264 key frame in an RTP payload (RFC 6184 §5.2-§5.8, packetization-mode 1):
/// single NAL units, STAP-A aggregates (type 24) and FU-A fragments (type 28). An IDR slice (type 5) or a
/// sequence parameter set (type 7, which encoders send right before the IDR) marks a key frame.
/// </summary>
public static class H264KeyFrameDetector
{
    private const int NalTypeMask = 0x1F;
    private const int NalTypeIdr = 5;
    private const int NalTypeSps = 7;
    private const int NalTypeStapA = 24;
    private const int NalTypeFuA = 28;
    private const byte FuStartBit = 0x80;
    private const int StapASizeLength = 2;

    public static bool IsKeyFrameStart(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return false;
        }
        int type = payload[0] & NalTypeMask;
        switch (type)
        {
            case NalTypeStapA:
                return StapAHasKeyFrame(payload[1..]);
            case NalTypeFuA:
                return payload.Length >= 2 && (payload[1] & FuStartBit) != 0 && IsKeyNal(payload[1] & NalTypeMask);
            default:
                return IsKeyNal(type);
        }
    }

    private static bool IsKeyNal(int type) => type is NalTypeIdr or NalTypeSps;

    // RFC 6184 §5.7.1: each aggregated unit is a 16-bit size followed by the NAL unit.
    private static bool StapAHasKeyFrame(ReadOnlySpan<byte> units)
    {
        while (units.Length > StapASizeLength)
        {
            int size = (units[0] << 8) | units[1];
            if (size == 0 || size > units.Length - StapASizeLength)
            {
                return false;
            }
            if (IsKeyNal(units[StapASizeLength] & NalTypeMask))
            {
                return true;
            }
            units = units[(StapASizeLength + size)..];
        }
        return false;
    }
}

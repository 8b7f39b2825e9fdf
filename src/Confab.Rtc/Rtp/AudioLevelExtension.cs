namespace Confab.Rtc.Rtp;

// RFC 6464 §3 — client-to-mixer audio level
//
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  ID   | len=0 |V| level       |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// V: the sender's voice activity flag. level: 0..127, the audio level in -dBov
// (0 is loudest, 127 is silence or quieter).

/// <summary>An RFC 6464 audio level: voice activity and level in -dBov (0..127).</summary>
public readonly record struct AudioLevel(bool VoiceActivity, byte LevelDbov);

/// <summary>Reads and writes the RFC 6464 audio level extension; the id is the negotiated one.</summary>
public static class AudioLevelExtension
{
    public const int ValueLength = 1;
    public const byte MaxLevelDbov = 127;
    private const byte VoiceActivityBit = 0x80;
    private const byte LevelMask = 0x7F;

    public static bool TryParse(ReadOnlySpan<byte> value, out AudioLevel level)
    {
        if (value.Length != ValueLength)
        {
            level = default;
            return false;
        }

        level = new AudioLevel((value[0] & VoiceActivityBit) != 0, (byte)(value[0] & LevelMask));
        return true;
    }

    public static bool TryFormat(Span<byte> destination, AudioLevel level)
    {
        if (destination.Length != ValueLength || level.LevelDbov > MaxLevelDbov)
        {
            return false;
        }

        destination[0] = (byte)((level.VoiceActivity ? VoiceActivityBit : 0) | level.LevelDbov);
        return true;
    }

    public static bool TryRead(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, out AudioLevel level)
    {
        level = default;
        return RtpHeaderExtensions.TryFind(packet, header, id, out ReadOnlySpan<byte> value) && TryParse(value, out level);
    }

    public static bool TryAdd(ref RtpHeaderExtensionWriter writer, byte id, AudioLevel level) =>
        level.LevelDbov <= MaxLevelDbov && writer.TryReserve(id, ValueLength, out var value) && TryFormat(value, level);
}

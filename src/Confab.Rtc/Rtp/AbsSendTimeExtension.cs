namespace Confab.Rtc.Rtp;

// abs-send-time (http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time)
//
//  0                   1                   2
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  seconds  |            fraction (18 bits)     |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// 24-bit unsigned 6.18 fixed point seconds: the middle 24 bits of the sender's NTP time,
// wrapping every 64 seconds.

/// <summary>Reads, writes and converts the abs-send-time header extension; the id is the negotiated one.</summary>
public static class AbsSendTimeExtension
{
    public const int ValueLength = 3;
    public const int FractionBits = 18;
    public const uint ValueMask = 0xFF_FFFF;
    private const long MicrosecondsPerSecond = 1_000_000;

    /// <summary>Encodes a time (any epoch) in microseconds as 6.18 fixed-point seconds modulo 64 s.</summary>
    public static uint FromMicroseconds(long microseconds) =>
        (uint)(((Int128)microseconds << FractionBits) / MicrosecondsPerSecond) & ValueMask;

    /// <summary>Decodes a 24-bit value to microseconds within its 64-second period.</summary>
    public static long ToMicroseconds(uint value) => ((value & ValueMask) * MicrosecondsPerSecond) >> FractionBits;

    public static bool TryParse(ReadOnlySpan<byte> value, out uint sendTime)
    {
        if (value.Length != ValueLength)
        {
            sendTime = 0;
            return false;
        }

        sendTime = ((uint)value[0] << 16) | ((uint)value[1] << 8) | value[2];
        return true;
    }

    public static bool TryFormat(Span<byte> destination, uint sendTime)
    {
        if (destination.Length != ValueLength || sendTime > ValueMask)
        {
            return false;
        }

        destination[0] = (byte)(sendTime >> 16);
        destination[1] = (byte)(sendTime >> 8);
        destination[2] = (byte)sendTime;
        return true;
    }

    public static bool TryRead(ReadOnlySpan<byte> packet, in RtpHeader header, byte id, out uint sendTime)
    {
        sendTime = 0;
        return RtpHeaderExtensions.TryFind(packet, header, id, out ReadOnlySpan<byte> value) && TryParse(value, out sendTime);
    }

    /// <summary>Replaces the value in place (the SFU stamps its own send time).</summary>
    public static bool TryRewrite(Span<byte> packet, in RtpHeader header, byte id, uint sendTime) =>
        RtpHeaderExtensions.TryFindWritable(packet, header, id, out var value) && TryFormat(value, sendTime);

    public static bool TryAdd(ref RtpHeaderExtensionWriter writer, byte id, uint sendTime) =>
        sendTime <= ValueMask && writer.TryReserve(id, ValueLength, out var value) && TryFormat(value, sendTime);
}

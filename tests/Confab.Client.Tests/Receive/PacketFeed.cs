using Confab.Client.Media;
using Confab.Rtc.Rtp;

namespace Confab.Client.Tests.Receive;

/// <summary>Synthetic audio packets as a sender would make them: sequence, timestamp and probe in step.</summary>
internal static class PacketFeed
{
    public const int AudioIntervalMicros = 20_000;
    public const uint TimestampStep = 960;

    /// <summary>Packet i: sequence firstSequence + i, timestamp i · 960, probe send time start + i · 20 ms, counter i.</summary>
    public static byte[] Audio(int index, ushort firstSequence, long startUnixMicros, uint ssrc = 0x1234)
    {
        var packet = new byte[RtpHeader.FixedHeaderLength + 100];
        var fields = new RtpHeaderFields(111, unchecked((ushort)(firstSequence + index)), unchecked((uint)index * TimestampStep), ssrc);
        Assert.True(RtpHeaderWriter.TryWrite(packet, fields, [], out int headerLength));
        packet[headerLength] = SyntheticPayloadLayout.OpusToc;
        new MediaProbe(SendTime(index, startUnixMicros), (uint)index).WriteTo(packet.AsSpan(headerLength + 1));
        return packet;
    }

    public static long SendTime(int index, long startUnixMicros) => startUnixMicros + ((long)index * AudioIntervalMicros);
}

using Confab.Client.Media;
using Confab.Rtc.Rtp;

namespace Confab.Client.Tests.Media;

/// <summary>Keeps a copy of every packet a source sends, with the clock reading at the time.</summary>
internal sealed class CapturingSink(ManualTimeProvider clock) : IRtpPacketSink
{
    public List<(byte[] Packet, long SentUnixMicros)> Packets { get; } = [];

    public void SendRtp(ReadOnlySpan<byte> packet) => Packets.Add((packet.ToArray(), clock.NowUnixMicros));

    public IEnumerable<(byte[] Packet, RtpHeader Header, long SentUnixMicros)> OfSsrc(uint ssrc)
    {
        foreach (var (packet, sent) in Packets)
        {
            Assert.True(RtpHeader.TryRead(packet, out RtpHeader header));
            if (header.Ssrc == ssrc)
            {
                yield return (packet, header, sent);
            }
        }
    }

    /// <summary>Runs the source for <paramref name="duration"/> of simulated time in 1 ms steps.</summary>
    public static void Run(SyntheticMediaSource source, ManualTimeProvider clock, TimeSpan duration, Action<int>? everyMillisecond = null)
    {
        source.StartManual();
        for (int ms = 0; ms < duration.TotalMilliseconds; ms++)
        {
            everyMillisecond?.Invoke(ms);
            source.Pump();
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }
}

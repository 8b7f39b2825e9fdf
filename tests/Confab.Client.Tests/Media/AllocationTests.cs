using Confab.Client.Media;
using Confab.Client.Receive;
using Confab.Rtc.Rtp;
using Confab.Rtc.Sdp;

namespace Confab.Client.Tests.Media;

public class AllocationTests
{
    private sealed class CountingSink : IRtpPacketSink
    {
        public long Bytes { get; private set; }

        public void SendRtp(ReadOnlySpan<byte> packet) => Bytes += packet.Length;
    }

    [Fact]
    public void Sending_a_second_of_audio_and_video_allocates_nothing()
    {
        var clock = new ManualTimeProvider();
        var sink = new CountingSink();
        using var source = new SyntheticMediaSource(new SyntheticMediaOptions { MidExtensionId = 1 }, sink, clock);
        source.StartManual();
        source.Pump(); // first packets, outside the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int ms = 0; ms < 1000; ms++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            source.Pump();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(source.VideoPacketsSent > 100);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Recording_packets_in_the_statistics_allocates_nothing()
    {
        var stats = new ReceiveStreamStats(0x1234, MediaKind.Audio, 48_000);
        byte[][] packets = [.. Enumerable.Range(0, 1000).Select(i => Receive.PacketFeed.Audio(i, 0, 1_000_000))];
        RtpHeader.TryRead(packets[0], out RtpHeader first);
        stats.OnPacket(packets[0], first, 1_000_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < packets.Length; i++)
        {
            RtpHeader.TryRead(packets[i], out RtpHeader header);
            stats.OnPacket(packets[i], header, 1_000_000 + (i * 20_000));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, stats.Snapshot().Packets);
        Assert.Equal(0, allocated);
    }
}

using Confab.Server.Media;

namespace Confab.Server.Tests.Units;

public sealed class MediaOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3478)]
    [InlineData(65535)]
    public void An_announced_port_from_0_to_65535_is_taken(int port) =>
        Assert.Equal(port, new MediaOptions { AnnouncedPort = port }.CheckedAnnouncedPort());

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Another_announced_port_stops_the_start_naming_the_key(int port)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MediaOptions { AnnouncedPort = port }.CheckedAnnouncedPort());
        Assert.Contains("Confab:Media:AnnouncedPort", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packet_thread_asks_for_real_time_priority_10_by_default() =>
        Assert.Equal(10, new MediaOptions().CheckedRealtimePriority());

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void A_real_time_priority_from_0_to_99_is_taken(int priority) =>
        Assert.Equal(priority, new MediaOptions { RealtimePriority = priority }.CheckedRealtimePriority());

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    public void Another_real_time_priority_stops_the_start_naming_the_key(int priority)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MediaOptions { RealtimePriority = priority }.CheckedRealtimePriority());
        Assert.Contains("Confab:Media:RealtimePriority", error.Message, StringComparison.Ordinal);
    }
}

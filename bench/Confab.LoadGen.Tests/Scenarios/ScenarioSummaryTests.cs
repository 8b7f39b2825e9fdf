using Confab.Client.Signaling;
using System.Diagnostics;
using Confab.LoadGen.ConfabSfu;
using Confab.LoadGen.Measurement;
using Confab.LoadGen.Scenarios;

namespace Confab.LoadGen.Tests.Scenarios;

public class ScenarioSummaryTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void Cpu_per_forwarded_packet_loss_and_memory_come_from_the_window()
    {
        var scenario = new MeetingScenario("5p", Meetings: 2, MeetingSize: 5);
        var before = new ProcessSample(0, 0, 20_000, 10);
        var start = new WindowMark(new ProcessSample(10 * Second, 5_000_000, 25_000, 12), new ProcessSample(10 * Second, 1_000_000, 90_000, 30), 1_000);
        var end = new WindowMark(new ProcessSample(30 * Second, 9_000_000, 29_000, 12), new ProcessSample(30 * Second, 7_000_000, 95_000, 30), 201_000);
        StreamWindow[] streams = [new(100_000, 500, 3, 800, 4_000), new(100_000, 1_500, 0, 1_200, 9_000)];

        ScenarioResult result = ScenarioSummary.Build("test", scenario, participantsUp: 10, before, start, end, peakRss: 30_000, streams, failure: null);

        Assert.Equal(20.0, result.MeasuredSeconds);
        Assert.Equal(200_000, result.ForwardedPackets);
        Assert.Equal(10_000, result.ForwardedPacketsPerSecond);
        Assert.Equal(4_000_000, result.ServerCpuMicroseconds);
        Assert.Equal(0.2, result.ServerCores);
        Assert.Equal(20.0, result.CpuMicrosecondsPerForwardedPacket); // 4 s of CPU over 200,000 packets
        Assert.Equal(1_000.0, result.MemoryKilobytesPerParticipant); // (30,000 - 20,000) kB over 10 participants
        Assert.Equal(0.01, result.LossFraction);
        Assert.Equal(3, result.Reordered);
        Assert.Equal(800, result.DelayMicrosecondsP50); // nearest-rank median of 800 and 1,200
        Assert.Equal(9_000, result.DelayMicrosecondsP99);
        Assert.Equal(0.3, result.GeneratorCores);
    }

    [Fact]
    public void Whole_run_delay_quantiles_override_the_per_stream_ones()
    {
        var scenario = new MeetingScenario("5p", 1, 5);
        var mark = new WindowMark(new ProcessSample(0, 0, 0, 1), new ProcessSample(0, 0, 0, 1), 0);
        ScenarioResult result = ScenarioSummary.Build("test", scenario, 5, default, mark, mark, 0, [new(10, 0, 0, 1, 2)], null, delayP50: 700, delayP99: 7_000);
        Assert.Equal((700, 7_000), (result.DelayMicrosecondsP50, result.DelayMicrosecondsP99));
        Assert.Equal(0, result.CpuMicrosecondsPerForwardedPacket); // nothing forwarded: no division by zero
    }

    [Fact]
    public void Socket_drops_are_counted_over_the_window_per_side_and_unknown_when_an_end_was_not_read()
    {
        var scenario = new MeetingScenario("5p", 1, 5);
        var process = new ProcessSample(0, 0, 0, 1);
        var start = new WindowMark(process, process, 0, UdpReceiveBufferErrors: 100, ServerSocketDrops: 40, GeneratorSocketDrops: 60);
        var end = new WindowMark(process, process, 0, UdpReceiveBufferErrors: 190, ServerSocketDrops: 45, GeneratorSocketDrops: 145);
        ScenarioResult result = ScenarioSummary.Build("test", scenario, 5, default, start, end, 0, [], null);
        Assert.Equal((90, 5, 85), (result.UdpReceiveBufferErrors, result.ServerSocketDrops, result.GeneratorSocketDrops));

        ScenarioResult unread = ScenarioSummary.Build("test", scenario, 5, default, start with { ServerSocketDrops = null }, end, 0, [], null);
        Assert.Equal((-1, 85), (unread.ServerSocketDrops, unread.GeneratorSocketDrops));
    }

    [Theory]
    [InlineData(new long[] { }, 0.5, 0)]
    [InlineData(new long[] { 5 }, 0.99, 5)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 0.5, 2)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 0.75, 3)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 1.0, 4)]
    public void Quantile_is_nearest_rank(long[] values, double q, long expected)
    {
        Assert.Equal(expected, ScenarioSummary.Quantile(values, q));
    }

    [Theory]
    [InlineData(5, false, null, null, 0, 8)]    // 4 others' audio + 4 videos
    [InlineData(50, false, 3, null, 10, 52)]    // a listener: 3 speakers' audio + 49 videos
    [InlineData(50, false, 3, null, 1, 51)]     // a speaker: the 2 other speakers + 49 videos
    [InlineData(50, false, 3, 25, 10, 28)]      // 3 speakers' audio + 25 selected videos
    [InlineData(50, true, 3, null, 49, 3)]      // audio only, 3 speakers
    [InlineData(3, true, 5, null, 0, 2)]        // more speakers than others
    [InlineData(3, false, null, 25, 2, 4)]      // fewer others than videos asked for
    public void Streams_expected_at_each_confab_subscriber(int size, bool audioOnly, int? speakers, int? videos, int index, int expected)
    {
        var scenario = new MeetingScenario("x", 1, size, AudioOnly: audioOnly, MaxVideosPerSubscriber: videos, ActiveSpeakers: speakers);
        Assert.Equal(expected, ConfabScenarioRunner.ExpectedStreamsPerSubscriber(scenario, index));
    }

    [Fact]
    public void Each_confab_member_selects_the_next_members_after_it_at_the_low_layer()
    {
        string[] ids = ["a", "b", "c", "d"];
        Assert.Equal(["d", "a"], ConfabScenarioRunner.VideosFor(ids, 2, 2).Select(v => v.PeerId));
        Assert.Equal(["b", "c", "d"], ConfabScenarioRunner.VideosFor(ids, 0, 25).Select(v => v.PeerId));
        Assert.All(ConfabScenarioRunner.VideosFor(ids, 1, 3), v => Assert.Equal(VideoQuality.Low, v.Quality));
    }
}

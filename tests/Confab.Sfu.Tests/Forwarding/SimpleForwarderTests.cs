using Confab.Sfu.Forwarding;

namespace Confab.Sfu.Tests.Forwarding;

public class SimpleForwarderTests
{
    [Fact]
    public void VideoWaitsForAKeyFrameBeforeSending()
    {
        var forwarder = new SimpleForwarder(isVideo: true, clockRate: 90_000);
        Assert.Equal(DropReason.WaitingForKeyFrame, forwarder.Decide(new IncomingRtp(1, 0, false, false), 0, out _, out _));
        Assert.Equal(DropReason.None, forwarder.Decide(new IncomingRtp(2, 0, false, true), 0, out long seq, out _));
        Assert.Equal(0, seq);
        Assert.Equal(DropReason.None, forwarder.Decide(new IncomingRtp(3, 0, false, false), 0, out seq, out _));
        Assert.Equal(1, seq);
    }

    [Fact]
    public void AudioSendsFromTheFirstPacket()
    {
        var forwarder = new SimpleForwarder(isVideo: false, clockRate: 48_000);
        Assert.Equal(DropReason.None, forwarder.Decide(new IncomingRtp(1, 0, false, false), 0, out _, out _));
    }

    [Fact]
    public void PauseDropsAndResumeAsksForAKeyFrameAndContinuesNumbering()
    {
        var forwarder = new SimpleForwarder(isVideo: true, clockRate: 90_000);
        forwarder.Decide(new IncomingRtp(1, 0, false, true), 0, out _, out _);
        forwarder.Pause();
        Assert.Equal(DropReason.Paused, forwarder.Decide(new IncomingRtp(2, 3000, false, false), 33, out _, out _));
        Assert.True(forwarder.Resume());
        Assert.False(forwarder.Resume()); // already running: nothing more to ask
        Assert.Equal(DropReason.WaitingForKeyFrame, forwarder.Decide(new IncomingRtp(3, 6000, false, false), 66, out _, out _));
        Assert.Equal(DropReason.None, forwarder.Decide(new IncomingRtp(4, 9000, false, true), 100, out long seq, out _));
        Assert.Equal(1, seq); // gapless for the receiver although source packets 2 and 3 were never sent
    }

    [Fact]
    public void AudioResumeNeedsNoKeyFrame()
    {
        var forwarder = new SimpleForwarder(isVideo: false, clockRate: 48_000);
        forwarder.Pause();
        Assert.False(forwarder.Resume());
        Assert.Equal(DropReason.None, forwarder.Decide(new IncomingRtp(9, 0, false, false), 0, out _, out _));
    }
}

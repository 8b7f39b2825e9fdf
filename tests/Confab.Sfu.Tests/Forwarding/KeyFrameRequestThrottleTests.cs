using Confab.Sfu.Forwarding;

namespace Confab.Sfu.Tests.Forwarding;

public class KeyFrameRequestThrottleTests
{
    [Fact]
    public void OneRequestPerIntervalGoesThrough()
    {
        var throttle = new KeyFrameRequestThrottle();
        Assert.True(throttle.ShouldForward(1_000));
        Assert.False(throttle.ShouldForward(1_100));
        Assert.False(throttle.ShouldForward(1_000 + KeyFrameRequestThrottle.MinIntervalMs - 1));
        Assert.True(throttle.ShouldForward(1_000 + KeyFrameRequestThrottle.MinIntervalMs));
    }

    [Fact]
    public void AKeyFrameReopensTheGate()
    {
        var throttle = new KeyFrameRequestThrottle();
        Assert.True(throttle.ShouldForward(0));
        throttle.OnKeyFrame();
        Assert.True(throttle.ShouldForward(10));
    }
}

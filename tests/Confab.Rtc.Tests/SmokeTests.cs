namespace Confab.Rtc.Tests;

public class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(Confab.Rtc.AssemblyMarker).Assembly);
}

namespace Confab.Sfu.Tests;

public class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(Confab.Sfu.AssemblyMarker).Assembly);
}

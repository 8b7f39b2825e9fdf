namespace Confab.Data.Tests;

public class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(Confab.Data.AssemblyMarker).Assembly);
}

namespace Confab.Meetings.Tests;

public class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(Confab.Meetings.Accounts.Identifiers).Assembly);
}

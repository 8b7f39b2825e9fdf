namespace Confab.Rtc.Tests.Dtls;

/// <summary>Waits on a condition (never a fixed sleep), failing after <see cref="DtlsPair.TestTimeout"/>.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + DtlsPair.TestTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Yield();
        }
    }
}

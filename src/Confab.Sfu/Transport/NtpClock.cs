namespace Confab.Sfu.Transport;

/// <summary>RFC 3550 §4: NTP timestamps, 32.32 fixed-point seconds since 1900-01-01.</summary>
internal static class NtpClock
{
    private const long UnixEpochInNtpSeconds = 2_208_988_800;

    public static ulong FromUnixMilliseconds(long unixMs)
    {
        ulong seconds = (ulong)(unixMs / 1000 + UnixEpochInNtpSeconds);
        ulong fraction = (ulong)(unixMs % 1000) * (1UL << 32) / 1000;
        return (seconds << 32) | fraction;
    }
}

namespace Confab.Meetings.Scheduling;

/// <summary>IANA time-zone lookup.</summary>
public static class TimeZones
{
    /// <summary>True when <paramref name="ianaId"/> names a known IANA zone (e.g. "Europe/Berlin", "UTC").</summary>
    public static bool TryFind(string ianaId, out TimeZoneInfo zone) => throw new NotImplementedException();
}

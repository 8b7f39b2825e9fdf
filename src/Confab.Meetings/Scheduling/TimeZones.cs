namespace Confab.Meetings.Scheduling;

/// <summary>IANA time-zone lookup.</summary>
public static class TimeZones
{
    /// <summary>The longest IANA id today is 32 characters ("America/Argentina/ComodRivadavia"); anything much longer is garbage.</summary>
    private const int MaxIdLength = 64;

    /// <summary>True when <paramref name="ianaId"/> names a known IANA zone (e.g. "Europe/Berlin", "UTC").</summary>
    /// <remarks>
    /// Windows ids ("Eastern Standard Time") are refused: the API speaks IANA only, as Zoom's does. The id is
    /// checked for the characters an IANA id can hold before the system's zone database is consulted, so no
    /// input can be read as a file path. The returned zone's <see cref="TimeZoneInfo.Id"/> is the canonical
    /// spelling. Never throws.
    /// </remarks>
    public static bool TryFind(string ianaId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (!LooksLikeIanaId(ianaId))
        {
            return false;
        }

        try
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var found) && found.HasIanaId)
            {
                zone = found;
                return true;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidTimeZoneException or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            // A corrupt or unreadable zone file is an unknown zone to the caller.
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    /// <summary>IANA ids are "Area/Location[/Sub]" of ASCII letters, digits, '_', '-' and '+' (e.g. "Etc/GMT+5").</summary>
    private static bool LooksLikeIanaId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id[0] == '/' || id[^1] == '/')
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' || (c == '/' && id[i - 1] != '/');
            if (!allowed)
            {
                return false;
            }
        }
        return true;
    }
}

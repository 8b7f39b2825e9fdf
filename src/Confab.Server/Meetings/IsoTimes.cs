using System.Globalization;
using System.Text.RegularExpressions;

namespace Confab.Server.Meetings;

/// <summary>
/// ISO 8601 times as Zoom accepts them: "2026-03-01T10:00:00Z" (UTC), "…+01:00" (offset), or
/// "2026-03-01T10:00:00" (local time in the meeting's zone).
/// </summary>
public static partial class IsoTimes
{
    private static readonly string[] AbsoluteFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm"];

    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Latest = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneSuffix();

    /// <summary>
    /// The UTC instant, whole seconds; false with a message when the text is no ISO 8601 time, names a
    /// local time that does not exist in <paramref name="zone"/> (skipped by a DST change), or lies
    /// outside 2000..2100.
    /// </summary>
    public static bool TryParseUtc(string text, TimeZoneInfo zone, out DateTime utc, out string error)
    {
        utc = default;
        error = "Must be an ISO 8601 time such as 2026-03-01T10:00:00Z.";
        if (text.Length > 40)
        {
            return false;
        }
        if (ZoneSuffix().IsMatch(text))
        {
            if (!DateTimeOffset.TryParseExact(text, AbsoluteFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var absolute))
            {
                return false;
            }
            utc = absolute.UtcDateTime;
        }
        else
        {
            if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return false;
            }
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(local))
            {
                error = $"This local time does not exist in {zone.Id} (skipped by a daylight-saving change).";
                return false;
            }
            utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }
        if (utc < Earliest || utc >= Latest)
        {
            error = "Must lie between the years 2000 and 2099.";
            return false;
        }
        utc = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return true;
    }
}

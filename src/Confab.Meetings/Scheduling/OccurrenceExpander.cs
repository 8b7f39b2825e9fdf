using System.Globalization;

namespace Confab.Meetings.Scheduling;

/// <summary>Expands a recurrence into occurrences that keep their local wall-clock time across DST changes.</summary>
public static class OccurrenceExpander
{
    public const string Available = "available";
    public const string Deleted = "deleted";

    /// <summary>
    /// The occurrences of a series whose first start is <paramref name="firstStart"/>, recurring in the IANA
    /// zone <paramref name="timeZoneId"/>, at most <paramref name="maxOccurrences"/> of them (Zoom caps at 60 for
    /// daily, 50 otherwise; callers pass the cap).
    /// </summary>
    /// <remarks>
    /// The series is evaluated as an RFC 5545 RRULE whose DTSTART is the local wall-clock time in the zone, so a
    /// 09:00 meeting in New York stays at 09:00 local: 14:00Z in winter, 13:00Z in summer. The first occurrence is
    /// the first date at or after <paramref name="firstStart"/>'s local date that the rule matches (see
    /// <see cref="RecurringSeries"/>). A monthly_day the month lacks (31 in April) skips that month. A local time
    /// that falls in a spring-forward gap is read with the offset before the gap (RFC 5545 §3.3.5), i.e. 02:30 becomes
    /// 03:30 on that one day. Every occurrence is "available"; the caller marks deleted ones.
    /// </remarks>
    /// <exception cref="ArgumentException">Unknown zone, or a rule <see cref="RecurrenceValidator"/> would refuse.</exception>
    public static IReadOnlyList<Occurrence> Expand(
        RecurrenceRule rule, DateTimeOffset firstStart, string timeZoneId, int durationMinutes, int maxOccurrences = 60)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (maxOccurrences <= 0)
        {
            return [];
        }

        var series = RecurringSeries.Create(rule, firstStart, timeZoneId);
        return series.StartsUtc(maxOccurrences)
            .Select(start => new Occurrence(OccurrenceId(start), start, durationMinutes, Available))
            .ToList();
    }

    /// <summary>Zoom's occurrence_id: the occurrence's start as Unix milliseconds.</summary>
    public static string OccurrenceId(DateTimeOffset start) =>
        start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads an occurrence_id back into the instant it names; false for anything that is not one.</summary>
    public static bool TryParseOccurrenceId(string? occurrenceId, out DateTimeOffset start)
    {
        start = default;
        if (string.IsNullOrEmpty(occurrenceId) || occurrenceId.Length > 16
            || !long.TryParse(occurrenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
        {
            return false;
        }

        try
        {
            start = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}

namespace Confab.Meetings.Scheduling;

/// <summary>Expands a recurrence into occurrences that keep their local wall-clock time across DST changes.</summary>
public static class OccurrenceExpander
{
    /// <summary>
    /// The occurrences of a series whose first start is <paramref name="firstStart"/>, recurring in the IANA
    /// zone <paramref name="timeZoneId"/>, at most <paramref name="maxOccurrences"/> of them (Zoom caps at 60 for
    /// daily, 50 otherwise; callers pass the cap).
    /// </summary>
    public static IReadOnlyList<Occurrence> Expand(
        RecurrenceRule rule, DateTimeOffset firstStart, string timeZoneId, int durationMinutes, int maxOccurrences = 60) =>
        throw new NotImplementedException();
}

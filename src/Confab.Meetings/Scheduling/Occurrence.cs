namespace Confab.Meetings.Scheduling;

/// <summary>
/// One occurrence of a recurring meeting. <see cref="OccurrenceId"/> is the occurrence's start as Unix
/// milliseconds (as Zoom does); <see cref="Status"/> is "available" or "deleted".
/// </summary>
public sealed record Occurrence(string OccurrenceId, DateTimeOffset StartTime, int Duration, string Status);

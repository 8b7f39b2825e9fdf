namespace Confab.Meetings.Scheduling;

/// <summary>Checks a recurrence for a meeting type; reports each problem under its JSON field path.</summary>
public static class RecurrenceValidator
{
    /// <summary>Adds an error per bad field of <paramref name="rule"/> (prefix e.g. "recurrence").</summary>
    public static void Validate(RecurrenceRule rule, MeetingType type, FieldErrors errors, string prefix = "recurrence") =>
        throw new NotImplementedException();
}

namespace Confab.Meetings.Scheduling;

/// <summary>Meeting IDs as people read them: 11 digits as 3-4-4 ("123 4567 8901"), 10 digits as 3-3-4, 9 as 3-3-3.</summary>
public static class MeetingIdFormat
{
    public static string Group(string meetingId)
    {
        ArgumentNullException.ThrowIfNull(meetingId);
        if (!meetingId.All(char.IsAsciiDigit))
        {
            return meetingId;
        }

        return meetingId.Length switch
        {
            11 => $"{meetingId[..3]} {meetingId[3..7]} {meetingId[7..]}",
            10 => $"{meetingId[..3]} {meetingId[3..6]} {meetingId[6..]}",
            9 => $"{meetingId[..3]} {meetingId[3..6]} {meetingId[6..]}",
            _ => meetingId,
        };
    }
}

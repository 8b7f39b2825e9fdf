using Confab.Meetings.Accounts;

namespace Confab.Meetings.Rooms;

/// <summary>What the room needs from the scheduled meeting.</summary>
/// <param name="CoHostUserIds">Accounts that enter as co-hosts (Zoom's alternative hosts).</param>
/// <param name="EmptyGracePeriod">How long a started meeting stays open after the last person leaves.</param>
public sealed record MeetingRoomOptions(
    string MeetingId,
    string MeetingName,
    string HostUserId,
    AccountType HostAccountType,
    RoomSettings Settings,
    IReadOnlySet<string>? CoHostUserIds = null,
    TimeSpan? EmptyGracePeriod = null)
{
    public static readonly TimeSpan DefaultEmptyGracePeriod = TimeSpan.FromSeconds(60);

    /// <summary>The free plan warns this long before its time cap ends the meeting.</summary>
    public static readonly TimeSpan TimeLimitWarningLead = TimeSpan.FromMinutes(10);
}

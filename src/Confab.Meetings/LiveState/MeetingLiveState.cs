namespace Confab.Meetings.LiveState;

/// <summary>The <c>meeting:{id}:state</c> hash.</summary>
public sealed record MeetingLiveState(
    string Status,
    string HostId,
    DateTimeOffset StartTime,
    long ParticipantCount,
    bool Recording,
    string? SfuServer);

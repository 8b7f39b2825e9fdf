namespace Confab.Server.Meetings;

/// <summary>A meeting as Zoom API v2 shows it (create and get).</summary>
public sealed record MeetingResponse(
    string Uuid,
    long Id,
    string HostId,
    string? HostEmail,
    string? Topic,
    int Type,
    string Status,
    string? StartTime,
    int Duration,
    string? Timezone,
    string? Agenda,
    string CreatedAt,
    string JoinUrl,
    string? Password,
    MeetingSettings Settings,
    RecurrenceResponse? Recurrence,
    IReadOnlyList<OccurrenceResponse>? Occurrences);

public sealed record RecurrenceResponse(
    int Type,
    int RepeatInterval,
    string? WeeklyDays,
    int? MonthlyDay,
    int? MonthlyWeek,
    int? MonthlyWeekDay,
    int? EndTimes,
    string? EndDateTime);

public sealed record OccurrenceResponse(string OccurrenceId, string StartTime, int Duration, string Status);

/// <summary>One entry of <c>GET /v2/users/me/meetings</c>.</summary>
public sealed record MeetingListItem(
    string Uuid,
    long Id,
    string HostId,
    string? Topic,
    int Type,
    string Status,
    string? StartTime,
    int Duration,
    string? Timezone,
    string? Agenda,
    string CreatedAt,
    string JoinUrl);

public sealed record MeetingListResponse(
    int PageSize,
    int TotalRecords,
    string NextPageToken,
    IReadOnlyList<MeetingListItem> Meetings);

/// <summary>One entry of <c>GET /v2/past_meetings/{id}/participants</c>; duration in seconds as Zoom gives it.</summary>
public sealed record PastParticipantResponse(
    string Id,
    string? UserId,
    string? Name,
    string? UserEmail,
    string? JoinTime,
    string? LeaveTime,
    int? Duration);

public sealed record PastParticipantListResponse(
    int PageSize,
    int TotalRecords,
    string NextPageToken,
    IReadOnlyList<PastParticipantResponse> Participants);

/// <summary><c>GET /v2/meetings/{id}/invitation</c> as JSON.</summary>
public sealed record InvitationResponse(string Invitation);

/// <summary>One message of <c>GET /v2/past_meetings/{id}/chat</c>.</summary>
public sealed record PastChatMessageResponse(
    string Id,
    string SenderParticipantId,
    string? SenderUserId,
    string SenderName,
    string? RecipientParticipantId,
    bool ToHosts,
    string Type,
    string Content,
    string? ReactsTo,
    string DateTime);

/// <summary>A page of a past meeting's chat, in id (time) order.</summary>
public sealed record PastChatListResponse(
    int PageSize,
    int TotalRecords,
    string NextPageToken,
    IReadOnlyList<PastChatMessageResponse> Messages);

namespace Confab.Server.Meetings;

/// <summary>
/// Body of <c>POST /v2/users/me/meetings</c> and <c>PATCH /v2/meetings/{id}</c>, in Zoom API v2 names.
/// Everything is optional here; on PATCH a field left out keeps its value.
/// </summary>
public sealed class MeetingRequest
{
    public string? Topic { get; set; }
    /// <summary>1 instant, 2 scheduled, 3 recurring with no fixed time, 8 recurring with fixed time.</summary>
    public int? Type { get; set; }
    /// <summary>ISO 8601: with "Z" or an offset it is absolute; without, it is local time in <see cref="Timezone"/>.</summary>
    public string? StartTime { get; set; }
    /// <summary>Minutes.</summary>
    public int? Duration { get; set; }
    /// <summary>IANA zone name.</summary>
    public string? Timezone { get; set; }
    /// <summary>The meeting passcode; one is generated when none is given.</summary>
    public string? Password { get; set; }
    public string? Agenda { get; set; }
    public RecurrenceRequest? Recurrence { get; set; }
    public MeetingSettingsRequest? Settings { get; set; }
}

/// <summary>Zoom's recurrence object: type 1 daily, 2 weekly, 3 monthly.</summary>
public sealed class RecurrenceRequest
{
    public int? Type { get; set; }
    public int? RepeatInterval { get; set; }
    /// <summary>Comma-separated "1".."7", 1 = Sunday.</summary>
    public string? WeeklyDays { get; set; }
    public int? MonthlyDay { get; set; }
    public int? MonthlyWeek { get; set; }
    public int? MonthlyWeekDay { get; set; }
    public int? EndTimes { get; set; }
    public string? EndDateTime { get; set; }
}

/// <summary>The settings a request may change; those left out keep their value.</summary>
public sealed class MeetingSettingsRequest
{
    public bool? WaitingRoom { get; set; }
    public bool? MuteUponEntry { get; set; }
    public bool? JoinBeforeHost { get; set; }
    public bool? HostVideo { get; set; }
    public bool? ParticipantVideo { get; set; }
    /// <summary>"none" or "cloud".</summary>
    public string? AutoRecording { get; set; }
}

/// <summary>Body of <c>PUT /v2/meetings/{id}/status</c>.</summary>
public sealed class MeetingStatusRequest
{
    /// <summary>"end".</summary>
    public string? Action { get; set; }
}

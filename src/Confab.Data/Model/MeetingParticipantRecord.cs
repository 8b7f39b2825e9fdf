namespace Confab.Data.Model;

/// <summary>A row of <c>meeting_participants</c>: who was in a meeting, when (seed §5.1).</summary>
public sealed class MeetingParticipantRecord
{
    public Guid Id { get; set; }
    public required string MeetingId { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>The name shown, also for guests.</summary>
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public DateTime? JoinTime { get; set; }
    public DateTime? LeaveTime { get; set; }
    public int? DurationMins { get; set; }
    /// <summary>"desktop", "mobile" or "web".</summary>
    public string? DeviceType { get; set; }
    /// <summary>"host", "co-host" or "participant".</summary>
    public string? Role { get; set; }
}

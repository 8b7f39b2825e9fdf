namespace Confab.Data.Model;

/// <summary>
/// A row of <c>meetings</c> (seed §5.1) with the columns the REST API needs besides the seed's:
/// the Zoom type code, the passcode and join token (hashed for checks, protected for the host's view),
/// the agenda, deleted occurrences of a series and soft deletion.
/// </summary>
public sealed class MeetingRecord
{
    /// <summary>11-digit numeric meeting ID.</summary>
    public required string MeetingId { get; set; }
    /// <summary>The instance UUID (base64 of 16 random bytes, as Zoom shows it).</summary>
    public required string Uuid { get; set; }
    public Guid HostUserId { get; set; }
    public string? Topic { get; set; }
    /// <summary>Hash of the meeting passcode (ASP.NET Core Identity password hash format).</summary>
    public string? PasswordHash { get; set; }
    /// <summary>The passcode encrypted at rest, so the host can read it back.</summary>
    public string? PasscodeProtected { get; set; }
    /// <summary>SHA-256 (hex) of the opaque token carried in the join link.</summary>
    public required string JoinTokenHash { get; set; }
    /// <summary>The join token encrypted at rest, so the join link can be shown again.</summary>
    public string? JoinTokenProtected { get; set; }
    /// <summary>"instant", "scheduled" or "recurring" (seed's words).</summary>
    public required string MeetingType { get; set; }
    /// <summary>Zoom API v2 type: 1, 2, 3 or 8.</summary>
    public int TypeCode { get; set; }
    public DateTime? StartTime { get; set; }
    public int DurationMins { get; set; }
    public string? Timezone { get; set; }
    /// <summary>"scheduled", "started" or "ended".</summary>
    public required string Status { get; set; }
    /// <summary>JSON object of the meeting's settings.</summary>
    public required string Settings { get; set; }
    /// <summary>JSON object of the recurrence, or null.</summary>
    public string? Recurrence { get; set; }
    public string? Agenda { get; set; }
    /// <summary>JSON array of the occurrence IDs deleted from a series.</summary>
    public required string DeletedOccurrences { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}

namespace Confab.Data.Model;

/// <summary>A row of <c>users</c> (seed §5.1).</summary>
public sealed class UserRecord
{
    public Guid UserId { get; set; }
    /// <summary>Stored trimmed and lower-cased, so the unique index is case-insensitive.</summary>
    public required string Email { get; set; }
    public string? PasswordHash { get; set; }
    public string? DisplayName { get; set; }
    public string? AvatarUrl { get; set; }
    /// <summary>Personal meeting ID: 10 digits, unique.</summary>
    public string? Pmi { get; set; }
    /// <summary>"free", "pro" or "business".</summary>
    public required string AccountType { get; set; }
    public string? Timezone { get; set; }
    public string? SsoProvider { get; set; }
    public string? SsoId { get; set; }
    /// <summary>Plan limit kept with the account for enforcement at join.</summary>
    public int MaxParticipants { get; set; }
    /// <summary>Free plan: meetings of three or more people end after this many minutes; null = no cap.</summary>
    public int? GroupMeetingCapMinutes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

namespace Confab.Data.Model;

/// <summary>A row of <c>refresh_tokens</c>: a refresh token, stored as its SHA-256, used once then rotated.</summary>
public sealed class RefreshTokenRecord
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>SHA-256 (hex) of the opaque token.</summary>
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>Set when the token was exchanged for a new pair; a second use revokes the user's tokens.</summary>
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

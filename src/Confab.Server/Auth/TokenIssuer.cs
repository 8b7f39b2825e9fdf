using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Accounts;
using Confab.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Auth;

/// <summary>
/// Issues access + refresh token pairs. Refresh tokens are opaque, stored as SHA-256, good for one use:
/// using one marks it used and issues a new pair; using an already used one revokes all of the user's
/// refresh tokens (it was stolen, or replayed).
/// </summary>
public sealed class TokenIssuer(AccessTokens accessTokens, ConfabSettings settings, TimeProvider time)
{
    public const string TokenType = "bearer";

    public async Task<TokenResponse> IssueAsync(ConfabDbContext db, UserRecord user, CancellationToken ct)
    {
        var refresh = Identifiers.NewOpaqueToken();
        var now = time.GetUtcNow().UtcDateTime;
        db.RefreshTokens.Add(new RefreshTokenRecord
        {
            Id = Guid.NewGuid(),
            UserId = user.UserId,
            TokenHash = TokenHashing.Sha256Hex(refresh),
            CreatedAt = now,
            ExpiresAt = now + settings.RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(ct);
        return new TokenResponse(
            accessTokens.Create(user.UserId, user.Email), refresh, TokenType, (int)accessTokens.Lifetime.TotalSeconds);
    }

    /// <summary>Exchanges a refresh token for a new pair; null when the token is unknown, expired, revoked or reused.</summary>
    public async Task<TokenResponse?> RotateAsync(ConfabDbContext db, string refreshToken, CancellationToken ct)
    {
        var hash = TokenHashing.Sha256Hex(refreshToken);
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (stored is null || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return null;
        }
        if (stored.UsedAt is not null)
        {
            await RevokeAllAsync(db, stored.UserId, now, ct);
            return null;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserId == stored.UserId, ct);
        if (user is null)
        {
            return null;
        }
        stored.UsedAt = now;
        return await IssueAsync(db, user, ct);
    }

    private static async Task RevokeAllAsync(ConfabDbContext db, Guid userId, DateTime now, CancellationToken ct)
    {
        var live = await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in live)
        {
            token.RevokedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}

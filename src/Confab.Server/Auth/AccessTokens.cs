using System.Security.Claims;
using Confab.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Confab.Server.Auth;

/// <summary>Issues and describes the validation of the API's JWT access tokens (HS256 only).</summary>
public sealed class AccessTokens(JwtSigningKey signingKey, ConfabSettings settings, TimeProvider time)
{
    public const string Issuer = "confab";
    public const string Audience = "confab-api";
    public const string SubjectClaim = "sub";

    private static readonly JsonWebTokenHandler Handler = new();

    public TimeSpan Lifetime => settings.AccessTokenLifetime;

    public string Create(Guid userId, string email)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Subject = new ClaimsIdentity([new Claim(SubjectClaim, userId.ToString()), new Claim("email", email)]),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        };
        return Handler.CreateToken(descriptor);
    }

    /// <summary>Signed with our key by HS256, from us, for us, and not expired by the server's clock.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = signingKey.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } e && now < e && (notBefore is not { } nb || now >= nb);
        },
        NameClaimType = SubjectClaim,
    };

    public static Guid? UserIdOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(SubjectClaim)?.Value, out var id) ? id : null;
}

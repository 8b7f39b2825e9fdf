using Confab.Data.Database;
using Confab.Server.Api;

namespace Confab.Server.Auth;

/// <summary><c>POST /v2/auth/refresh</c> {refresh_token} → 200 with a new pair; the old refresh token is spent.</summary>
public static class RefreshEndpoint
{
    private const int MaxTokenLength = 512;

    public static async Task<IResult> HandleAsync(HttpRequest request, ConfabDbContext db, TokenIssuer issuer, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RefreshRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrEmpty(body!.RefreshToken))
        {
            return ApiProblems.Field("refresh_token", "Is required.");
        }
        if (body.RefreshToken.Length > MaxTokenLength)
        {
            return ApiProblems.Field("refresh_token", $"Must be at most {MaxTokenLength} characters.");
        }
        var pair = await issuer.RotateAsync(db, body.RefreshToken, ct);
        return pair is null
            ? ApiProblems.Unauthorized("The refresh token is invalid, expired or already used.")
            : TypedResults.Ok(pair);
    }
}

using System.Globalization;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Auth;

/// <summary>
/// <c>POST /v2/auth/login</c> {email, password} → 200 {access_token, refresh_token, token_type, expires_in};
/// 401 on a wrong pair; 429 with Retry-After once the account or the client IP failed too often.
/// </summary>
public static class LoginEndpoint
{
    private const int MaxPasswordLength = 1024;

    public static async Task<IResult> HandleAsync(
        HttpContext context, ConfabDbContext db, IPasswordHasher<UserRecord> hasher, LoginThrottle throttle,
        TokenIssuer issuer, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(context.Request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body!.Email))
        {
            errors.Add("email", "Is required.");
        }
        JsonBody.CheckLength(body.Email, AccountFields.MaxEmailLength, "email", errors);
        if (string.IsNullOrEmpty(body.Password))
        {
            errors.Add("password", "Is required.");
        }
        JsonBody.CheckLength(body.Password, MaxPasswordLength, "password", errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors);
        }

        var email = AccountFields.NormalizeEmail(body.Email!);
        var clientIp = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(email, clientIp) is { } wait)
        {
            return TooManyAttempts(context, wait);
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        var verdict = user?.PasswordHash is { } hash
            ? hasher.VerifyHashedPassword(user, hash, body.Password!)
            : BurnEqualTime(hasher, body.Password!);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(email, clientIp);
            return ApiProblems.Unauthorized("The e-mail address or password is wrong.");
        }
        throttle.RecordSuccess(email);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, body.Password!);
        }
        return TypedResults.Ok(await issuer.IssueAsync(db, user, ct));
    }

    /// <summary>An unknown e-mail costs as much as a wrong password, so timing does not tell which accounts exist.</summary>
    private static PasswordVerificationResult BurnEqualTime(IPasswordHasher<UserRecord> hasher, string password)
    {
        var dummy = new UserRecord { Email = "", AccountType = "free" };
        hasher.VerifyHashedPassword(dummy, DummyHash.Value, password);
        return PasswordVerificationResult.Failed;
    }

    private static readonly Lazy<string> DummyHash =
        new(() => new PasswordHasher<UserRecord>().HashPassword(new UserRecord { Email = "", AccountType = "free" }, "confab-dummy"));

    private static IResult TooManyAttempts(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too Many Requests",
            detail: $"Too many failed logins. Try again in {seconds} seconds.");
    }
}

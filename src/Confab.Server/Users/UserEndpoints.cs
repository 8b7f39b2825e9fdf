using System.Security.Claims;
using Confab.Data.Database;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Users;

/// <summary><c>GET</c> and <c>PATCH /v2/users/me</c>.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/users/me").WithTags("Users").RequireAuthorization();
        group.MapGet("", GetAsync).Produces<UserResponse>();
        group.MapPatch("", PatchAsync).Accepts<UpdateUserRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct)
    {
        var user = await CurrentUser.FindAsync(principal, db, ct);
        return user is null ? CurrentUser.Gone() : TypedResults.Ok(UserResponse.From(user));
    }

    private static async Task<IResult> PatchAsync(
        HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateUserRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new FieldErrors();
        AccountFields.ValidateDisplayName(body!.DisplayName, required: false, errors);
        AccountFields.ValidateTimezone(body.Timezone, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors);
        }
        var user = await CurrentUser.FindAsync(principal, db, ct);
        if (user is null)
        {
            return CurrentUser.Gone();
        }
        user.DisplayName = body.DisplayName?.Trim() ?? user.DisplayName;
        user.Timezone = body.Timezone ?? user.Timezone;
        user.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>Body of <c>PATCH /v2/users/me</c>: the fields given change, the others stay.</summary>
public sealed class UpdateUserRequest
{
    public string? DisplayName { get; set; }
    public string? Timezone { get; set; }
}

/// <summary>The account behind the access token.</summary>
public static class CurrentUser
{
    public static async Task<Data.Model.UserRecord?> FindAsync(ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct)
    {
        var id = AccessTokens.UserIdOf(principal);
        return id is null ? null : await db.Users.SingleOrDefaultAsync(u => u.UserId == id, ct);
    }

    /// <summary>A valid token of an account that no longer exists.</summary>
    public static IResult Gone() => ApiProblems.Unauthorized("The account of this access token no longer exists.");
}

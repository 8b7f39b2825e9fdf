using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Accounts;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Auth;

/// <summary><c>POST /v2/auth/register</c> {email, password, display_name, timezone?} → 201 with the new user.</summary>
public static class RegisterEndpoint
{
    private const int PmiAttempts = 8;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ConfabDbContext db, IPasswordHasher<UserRecord> hasher, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new FieldErrors();
        AccountFields.ValidateEmail(body!.Email, errors);
        if (body.Password is null)
        {
            errors.Add("password", "Is required.");
        }
        else
        {
            PasswordPolicy.Validate(body.Password, body.Email, errors);
        }
        AccountFields.ValidateDisplayName(body.DisplayName, required: true, errors);
        AccountFields.ValidateTimezone(body.Timezone, errors);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors);
        }

        var email = AccountFields.NormalizeEmail(body.Email!);
        if (await db.Users.AnyAsync(u => u.Email == email, ct))
        {
            return ApiProblems.Conflict("An account with this e-mail address exists.");
        }
        var pmi = await NewUniquePmiAsync(db, ct);
        var limits = PlanLimits.For(AccountType.Free);
        var now = time.GetUtcNow().UtcDateTime;
        var user = new UserRecord
        {
            UserId = Guid.NewGuid(),
            Email = email,
            DisplayName = body.DisplayName!.Trim(),
            Pmi = pmi,
            AccountType = AccountTypes.ToStored(AccountType.Free),
            Timezone = body.Timezone,
            MaxParticipants = limits.MaxParticipants,
            GroupMeetingCapMinutes = limits.GroupMeetingTimeCap is { } cap ? (int)cap.TotalMinutes : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, body.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Users.AsNoTracking().AnyAsync(u => u.Email == email, ct))
            {
                throw;
            }
            // Registered concurrently by another request.
            return ApiProblems.Conflict("An account with this e-mail address exists.");
        }
        return TypedResults.Created("/v2/users/me", UserResponse.From(user));
    }

    private static async Task<string> NewUniquePmiAsync(ConfabDbContext db, CancellationToken ct)
    {
        for (var attempt = 0; attempt < PmiAttempts; attempt++)
        {
            var pmi = Identifiers.NewPmi();
            if (!await db.Users.AnyAsync(u => u.Pmi == pmi, ct))
            {
                return pmi;
            }
        }
        throw new InvalidOperationException("Could not draw a free personal meeting ID.");
    }
}

using System.Security.Claims;
using Confab.Data.Database;
using Confab.Meetings.LiveState;
using Confab.Server.Api;

namespace Confab.Server.Meetings;

/// <summary><c>PUT /v2/meetings/{id}/status</c> {action: "end"} → 204; 409 when it has already ended.</summary>
public static class MeetingStatusEndpoint
{
    public const string EndAction = "end";

    public static async Task<IResult> HandleAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, IServiceProvider services,
        TimeProvider time, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (body, bodyProblem) = await JsonBody.ReadAsync<MeetingStatusRequest>(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        if (body!.Action != EndAction)
        {
            return ApiProblems.Field("action", "Must be \"end\".");
        }
        if (meeting!.Status == MeetingKinds.StatusEnded)
        {
            return ApiProblems.Conflict("The meeting has already ended.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        meeting.Status = MeetingKinds.StatusEnded;
        meeting.EndedAt = now;
        meeting.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        if (services.GetService<ILiveStateStore>() is { } live)
        {
            await live.RemoveMeetingAsync(meeting.MeetingId, ct);
        }
        return TypedResults.NoContent();
    }
}

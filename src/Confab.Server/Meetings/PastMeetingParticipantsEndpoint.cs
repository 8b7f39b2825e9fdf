using System.Security.Claims;
using Confab.Data.Database;
using Confab.Server.Api;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary><c>GET /v2/past_meetings/{id}/participants</c>: who attended the host's meeting, from meeting_participants.</summary>
public static class PastMeetingParticipantsEndpoint
{
    private const int SecondsPerMinute = 60;

    public static async Task<IResult> HandleAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct, includeDeleted: true);
        if (problem is not null)
        {
            return problem;
        }
        if (!PageTokens.TryRead(request, out var pageSize, out var offset, out problem))
        {
            return problem!;
        }
        var query = db.MeetingParticipants.AsNoTracking().Where(p => p.MeetingId == meeting!.MeetingId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(p => p.JoinTime).ThenBy(p => p.Id).Skip(offset).Take(pageSize).ToListAsync(ct);
        var participants = rows.Select(p => new PastParticipantResponse(
            p.Id.ToString(),
            p.UserId?.ToString(),
            p.DisplayName,
            p.Email,
            p.JoinTime is { } join ? ApiJson.FormatTime(join) : null,
            p.LeaveTime is { } leave ? ApiJson.FormatTime(leave) : null,
            p.DurationMins * SecondsPerMinute)).ToList();
        return TypedResults.Ok(new PastParticipantListResponse(pageSize, total, PageTokens.Next(offset, pageSize, total), participants));
    }
}

using System.Security.Claims;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Auth;
using Confab.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary>
/// <c>GET /v2/users/me/meetings?type=scheduled|live|upcoming|previous_meetings&amp;page_size=&amp;next_page_token=</c>.
/// scheduled: every meeting not ended; live: started; upcoming: not ended and not over yet (series until
/// their last occurrence ends); previous_meetings: ended.
/// </summary>
public static class ListMeetingsEndpoint
{
    private static readonly string[] Types = ["scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"];

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingView view, PublicBaseUrl publicBase,
        TimeProvider time, CancellationToken ct)
    {
        var typeValues = request.Query["type"];
        var type = typeValues.Count == 0 ? "scheduled" : typeValues[0] ?? "";
        if (typeValues.Count > 1 || !Types.Contains(type, StringComparer.Ordinal))
        {
            return ApiProblems.Field("type", "Must be one of scheduled, live, upcoming, previous_meetings.");
        }
        if (!PageTokens.TryRead(request, out var pageSize, out var offset, out var problem))
        {
            return problem!;
        }
        if (AccessTokens.UserIdOf(principal) is not { } userId)
        {
            return ApiProblems.Unauthorized("A bearer access token is required.");
        }

        var query = db.Meetings.AsNoTracking().Where(m => m.HostUserId == userId && m.DeletedAt == null);
        query = type switch
        {
            "live" => query.Where(m => m.Status == MeetingKinds.StatusStarted),
            "previous_meetings" => query.Where(m => m.Status == MeetingKinds.StatusEnded),
            _ => query.Where(m => m.Status != MeetingKinds.StatusEnded),
        };
        IEnumerable<MeetingRecord> meetings = await query.ToListAsync(ct);
        if (type is "upcoming" or "upcoming_meetings")
        {
            var now = time.GetUtcNow().UtcDateTime;
            meetings = meetings.Where(m => IsUpcoming(m, now));
        }
        var ordered = meetings
            .OrderBy(m => m.StartTime ?? DateTime.MaxValue)
            .ThenBy(m => m.MeetingId, StringComparer.Ordinal)
            .ToList();
        var baseUrl = publicBase.Resolve(request);
        var page = ordered.Skip(offset).Take(pageSize).Select(m => view.ToListItem(m, baseUrl)).ToList();
        return TypedResults.Ok(new MeetingListResponse(
            pageSize, ordered.Count, PageTokens.Next(offset, pageSize, ordered.Count), page));
    }

    private static bool IsUpcoming(MeetingRecord meeting, DateTime now)
    {
        if (meeting.TypeCode == (int)MeetingType.RecurringNoFixedTime)
        {
            return true;
        }
        if (meeting.TypeCode == (int)MeetingType.RecurringFixedTime)
        {
            return MeetingView.OccurrencesOf(meeting)
                .Any(o => o.Status != "deleted" && o.StartTime.UtcDateTime.AddMinutes(o.Duration) > now);
        }
        return meeting.StartTime is { } start && start.AddMinutes(meeting.DurationMins) > now;
    }
}

using System.Security.Claims;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Scheduling;
using Confab.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Confab.Server.Meetings;

/// <summary>
/// <c>GET /v2/meetings/{id}/invitation</c> (Zoom's {invitation} JSON, or the bare text when the client
/// accepts text/plain only) and <c>GET /v2/meetings/{id}/ics</c> (an RFC 5545 calendar file).
/// </summary>
public static class MeetingExportEndpoints
{
    public static async Task<IResult> InvitationAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingView view,
        MeetingSecrets secrets, PublicBaseUrl publicBase, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var text = InvitationText.Render(await EntryAsync(meeting!, request, db, view, secrets, publicBase, ct));
        return WantsPlainText(request)
            ? TypedResults.Text(text, "text/plain; charset=utf-8")
            : TypedResults.Ok(new InvitationResponse(text));
    }

    public static async Task<IResult> IcsAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingView view,
        MeetingSecrets secrets, PublicBaseUrl publicBase, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        var ics = CalendarExport.ToIcs(await EntryAsync(meeting!, request, db, view, secrets, publicBase, ct));
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"confab-{meeting!.MeetingId}.ics\"";
        return TypedResults.Text(ics, "text/calendar; charset=utf-8");
    }

    private static async Task<MeetingCalendarEntry> EntryAsync(
        MeetingRecord meeting, HttpRequest request, ConfabDbContext db, MeetingView view, MeetingSecrets secrets,
        PublicBaseUrl publicBase, CancellationToken ct)
    {
        var host = await db.Users.AsNoTracking().SingleAsync(u => u.UserId == meeting.HostUserId, ct);
        return new MeetingCalendarEntry(
            meeting.MeetingId,
            meeting.Topic ?? MeetingValidator.DefaultTopic,
            meeting.Agenda,
            (MeetingType)meeting.TypeCode,
            meeting.StartTime is { } start ? new DateTimeOffset(start, TimeSpan.Zero) : null,
            meeting.DurationMins,
            meeting.Timezone ?? "UTC",
            view.JoinUrl(meeting, publicBase.Resolve(request)),
            secrets.ReadPasscode(meeting),
            host.DisplayName ?? host.Email,
            MeetingView.RecurrenceOf(meeting),
            MeetingView.DeletedOccurrencesOf(meeting));
    }

    private static bool WantsPlainText(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count > 0
            && accept.Any(a => a.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }
}

using System.Security.Claims;
using System.Text;
using Confab.Data.Database;
using Confab.Meetings.Chat;
using Confab.Server.Auth;
using Confab.Server.Meetings;
using Confab.Server.Signaling;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Chat;

/// <summary>
/// <c>GET /v2/meetings/{id}/chat/files/{fileId}</c>: the bytes, for a participant of the live meeting who may see the file (its
/// uploader, or someone who sees a message carrying it) or for the meeting's host signed in with a bearer token. Anyone else
/// gets the same 404 as for a file that does not exist. Always a download, never rendered: <c>Content-Disposition:
/// attachment</c>, <c>X-Content-Type-Options: nosniff</c>, and not cached.
/// </summary>
internal static class ChatFileDownloadEndpoint
{
    public static async Task<IResult> HandleAsync(string id, string fileId, HttpContext context, ClaimsPrincipal principal,
        LiveMeetingRegistry meetings, IChatFileRecords records, IChatFileStore store, ConfabDbContext db, CancellationToken ct)
    {
        if (!MeetingLookup.IsNumericId(id) || !Guid.TryParseExact(fileId, "D", out var fileGuid)
            || await records.FindAsync(id, fileGuid, ct) is not { } file)
        {
            return ChatFileProblems.NotFound();
        }
        if (!await MayReadAsync(id, file, context.Request, principal, meetings, db, ct))
        {
            return ChatFileProblems.NotFound();
        }
        if (store.Open(file.MeetingId, file.Id) is not { } bytes)
        {
            return ChatFileProblems.NotFound();
        }
        var headers = context.Response.Headers;
        headers.ContentDisposition = AttachmentHeader(file.Name);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        return TypedResults.Stream(bytes, file.ContentType);
    }

    private static async Task<bool> MayReadAsync(string meetingId, ChatFile file, HttpRequest request, ClaimsPrincipal principal,
        LiveMeetingRegistry meetings, ConfabDbContext db, CancellationToken ct)
    {
        if (ChatFileEndpoints.ParticipantToken(request) is { } token && meetings.Find(meetingId) is { } meeting
            && await meeting.MayReadFileAsync(token, file))
        {
            return true;
        }
        // The host's record of the meeting: every file, as the past meeting's chat shows every message.
        return AccessTokens.UserIdOf(principal) is { } userId
            && await db.Meetings.AsNoTracking().AnyAsync(m => m.MeetingId == meetingId && m.HostUserId == userId, ct);
    }

    /// <summary>
    /// RFC 6266 §4.1 <c>attachment</c> with both an ASCII <c>filename</c> (for old clients) and <c>filename*</c> in the RFC 8187
    /// §3.2 ext-value form <c>UTF-8''</c> + percent-encoded UTF-8.
    /// </summary>
    internal static string AttachmentHeader(string name)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            ascii.Append(c is >= ' ' and < (char)0x7F and not '"' and not '\\' and not '%' ? c : '_');
        }
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
    }
}

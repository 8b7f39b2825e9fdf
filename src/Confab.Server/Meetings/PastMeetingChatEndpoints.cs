using System.Globalization;
using System.Security.Claims;
using System.Text;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Chat;
using Confab.Server.Api;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary>
/// The host's record of a meeting's chat (docs/signaling.md, Chat): <c>GET /v2/past_meetings/{id}/chat</c> pages every
/// message of every session of the meeting in id (time) order, private ones included; <c>GET
/// /v2/past_meetings/{id}/chat.txt</c> is the same as a text file, one message per line as Zoom saves chats.
/// </summary>
public static class PastMeetingChatEndpoints
{
    public static async Task<IResult> ListAsync(string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct)
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
        var query = db.ChatMessages.AsNoTracking().Where(m => m.MeetingId == meeting!.MeetingId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(m => m.MessageId).Skip(offset).Take(pageSize).ToListAsync(ct);
        var messages = rows.Select(m => new PastChatMessageResponse(
            m.MessageId.ToString(), m.SenderParticipantId, m.SenderUserId?.ToString(), m.SenderName, m.RecipientParticipantId,
            m.ToHosts, m.MessageType, m.Content, m.ReactsTo?.ToString(), ApiJson.FormatTime(m.CreatedAt))).ToList();
        return TypedResults.Ok(new PastChatListResponse(pageSize, total, PageTokens.Next(offset, pageSize, total), messages));
    }

    public static async Task<IResult> TextAsync(string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct, includeDeleted: true);
        if (problem is not null)
        {
            return problem;
        }
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.MeetingId == meeting!.MeetingId)
            .OrderBy(m => m.MessageId).ToListAsync(ct);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"confab-{meeting!.MeetingId}-chat.txt\"";
        return TypedResults.Text(Format(rows), "text/plain; charset=utf-8");
    }

    /// <summary>"2026-12-02 20:44:10 UTC From Ada to Everyone: text", continuation lines indented; reactions name their message.</summary>
    internal static string Format(IReadOnlyList<ChatMessageRecord> rows)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            names[row.SenderParticipantId] = row.SenderName;
        }
        var builder = new StringBuilder();
        foreach (var row in rows)
        {
            string to = row.RecipientParticipantId is { } recipient
                ? $"{names.GetValueOrDefault(recipient, "a participant")} (privately)"
                : row.ToHosts ? "the hosts" : "Everyone";
            string when = DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            string text = row.MessageType switch
            {
                "reaction" => $"reacted {row.Content} to message {row.ReactsTo}",
                "file" when ChatFileContent.TryRead(row.Content, out var file) =>
                    string.Create(CultureInfo.InvariantCulture, $"sent the file {file.Name} ({file.Size} bytes, {file.ContentType})"),
                _ => row.Content,
            };
            builder.Append(CultureInfo.InvariantCulture, $"{when} From {row.SenderName} to {to}:")
                .Append(text.Contains('\n', StringComparison.Ordinal) ? "\n\t" + text.Replace("\n", "\n\t", StringComparison.Ordinal) : " " + text)
                .Append('\n');
        }
        return builder.ToString();
    }
}

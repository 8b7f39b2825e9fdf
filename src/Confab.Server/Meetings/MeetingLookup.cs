using System.Security.Claims;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Server.Api;
using Confab.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary>
/// Finds the caller's meeting by the ID in the path. Someone else's meeting and one that does not exist
/// answer the same 404, so IDs cannot be probed.
/// </summary>
public static class MeetingLookup
{
    private const int MaxIdDigits = 19;

    public static bool IsNumericId(string id) =>
        id.Length is > 0 and <= MaxIdDigits && id.All(char.IsAsciiDigit);

    public static async Task<(MeetingRecord? Meeting, IResult? Problem)> FindOwnedAsync(
        string id, ClaimsPrincipal principal, ConfabDbContext db, CancellationToken ct, bool includeDeleted = false)
    {
        if (!IsNumericId(id))
        {
            return (null, ApiProblems.Field("id", "Must be a numeric meeting ID."));
        }
        if (AccessTokens.UserIdOf(principal) is not { } userId)
        {
            return (null, ApiProblems.Unauthorized("A bearer access token is required."));
        }
        var meeting = await db.Meetings.SingleOrDefaultAsync(
            m => m.MeetingId == id && m.HostUserId == userId && (includeDeleted || m.DeletedAt == null), ct);
        return meeting is null ? (null, NotFound()) : (meeting, null);
    }

    /// <summary>
    /// The meeting a join link's token opens (looked up by its SHA-256, so the plain token is never stored
    /// or compared as text); null for an unknown token or a deleted meeting.
    /// </summary>
    public static Task<MeetingRecord?> FindByJoinTokenAsync(ConfabDbContext db, string token, CancellationToken ct)
    {
        var hash = TokenHashing.Sha256Hex(token);
        return db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.JoinTokenHash == hash && m.DeletedAt == null, ct);
    }

    public static IResult NotFound() => ApiProblems.NotFound("No meeting with this ID.");

    /// <summary>An occurrence_id query value: digits (Unix milliseconds), or absent.</summary>
    public static bool TryReadOccurrenceId(HttpRequest request, out string? occurrenceId, out IResult? problem)
    {
        occurrenceId = null;
        problem = null;
        var values = request.Query["occurrence_id"];
        if (values.Count == 0)
        {
            return true;
        }
        var value = values[0];
        if (values.Count > 1 || string.IsNullOrEmpty(value) || !IsNumericId(value))
        {
            problem = ApiProblems.Field("occurrence_id", "Must be one numeric occurrence ID.");
            return false;
        }
        occurrenceId = value;
        return true;
    }
}

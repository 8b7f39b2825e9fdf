using System.Security.Cryptography;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Accounts;
using Confab.Meetings.Rooms;
using Confab.Server.Auth;
using Confab.Server.Meetings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Confab.Server.Signaling;

/// <summary>What a join presents: the meeting, a passcode or the join link's token, and optionally an access token.</summary>
internal sealed record JoinCredentials(string MeetingId, string? Passcode, string? LinkToken, string? AccessToken, string ClientAddress);

/// <summary>A join that may go ahead: the meeting, and the account behind it (null for a guest).</summary>
internal sealed record JoinGrant(MeetingRecord Meeting, AccountType HostAccountType, Guid? UserId, string? AccountDisplayName);

/// <summary>Why a join was refused, in the words the socket sends.</summary>
internal sealed record JoinRefusal(string Code, string Message, TimeSpan? RetryAfter = null);

/// <summary>
/// Decides whether someone may enter a meeting (seed §5.7 join; issue: passcode guessing). The host's account needs
/// no passcode; anyone else needs the meeting's passcode or its join link's token when the meeting has one. An
/// unknown meeting and a wrong passcode give the same answer after the same work (a passcode hash check runs
/// either way), and both count against the meeting id and the client address in the <see cref="JoinThrottle"/>.
/// </summary>
internal sealed class MeetingJoinAuthenticator(
    IServiceScopeFactory scopes, JoinThrottle throttle, AccessTokens accessTokens, IPasswordHasher<MeetingRecord> hasher,
    VerifiedPasscodes verified)
{
    public const string Refused = "join-refused";
    private const string RefusedMessage = "No meeting with this ID and passcode.";
    private static readonly JsonWebTokenHandler Tokens = new();

    // A hash of a random passcode, checked when there is no real one to check, so every refusal costs the same.
    private static readonly MeetingRecord Decoy =
        new() { MeetingId = "0", Uuid = "", JoinTokenHash = "", MeetingType = "", Status = "", Settings = "", DeletedOccurrences = "" };

    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Decoy, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    public async Task<(JoinGrant? Grant, JoinRefusal? Refusal)> AuthenticateAsync(JoinCredentials credentials, CancellationToken ct)
    {
        if (throttle.RetryAfter(credentials.MeetingId, credentials.ClientAddress) is { } wait)
        {
            return (null, new JoinRefusal("too-many-attempts", "Too many failed attempts; try again later.", wait));
        }
        Guid? userId = null;
        if (credentials.AccessToken is { } token)
        {
            var validation = await Tokens.ValidateTokenAsync(token, accessTokens.ValidationParameters());
            if (!validation.IsValid || !Guid.TryParse(validation.ClaimsIdentity.FindFirst(AccessTokens.SubjectClaim)?.Value, out var id))
            {
                return (null, new JoinRefusal("unauthorized", "The access token is not valid; sign in again or join as a guest."));
            }
            userId = id;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        var meeting = MeetingLookup.IsNumericId(credentials.MeetingId)
            ? await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.MeetingId == credentials.MeetingId && m.DeletedAt == null, ct)
            : null;
        bool isHost = meeting is not null && userId == meeting.HostUserId;
        bool secretOk = PresentsSecret(meeting, credentials);
        if (meeting is null || (!isHost && !secretOk))
        {
            throttle.RecordFailure(credentials.MeetingId, credentials.ClientAddress);
            return (null, new JoinRefusal(Refused, RefusedMessage));
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.UserId == meeting.HostUserId || u.UserId == userId)
            .Select(u => new { Id = u.UserId, u.AccountType, u.DisplayName })
            .ToListAsync(ct);
        var hostType = users.FirstOrDefault(u => u.Id == meeting.HostUserId)?.AccountType switch
        {
            "pro" => AccountType.Pro,
            "business" => AccountType.Business,
            _ => AccountType.Free,
        };
        var self = users.FirstOrDefault(u => u.Id == userId);
        if (userId is not null && self is null)
        {
            return (null, new JoinRefusal("unauthorized", "The account of this access token no longer exists."));
        }
        return (new JoinGrant(meeting, hostType, userId, self?.DisplayName), null);
    }

    // The passcode, or the link's token; a meeting without a passcode needs neither. A right link token (a SHA-256
    // compared in fixed time) lets in at once, and so does a passcode that passed here before (VerifiedPasscodes); every
    // other case makes exactly one slow passcode-hash check, so an unknown meeting and a wrong passcode or token cost the
    // same time.
    private bool PresentsSecret(MeetingRecord? meeting, JoinCredentials credentials)
    {
        bool tokenOk = credentials.LinkToken is { } linkToken && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(TokenHashing.Sha256Hex(linkToken)),
            System.Text.Encoding.ASCII.GetBytes(meeting?.JoinTokenHash ?? Decoy.JoinTokenHash.PadLeft(64, '0')));
        if (tokenOk && meeting is not null)
        {
            return true;
        }
        string? hash = meeting?.PasswordHash;
        string passcode = credentials.Passcode ?? "";
        if (meeting is not null && hash is not null && verified.Knows(meeting.MeetingId, hash, passcode))
        {
            return true;
        }
        bool passcodeOk = hasher.VerifyHashedPassword(meeting ?? Decoy, hash ?? _decoyHash.Value, passcode)
            != PasswordVerificationResult.Failed && hash is not null;
        if (passcodeOk && meeting is not null)
        {
            verified.Remember(meeting.MeetingId, hash!, passcode);
        }
        return meeting is not null && (hash is null || passcodeOk);
    }
}

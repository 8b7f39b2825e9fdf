using System.Security.Cryptography;
using Confab.Data.Model;
using Confab.Meetings.Accounts;
using Confab.Server.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Confab.Server.Meetings;

/// <summary>
/// A meeting's passcode and join-link token (docs/adr/0002-meeting-passcodes.md): each kept twice — as a
/// hash for checking what a joiner presents, and encrypted at rest (ASP.NET Core Data Protection, keys in
/// the data directory) so the host can read the passcode and the join link back, as Zoom shows them.
/// </summary>
public sealed class MeetingSecrets(IDataProtectionProvider protection, IPasswordHasher<MeetingRecord> hasher)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Confab.Meetings.Secrets.v1");

    public void SetPasscode(MeetingRecord meeting, string passcode)
    {
        meeting.PasswordHash = hasher.HashPassword(meeting, passcode);
        meeting.PasscodeProtected = _protector.Protect(passcode);
    }

    public bool VerifyPasscode(MeetingRecord meeting, string passcode) =>
        meeting.PasswordHash is { } hash && hasher.VerifyHashedPassword(meeting, hash, passcode) != PasswordVerificationResult.Failed;

    /// <summary>Draws a new opaque join token (old links stop working) and returns it.</summary>
    public string RotateJoinToken(MeetingRecord meeting)
    {
        var token = Identifiers.NewOpaqueToken();
        meeting.JoinTokenHash = TokenHashing.Sha256Hex(token);
        meeting.JoinTokenProtected = _protector.Protect(token);
        return token;
    }

    /// <summary>The host's view of the passcode; null when it cannot be decrypted (keys lost).</summary>
    public string? ReadPasscode(MeetingRecord meeting) => Unprotect(meeting.PasscodeProtected);

    public string? ReadJoinToken(MeetingRecord meeting) => Unprotect(meeting.JoinTokenProtected);

    private string? Unprotect(string? protectedText)
    {
        if (protectedText is null)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(protectedText);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

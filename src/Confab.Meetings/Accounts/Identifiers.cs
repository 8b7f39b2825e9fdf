namespace Confab.Meetings.Accounts;

/// <summary>Identifiers drawn from a cryptographic RNG.</summary>
public static class Identifiers
{
    /// <summary>An 11-digit meeting ID with no leading zero.</summary>
    public static string NewMeetingId() => throw new NotImplementedException();

    /// <summary>A 10-digit personal meeting ID with no leading zero.</summary>
    public static string NewPmi() => throw new NotImplementedException();

    /// <summary>A 6-digit numeric passcode (what Zoom generates by default).</summary>
    public static string NewPasscode() => throw new NotImplementedException();

    /// <summary>An opaque URL-safe token (256 bits, base64url) for join links and refresh tokens.</summary>
    public static string NewOpaqueToken() => throw new NotImplementedException();
}

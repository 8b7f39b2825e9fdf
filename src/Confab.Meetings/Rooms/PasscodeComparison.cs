using System.Security.Cryptography;
using System.Text;

namespace Confab.Meetings.Rooms;

/// <summary>
/// Compares a supplied passcode with the meeting's in constant time: both are hashed with SHA-256 and the digests
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the length nor the first
/// differing character shows in the timing. An unknown meeting (no stored passcode) runs the same work against
/// a fixed stand-in and answers false, so it cannot be told apart from a wrong passcode.
/// </summary>
public static class PasscodeComparison
{
    private const int Sha256Length = 32;
    private const string UnknownMeetingStandIn = "\0unknown-meeting\0";

    /// <param name="storedPasscode">The meeting's passcode, or null when the meeting does not exist.</param>
    public static bool Matches(string? storedPasscode, string? suppliedPasscode)
    {
        Span<byte> expected = stackalloc byte[Sha256Length];
        Span<byte> supplied = stackalloc byte[Sha256Length];
        SHA256.HashData(Encoding.UTF8.GetBytes(storedPasscode ?? UnknownMeetingStandIn), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(suppliedPasscode ?? string.Empty), supplied);
        var equal = CryptographicOperations.FixedTimeEquals(expected, supplied);
        return equal && storedPasscode is not null;
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Confab.Server.Signaling;

/// <summary>
/// The passcodes that passed a meeting's slow hash check in this process, so that a meeting start where hundreds join with
/// the same passcode pays for one PBKDF2 (about 40 ms of a core) instead of one per join. Kept per meeting as one HMAC-SHA-256,
/// under a key drawn when the process starts, of the stored hash and the passcode: a changed passcode (a new stored hash) no
/// longer matches, and the memory holds no passcode. Only a right passcode is remembered, so a wrong one always costs the
/// slow check, as an unknown meeting does (<see cref="MeetingJoinAuthenticator"/>).
/// </summary>
internal sealed class VerifiedPasscodes
{
    /// <summary>Meetings remembered at once; past it the memory starts over (each meeting then pays one slow check again).</summary>
    public const int Capacity = 100_000;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, byte[]> _byMeeting = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="passcode"/> passed the check against <paramref name="storedHash"/> here before.</summary>
    public bool Knows(string meetingId, string storedHash, string passcode) =>
        _byMeeting.TryGetValue(meetingId, out var remembered)
        && CryptographicOperations.FixedTimeEquals(remembered, Digest(meetingId, storedHash, passcode));

    /// <summary>Notes that <paramref name="passcode"/> passed the slow check against <paramref name="storedHash"/>.</summary>
    public void Remember(string meetingId, string storedHash, string passcode)
    {
        if (_byMeeting.Count >= Capacity)
        {
            _byMeeting.Clear();
        }
        _byMeeting[meetingId] = Digest(meetingId, storedHash, passcode);
    }

    // Length-prefixed fields, so no two different triples give the same input.
    private byte[] Digest(string meetingId, string storedHash, string passcode)
    {
        var input = new StringBuilder()
            .Append(meetingId.Length).Append(':').Append(meetingId)
            .Append(storedHash.Length).Append(':').Append(storedHash)
            .Append(passcode.Length).Append(':').Append(passcode)
            .ToString();
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(input));
    }
}

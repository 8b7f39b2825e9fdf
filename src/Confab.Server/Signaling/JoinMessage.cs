using System.Text.Json;

namespace Confab.Server.Signaling;

/// <summary>
/// A meeting <c>join</c> (docs/signaling.md): <c>meetingId</c>, a <c>passcode</c> or the link's <c>token</c>, an
/// optional <c>accessToken</c> (signed-in users), <c>name</c>, <c>device</c>, <c>muted</c>, <c>videoOn</c>, <c>video</c>,
/// <c>guestKey</c>.
/// </summary>
internal sealed record JoinMessage(JoinCredentials Credentials, string? Name, string Device, bool Muted, bool VideoOn, Media.VideoReception Video, string? GuestKey)
{
    private const int MaxSecretLength = 256;
    private const int MaxTokenLength = 4096;
    private const int MinGuestKeyLength = 16;
    private const int MaxGuestKeyLength = 64;

    public static bool TryRead(JsonElement m, string clientAddress, out JoinMessage join, out string problem)
    {
        join = null!;
        problem = "";
        if (m.TryGetProperty("v", out var version) && (!version.TryGetInt32(out int v) || v != MeetingSignalingSession.ProtocolVersion))
        {
            problem = $"this server speaks version {MeetingSignalingSession.ProtocolVersion} of the signaling";
            return false;
        }
        string? meetingId = m.TryGetProperty("meetingId", out var id) ? id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number when id.TryGetInt64(out long n) && n > 0 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        } : null;
        meetingId = meetingId?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(meetingId) || meetingId.Length > 19 || !meetingId.All(char.IsAsciiDigit))
        {
            problem = "join needs 'meetingId': the meeting's numeric ID";
            return false;
        }
        if (!OptionalString(m, "passcode", MaxSecretLength, out var passcode) || !OptionalString(m, "token", MaxSecretLength, out var token)
            || !OptionalString(m, "accessToken", MaxTokenLength, out var accessToken) || !OptionalString(m, "name", 64, out var name))
        {
            problem = "join's 'passcode', 'token', 'accessToken' and 'name' are strings (name: 1-64 characters)";
            return false;
        }
        if (!OptionalString(m, "device", 16, out var device) || device is not (null or "web" or "desktop" or "mobile"))
        {
            problem = "join's 'device' is \"web\" (the default), \"desktop\" or \"mobile\"";
            return false;
        }
        if (!OptionalString(m, "video", 16, out var video) || !Media.VideoReceptions.TryParse(video, out var reception))
        {
            problem = Media.VideoReceptions.Expected;
            return false;
        }
        if (!OptionalBool(m, "muted", out var muted) || !OptionalBool(m, "videoOn", out var videoOn))
        {
            problem = "join's 'muted' and 'videoOn' are true or false";
            return false;
        }
        if (!OptionalString(m, "guestKey", MaxGuestKeyLength, out var guestKey)
            || guestKey is not null && (guestKey.Length < MinGuestKeyLength || !guestKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problem = $"join's 'guestKey' is {MinGuestKeyLength}-{MaxGuestKeyLength} letters, digits, '-' or '_'";
            return false;
        }
        join = new JoinMessage(new JoinCredentials(meetingId, passcode, token, accessToken, clientAddress),
            string.IsNullOrWhiteSpace(name) ? null : name, device ?? "web", muted ?? false, videoOn ?? true, reception, guestKey);
        return true;
    }

    private static bool OptionalString(JsonElement m, string field, int maxLength, out string? value)
    {
        value = null;
        if (!m.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String || element.GetString()!.Length > maxLength)
        {
            return false;
        }
        value = element.GetString();
        return true;
    }

    private static bool OptionalBool(JsonElement m, string field, out bool? value)
    {
        value = null;
        if (!m.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        value = element.GetBoolean();
        return true;
    }
}

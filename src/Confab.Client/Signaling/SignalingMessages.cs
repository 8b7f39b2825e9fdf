using System.Text.Json;
using System.Text.Json.Nodes;

namespace Confab.Client.Signaling;

/// <summary>A peer in the room: its id and display name.</summary>
public sealed record RemotePeer(string PeerId, string Name);

/// <summary>
/// The server's welcome: our peer id and who was already there. <paramref name="IceRestart"/>: the welcome after a
/// resume with iceRestart, whose media peer (and our peer connections) go on after an ICE restart.
/// <paramref name="SubscribeOfferFollows"/>: others already publish, and a subscribe offer with their media comes next.
/// </summary>
public sealed record WelcomeInfo(string PeerId, IReadOnlyList<RemotePeer> Peers, bool IceRestart = false, bool SubscribeOfferFollows = false);

/// <summary>Which simulcast layer of a selected video to receive.</summary>
public enum VideoQuality
{
    Low,
    Medium,
    High,
}

/// <summary>One video to receive: whose, at which layer, and their camera or their screen.</summary>
public sealed record VideoChoice(string PeerId, VideoQuality Quality = VideoQuality.High, bool Screen = false);

/// <summary>
/// The server's reply to a selection: the peers whose camera is now selected, the ids it did not know, and the peers
/// whose screen is selected.
/// </summary>
public sealed record VideoSelection(IReadOnlyList<string> Selected, IReadOnlyList<string> Unknown, IReadOnlyList<string> Screens);

/// <summary>
/// One sending section of a subscribe offer (its `tracks`): the section's mid, whose track it carries, `audio` or
/// `video`, and `microphone`, `camera` or `screen`.
/// </summary>
public sealed record SubscribeTrack(string Mid, string PeerId, string Kind, string Source);

/// <summary>A refusal from the server (the `error` message).</summary>
public sealed class SignalingException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>The JSON messages of the SFU development signaling protocol (v1): one object with a `type` per frame.</summary>
internal static class SignalingMessages
{
    /// <summary>The join's <c>video</c> for these options: "all", "selected", or "gallery" (selected, starting from the server's gallery).</summary>
    public static string VideoReception(SfuDevClientOptions options) =>
        !options.SelectVideo ? "all" : options.GalleryFirst ? "gallery" : "selected";

    public static string Join(string room, string name, string video) =>
        Write(new JsonObject { ["type"] = "join", ["room"] = room, ["name"] = name, ["video"] = video });

    public static string MeetingJoin(MeetingJoin join, string video)
    {
        var message = new JsonObject
        {
            ["type"] = "join",
            ["v"] = 1,
            ["meetingId"] = join.MeetingId,
            ["name"] = join.Name,
            ["video"] = video,
        };
        if (join.Passcode is not null)
        {
            message["passcode"] = join.Passcode;
        }
        if (join.LinkToken is not null)
        {
            message["token"] = join.LinkToken;
        }
        if (join.AccessToken is not null)
        {
            message["accessToken"] = join.AccessToken;
        }
        return Write(message);
    }

    /// <summary>A meeting request: the fields of <paramref name="fields"/> (an anonymous object) and the type.</summary>
    public static string Request(string type, object? fields)
    {
        var message = fields is null ? new JsonObject() : JsonSerializer.SerializeToNode(fields)!.AsObject();
        message["type"] = type;
        return Write(message);
    }

    public static string SelectVideo(IEnumerable<VideoChoice> choices)
    {
        var peers = new JsonArray();
        foreach (VideoChoice choice in choices)
        {
            var entry = new JsonObject { ["peerId"] = choice.PeerId, ["layer"] = choice.Quality.ToString().ToLowerInvariant() };
            if (choice.Screen)
            {
                entry["source"] = "screen";
            }
            peers.Add(entry);
        }
        return Write(new JsonObject { ["type"] = "select-video", ["peers"] = peers });
    }

    /// <param name="sources">mid to `microphone`, `camera` or `screen`; null or empty: no `sources` field.</param>
    public static string PublishOffer(string sdp, IReadOnlyDictionary<string, string>? sources = null)
    {
        var message = new JsonObject { ["type"] = "publish-offer", ["sdp"] = sdp };
        if (sources is { Count: > 0 })
        {
            var named = new JsonObject();
            foreach (var (mid, source) in sources)
            {
                named[mid] = source;
            }
            message["sources"] = named;
        }
        return Write(message);
    }

    /// <summary>The `tracks` of a subscribe offer; entries missing a field are skipped.</summary>
    public static IReadOnlyList<SubscribeTrack> ReadTracks(JsonElement message)
    {
        var tracks = new List<SubscribeTrack>();
        if (message.TryGetProperty("tracks", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement entry in list.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && GetString(entry, "mid") is { } mid && GetString(entry, "peerId") is { } peerId
                    && GetString(entry, "kind") is { } kind && GetString(entry, "source") is { } source)
                {
                    tracks.Add(new SubscribeTrack(mid, peerId, kind, source));
                }
            }
        }
        return tracks;
    }

    public static string SubscribeAnswer(long version, string sdp) =>
        Write(new JsonObject { ["type"] = "subscribe-answer", ["version"] = version, ["sdp"] = sdp });

    public static string Resume(string meetingId, string resumeToken, bool iceRestart) =>
        Write(new JsonObject { ["type"] = "resume", ["meetingId"] = meetingId, ["resumeToken"] = resumeToken, ["iceRestart"] = iceRestart });

    public static string Leave() => Write(new JsonObject { ["type"] = "leave" });

    public static string? GetString(JsonElement message, string name) =>
        message.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The strings of an array property; missing or not an array: empty; non-string items are skipped.</summary>
    public static IReadOnlyList<string> GetStrings(JsonElement message, string name) =>
        message.TryGetProperty(name, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    public static long? GetInt64(JsonElement message, string name) =>
        message.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : null;

    public static WelcomeInfo? ReadWelcome(JsonElement message)
    {
        string? peerId = GetString(message, "peerId");
        if (peerId is null)
        {
            return null;
        }
        var peers = new List<RemotePeer>();
        if (message.TryGetProperty("peers", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement peer in list.EnumerateArray())
            {
                if (peer.ValueKind == JsonValueKind.Object && GetString(peer, "peerId") is { } id)
                {
                    peers.Add(new RemotePeer(id, GetString(peer, "name") ?? ""));
                }
            }
        }
        bool iceRestart = message.TryGetProperty("iceRestart", out JsonElement restart) && restart.ValueKind == JsonValueKind.True;
        bool offerFollows = message.TryGetProperty("subscribeOfferFollows", out JsonElement follows) && follows.ValueKind == JsonValueKind.True;
        return new WelcomeInfo(peerId, peers, iceRestart, offerFollows);
    }

    private static string Write(JsonObject message) => message.ToJsonString();
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Confab.Client.Signaling;

/// <summary>A peer in the room: its id and display name.</summary>
public sealed record RemotePeer(string PeerId, string Name);

/// <summary>The server's welcome: our peer id and who was already there.</summary>
public sealed record WelcomeInfo(string PeerId, IReadOnlyList<RemotePeer> Peers);

/// <summary>A refusal from the server (the `error` message).</summary>
public sealed class SignalingException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>The JSON messages of the SFU development signaling protocol (v1): one object with a `type` per frame.</summary>
internal static class SignalingMessages
{
    public static string Join(string room, string name) => Write(new JsonObject { ["type"] = "join", ["room"] = room, ["name"] = name });

    public static string PublishOffer(string sdp) => Write(new JsonObject { ["type"] = "publish-offer", ["sdp"] = sdp });

    public static string SubscribeAnswer(long version, string sdp) =>
        Write(new JsonObject { ["type"] = "subscribe-answer", ["version"] = version, ["sdp"] = sdp });

    public static string Leave() => Write(new JsonObject { ["type"] = "leave" });

    public static string? GetString(JsonElement message, string name) =>
        message.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
        return new WelcomeInfo(peerId, peers);
    }

    private static string Write(JsonObject message) => message.ToJsonString();
}

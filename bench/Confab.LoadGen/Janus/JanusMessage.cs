using System.Text.Json;

namespace Confab.LoadGen.Janus;

/// <summary>The "janus" field of a message from the Janus API: what kind of message it is.</summary>
public enum JanusMessageKind
{
    Unknown,
    Success,
    Error,
    Ack,
    Event,
    WebRtcUp,
    Media,
    Hangup,
    SlowLink,
    Trickle,
    Detached,
    Timeout,
    Keepalive,
    ServerInfo,
}

/// <summary>An SDP carried beside a message ("jsep": {"type": "offer"|"answer", "sdp": ...}).</summary>
public sealed record JanusJsep(string Type, string Sdp)
{
    public bool IsOffer => Type == "offer";

    public bool IsAnswer => Type == "answer";
}

/// <summary>
/// One message from the Janus API (janus.c, "The Janus API" in the Janus documentation): a reply to a
/// request ("success", "error", "ack") or an asynchronous event from a handle. The plugin's own payload
/// ("plugindata": {"plugin": ..., "data": {...}}) is kept as a cloned <see cref="JsonElement"/> for the
/// plugin-specific readers such as <see cref="VideoRoomEvent"/>.
/// </summary>
public sealed class JanusMessage
{
    public JanusMessageKind Kind { get; init; }

    /// <summary>The "janus" text as received.</summary>
    public string KindText { get; init; } = "";

    public string? Transaction { get; init; }

    public long? SessionId { get; init; }

    /// <summary>The handle the event comes from ("sender").</summary>
    public long? Sender { get; init; }

    /// <summary>"data": {"id": N} of a successful create or attach.</summary>
    public long? DataId { get; init; }

    /// <summary>"error": {"code": N, "reason": "..."} of an API error (not a plugin error).</summary>
    public int? ErrorCode { get; init; }

    public string? ErrorReason { get; init; }

    /// <summary>"plugindata.plugin".</summary>
    public string? Plugin { get; init; }

    /// <summary>"plugindata.data", when present.</summary>
    public JsonElement? PluginData { get; init; }

    public JanusJsep? Jsep { get; init; }

    /// <summary>"media" events: "audio" or "video" (with "receiving").</summary>
    public string? MediaType { get; init; }

    public bool? Receiving { get; init; }

    /// <summary>"hangup" events: the reason.</summary>
    public string? Reason { get; init; }

    public static JanusMessageKind ParseKind(string? text) => text switch
    {
        "success" => JanusMessageKind.Success,
        "error" => JanusMessageKind.Error,
        "ack" => JanusMessageKind.Ack,
        "event" => JanusMessageKind.Event,
        "webrtcup" => JanusMessageKind.WebRtcUp,
        "media" => JanusMessageKind.Media,
        "hangup" => JanusMessageKind.Hangup,
        "slowlink" => JanusMessageKind.SlowLink,
        "trickle" => JanusMessageKind.Trickle,
        "detached" => JanusMessageKind.Detached,
        "timeout" => JanusMessageKind.Timeout,
        "keepalive" => JanusMessageKind.Keepalive,
        "server_info" => JanusMessageKind.ServerInfo,
        _ => JanusMessageKind.Unknown,
    };

    /// <summary>Reads one message object; false when it is not an object with a "janus" string.</summary>
    public static bool TryRead(JsonElement element, out JanusMessage? message)
    {
        message = null;
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("janus", out JsonElement kind)
            || kind.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        string kindText = kind.GetString()!;
        JsonElement? pluginData = null;
        string? plugin = null;
        if (element.TryGetProperty("plugindata", out JsonElement pd) && pd.ValueKind == JsonValueKind.Object)
        {
            plugin = ReadString(pd, "plugin");
            if (pd.TryGetProperty("data", out JsonElement data))
            {
                pluginData = data.Clone();
            }
        }

        JanusJsep? jsep = null;
        if (element.TryGetProperty("jsep", out JsonElement j) && j.ValueKind == JsonValueKind.Object
            && ReadString(j, "type") is string type && ReadString(j, "sdp") is string sdp)
        {
            jsep = new JanusJsep(type, sdp);
        }

        int? errorCode = null;
        string? errorReason = null;
        if (element.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
        {
            errorCode = ReadInt64(error, "code") is long code ? (int)code : null;
            errorReason = ReadString(error, "reason");
        }

        long? dataId = null;
        if (element.TryGetProperty("data", out JsonElement d) && d.ValueKind == JsonValueKind.Object)
        {
            dataId = ReadInt64(d, "id");
        }

        message = new JanusMessage
        {
            Kind = ParseKind(kindText),
            KindText = kindText,
            Transaction = ReadString(element, "transaction"),
            SessionId = ReadInt64(element, "session_id"),
            Sender = ReadInt64(element, "sender"),
            DataId = dataId,
            ErrorCode = errorCode,
            ErrorReason = errorReason,
            Plugin = plugin,
            PluginData = pluginData,
            Jsep = jsep,
            MediaType = ReadString(element, "type"),
            Receiving = element.TryGetProperty("receiving", out JsonElement r) && r.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? r.GetBoolean()
                : null,
            Reason = ReadString(element, "reason"),
        };
        return true;
    }

    /// <summary>
    /// Reads a response body: one message object, or the array a long poll returns. Elements that are not
    /// messages are skipped; false when the text is not JSON of either shape.
    /// </summary>
    public static bool TryReadAll(string json, out List<JanusMessage> messages)
    {
        messages = [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in root.EnumerateArray())
                {
                    if (TryRead(item, out JanusMessage? message))
                    {
                        messages.Add(message!);
                    }
                }

                return true;
            }

            if (TryRead(root, out JanusMessage? single))
            {
                messages.Add(single!);
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string? ReadString(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static long? ReadInt64(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n)
            ? n
            : null;

    public override string ToString() => $"{KindText} tx={Transaction} sender={Sender}";
}

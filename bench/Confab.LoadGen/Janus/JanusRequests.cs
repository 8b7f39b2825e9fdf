using System.Text.Json.Nodes;

namespace Confab.LoadGen.Janus;

/// <summary>
/// Builders of Janus API requests (JSON objects posted to /janus, /janus/&lt;session&gt; or
/// /janus/&lt;session&gt;/&lt;handle&gt;). Each carries the caller's transaction id, which the reply and the
/// later event repeat.
/// </summary>
public static class JanusRequests
{
    public const string VideoRoomPlugin = "janus.plugin.videoroom";

    /// <summary>POST /janus: {"janus":"create"}.</summary>
    public static JsonObject CreateSession(string transaction) => Envelope("create", transaction);

    /// <summary>POST /janus/&lt;session&gt;: {"janus":"attach","plugin":...}.</summary>
    public static JsonObject Attach(string transaction, string plugin)
    {
        JsonObject request = Envelope("attach", transaction);
        request["plugin"] = plugin;
        return request;
    }

    /// <summary>POST /janus/&lt;session&gt;/&lt;handle&gt;: {"janus":"message","body":{...},"jsep":{...}}.</summary>
    public static JsonObject Message(string transaction, JsonObject body, JanusJsep? jsep = null)
    {
        JsonObject request = Envelope("message", transaction);
        request["body"] = body;
        if (jsep is not null)
        {
            request["jsep"] = new JsonObject { ["type"] = jsep.Type, ["sdp"] = jsep.Sdp };
        }

        return request;
    }

    /// <summary>POST /janus/&lt;session&gt;/&lt;handle&gt;: {"janus":"trickle","candidate":{"completed":true}}.</summary>
    public static JsonObject TrickleCompleted(string transaction)
    {
        JsonObject request = Envelope("trickle", transaction);
        request["candidate"] = new JsonObject { ["completed"] = true };
        return request;
    }

    /// <summary>POST /janus/&lt;session&gt;/&lt;handle&gt;: {"janus":"detach"}.</summary>
    public static JsonObject Detach(string transaction) => Envelope("detach", transaction);

    /// <summary>POST /janus/&lt;session&gt;: {"janus":"destroy"}.</summary>
    public static JsonObject DestroySession(string transaction) => Envelope("destroy", transaction);

    private static JsonObject Envelope(string kind, string transaction) => new() { ["janus"] = kind, ["transaction"] = transaction };
}

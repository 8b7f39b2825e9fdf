namespace Confab.Data.Chat;

/// <summary>
/// Redis key names of the chat bus (docs/signaling.md, "The chat bus"), under the key prefix of <see cref="ChatBusOptions"/>
/// like the live state's keys. The braces are placeholders, not Redis Cluster hash tags: the append script touches three keys
/// at once, so the bus needs one Redis (with its replicas), not a cluster.
/// </summary>
internal static class ChatBusKeys
{
    /// <summary><c>chat:bus</c> — the stream every accepted message goes through to the persister; field <see cref="MessageField"/>.</summary>
    public const string Bus = "chat:bus";

    /// <summary><c>chat:dead</c> — the stream of messages the durable store refused (fields <see cref="MessageField"/> and
    /// <see cref="ErrorField"/>), set aside for an operator instead of blocking the bus; nothing reads it.</summary>
    public const string Refused = "chat:dead";

    /// <summary>The field of a <see cref="Refused"/> entry holding why the store refused the message.</summary>
    public const string ErrorField = "error";

    /// <summary>The consumer group of the persisters on <see cref="Bus"/>.</summary>
    public const string PersisterGroup = "chat-persisters";

    /// <summary>The field of a bus entry holding the message's JSON (<see cref="ChatMessageJson"/>).</summary>
    public const string MessageField = "m";

    /// <summary><c>chat:client:{meeting}:{from}:{clientId}</c> — string, the JSON of the message stored under that client id; it
    /// expires after <see cref="ChatBusOptions.ClientIdRetention"/>, and the database answers afterwards.</summary>
    public static string ClientId(string meetingId, string from, string clientId) => $"chat:client:{meetingId}:{from}:{clientId}";

    /// <summary><c>chat:unpersisted:{meeting}</c> — hash, message id → JSON of the messages on the bus not yet in the database.</summary>
    public static string Unpersisted(string meetingId) => $"chat:unpersisted:{meetingId}";
}

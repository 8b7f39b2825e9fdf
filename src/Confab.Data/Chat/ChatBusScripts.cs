namespace Confab.Data.Chat;

/// <summary>The Lua script of an append to the chat bus: it runs atomically in Redis, so two retries of one message cannot both pass.</summary>
internal static class ChatBusScripts
{
    /// <summary>
    /// KEYS[1] = the client id key, KEYS[2] = the bus, KEYS[3] = the meeting's unpersisted hash; ARGV[1] = the message's JSON,
    /// ARGV[2] = the client id key's time to live in seconds, ARGV[3] = the message id, ARGV[4] = a malformed value found under
    /// the client id key that may be replaced, else empty. When the client id key holds another value, returns {0, that value}
    /// and changes nothing; else sets the key, adds the message to the bus and to the unpersisted hash, and returns {1, ARGV[1]}.
    /// No trimming of the bus: an entry leaves it only once persisted.
    /// </summary>
    public const string Append = """
        local existing = redis.call('GET', KEYS[1])
        if existing and existing ~= ARGV[4] then
          return {0, existing}
        end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
        redis.call('XADD', KEYS[2], '*', 'm', ARGV[1])
        redis.call('HSET', KEYS[3], ARGV[3], ARGV[1])
        return {1, ARGV[1]}
        """;
}

namespace Confab.Data.LiveState;

/// <summary>
/// Lua scripts over the <c>meeting:{id}:waiting_room</c> list (seed §5.1). A script runs atomically in Redis,
/// so the "is this participant already waiting?" check and the change that follows cannot interleave with
/// another client. Entries are JSON with a <c>participant_id</c>; an entry that is not such JSON never matches.
/// KEYS[1] = the list, ARGV[1] = participant id.
/// </summary>
internal static class RedisWaitingRoomScripts
{
    /// <summary>ARGV[2] = the entry's JSON. Appends it (RPUSH: the list is oldest first) unless the participant
    /// is already waiting. Returns 1 when appended, 0 when already there.</summary>
    public const string Enqueue = """
        local entries = redis.call('LRANGE', KEYS[1], 0, -1)
        for _, raw in ipairs(entries) do
          local ok, entry = pcall(cjson.decode, raw)
          if ok and type(entry) == 'table' and entry.participant_id == ARGV[1] then
            return 0
          end
        end
        redis.call('RPUSH', KEYS[1], ARGV[2])
        return 1
        """;

    /// <summary>Removes the participant's entry. Returns 1 when removed, 0 when it was not waiting.</summary>
    public const string Remove = """
        local entries = redis.call('LRANGE', KEYS[1], 0, -1)
        for _, raw in ipairs(entries) do
          local ok, entry = pcall(cjson.decode, raw)
          if ok and type(entry) == 'table' and entry.participant_id == ARGV[1] then
            redis.call('LREM', KEYS[1], 1, raw)
            return 1
          end
        end
        return 0
        """;
}

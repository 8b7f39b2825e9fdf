using StackExchange.Redis;

namespace Confab.Server.Cluster;

/// <summary>
/// Meeting homes in Redis: <c>meeting:{id}:home</c> holds the home node's name with a lease of <see cref="Lease"/>, renewed
/// by the home's heartbeat. A claim succeeds when nobody holds the meeting or its holder's <c>node:{name}</c> key is gone
/// (the node died); the check and the set are one script, so two nodes never both win. The claimer's own node key is set by
/// the same script: a node that claims is alive, even before its first heartbeat. Redis stands alone here (the
/// script reads a key it is not given, which Redis Cluster would refuse).
/// </summary>
internal sealed class RedisMeetingHomes(IConnectionMultiplexer redis, ClusterNode node) : IMeetingHomes
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private const string ClaimScript = """
        redis.call('SET', ARGV[3] .. ARGV[1], '1', 'PX', ARGV[4])
        local holder = redis.call('GET', KEYS[1])
        if (not holder) or holder == ARGV[1] or redis.call('EXISTS', ARGV[3] .. holder) == 0 then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return ARGV[1]
        end
        return holder
        """;

    // A lease nobody holds is taken again: the meeting lives here (it may have started again just after a release).
    private const string RenewScript = """
        local holder = redis.call('GET', KEYS[1])
        if (not holder) or holder == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private IDatabase Database => redis.GetDatabase();

    public async Task<string?> ClaimOrFindAsync(string meetingId, CancellationToken cancellationToken)
    {
        var holder = (string?)await Database.ScriptEvaluateAsync(ClaimScript, [ClusterKeys.MeetingHome(meetingId)],
            [node.Name, (long)Lease.TotalMilliseconds, ClusterKeys.NodePrefix, (long)RedisNodeRegistry.TimeToLive.TotalMilliseconds]);
        return holder is null || holder == node.Name ? null : holder;
    }

    public async Task<IReadOnlyList<string>> RenewAsync(IReadOnlyCollection<string> meetingIds)
    {
        var database = Database;
        var renewals = meetingIds.Select(id => (Id: id, Renewed: database.ScriptEvaluateAsync(RenewScript, [ClusterKeys.MeetingHome(id)],
            [node.Name, (long)Lease.TotalMilliseconds]))).ToList();
        var lost = new List<string>();
        foreach (var (id, renewed) in renewals)
        {
            if ((long)await renewed == 0)
            {
                lost.Add(id);
            }
        }
        return lost;
    }

    public Task ReleaseAsync(string meetingId) =>
        Database.ScriptEvaluateAsync(ReleaseScript, [ClusterKeys.MeetingHome(meetingId)], [node.Name]);
}

using StackExchange.Redis;

namespace Confab.Server.Cluster;

/// <summary>
/// Which nodes live: each node's heartbeat sets <c>node:{name}</c> with a time to live of <see cref="TimeToLive"/>; a node that
/// stops (or dies) lets it expire, and the others stop relaying to it and take over its meetings.
/// </summary>
internal sealed class RedisNodeRegistry(IConnectionMultiplexer redis, ClusterNode node)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(6);

    public Task HeartbeatAsync() => redis.GetDatabase().StringSetAsync(ClusterKeys.Node(node.Name), "1", TimeToLive);

    public Task LeaveAsync() => redis.GetDatabase().KeyDeleteAsync(ClusterKeys.Node(node.Name));

    public Task<bool> IsAliveAsync(string nodeName) => redis.GetDatabase().KeyExistsAsync(ClusterKeys.Node(nodeName));
}

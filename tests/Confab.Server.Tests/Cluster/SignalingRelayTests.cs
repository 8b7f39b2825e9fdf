using Confab.Server.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using ConnectionMultiplexer = StackExchange.Redis.ConnectionMultiplexer;

namespace Confab.Server.Tests.Cluster;

/// <summary>The relay on a real Redis connection that goes away under it (a host shutting down disposes it).</summary>
public sealed class SignalingRelayTests
{
    [SkippableFact]
    public async Task A_relay_whose_connection_was_disposed_drops_what_it_publishes_and_still_disposes()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(ServerCluster.EnsureRedis());
        var node = new ClusterNode();
        var relay = new SignalingRelay(redis, node, new RedisNodeRegistry(redis, node), sessions: null!, NullLogger<SignalingRelay>.Instance);
        await relay.StartAsync();
        relay.Publish("elsewhere", RelayKind.In, "connection-1", "{}"); // on the live connection: sent
        await redis.DisposeAsync();

        Assert.Null(Record.Exception(() => relay.Publish("elsewhere", RelayKind.In, "connection-1", "{}")));
        Assert.Null(await Record.ExceptionAsync(async () => await relay.DisposeAsync()));
    }
}

using Confab.Server.Signaling;

namespace Confab.Server.Cluster;

/// <summary>
/// With Redis: this node's heartbeat. Every <see cref="Interval"/> it renews <c>node:{name}</c>, the leases of the meetings
/// living here, and sweeps the relay for links to nodes that died. It subscribes the relay at start and, on a clean stop,
/// deletes its node key so the other nodes react at once instead of after the time to live.
/// </summary>
internal sealed class ClusterHeartbeat(RedisNodeRegistry nodes, IMeetingHomes homes, LiveMeetingRegistry meetings, SignalingRelay relay,
    ILogger<ClusterHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryAsync(nodes.HeartbeatAsync, "the first heartbeat");
        await TryAsync(relay.StartAsync, "subscribing the relay channel");
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TryAsync(BeatAsync, "the heartbeat");
        }
    }

    private async Task BeatAsync()
    {
        await nodes.HeartbeatAsync();
        foreach (var lost in await homes.RenewAsync(meetings.MeetingIds()))
        {
            logger.LogError("Meeting {Meeting} lives here but another node holds its lease now (this node was unreachable)", lost);
        }
        await relay.SweepAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryAsync(nodes.LeaveAsync, "leaving the cluster");
        await relay.DisposeAsync();
    }

    private async Task TryAsync(Func<Task> step, string what)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Cluster: {What} failed", what);
        }
    }
}

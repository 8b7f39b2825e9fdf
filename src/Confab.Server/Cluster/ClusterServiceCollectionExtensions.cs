using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Confab.Server.Cluster;

/// <summary>
/// The cluster (docs/adr/0012): with Redis configured, meetings have a home node and the other nodes relay to it; without,
/// this node is alone and every meeting lives here.
/// </summary>
internal static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddConfabCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ClusterNode>();
        services.AddSingleton<Signaling.MeetingSessions>();
        if (string.IsNullOrWhiteSpace(configuration["Confab:Redis:ConnectionString"]))
        {
            services.AddSingleton<IMeetingHomes, LocalMeetingHomes>();
            return services;
        }
        services.AddSingleton<IMeetingHomes>(sp => new RedisMeetingHomes(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ClusterNode>()));
        services.AddSingleton(sp => new RedisNodeRegistry(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ClusterNode>()));
        services.AddSingleton<SignalingRelay>();
        services.AddHostedService<ClusterHeartbeat>();
        return services;
    }
}

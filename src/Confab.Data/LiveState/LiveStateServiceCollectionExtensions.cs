using Confab.Meetings.LiveState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Confab.Data.LiveState;

/// <summary>Registers the live-state store: in memory on the embedded default, Redis when configured.</summary>
public static class LiveStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILiveStateStore"/> as a singleton: <see cref="InMemoryLiveStateStore"/> (on the
    /// registered <see cref="TimeProvider"/>, the system clock by default) when
    /// <paramref name="redisConnectionString"/> is null or blank, else <see cref="RedisLiveStateStore"/> over
    /// one shared <see cref="IConnectionMultiplexer"/>. A malformed connection string fails here, at startup.
    /// Unless the string says otherwise (<c>abortConnect=true</c>), an unreachable Redis does not stop the
    /// host: the connection keeps retrying and <see cref="ILiveStateStore.PingAsync"/> reports false meanwhile.
    /// Registrations made before this call win.
    /// </summary>
    public static IServiceCollection AddConfabLiveState(this IServiceCollection services, string? redisConnectionString)
    {
        ArgumentNullException.ThrowIfNull(services);

        if (string.IsNullOrWhiteSpace(redisConnectionString))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<ILiveStateStore>(provider => new InMemoryLiveStateStore(provider.GetRequiredService<TimeProvider>()));
            return services;
        }

        var options = ConfigurationOptions.Parse(redisConnectionString);
        if (!redisConnectionString.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            options.AbortOnConnectFail = false;
        }

        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        services.TryAddSingleton<ILiveStateStore>(provider => new RedisLiveStateStore(provider.GetRequiredService<IConnectionMultiplexer>()));
        return services;
    }
}

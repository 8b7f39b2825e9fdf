using Confab.Data.LiveState;
using Confab.Data.Tests.Engines;
using Confab.Meetings.LiveState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Confab.Data.Tests.LiveState;

public sealed class LiveStateServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task WithoutRedis_RegistersOneInMemoryStore(string? connectionString)
    {
        await using var provider = new ServiceCollection().AddConfabLiveState(connectionString).BuildServiceProvider();

        var store = provider.GetRequiredService<ILiveStateStore>();

        Assert.IsType<InMemoryLiveStateStore>(store);
        Assert.Same(store, provider.GetRequiredService<ILiveStateStore>());
        Assert.Null(provider.GetService<IConnectionMultiplexer>());
    }

    [Fact]
    public async Task InMemoryStore_RunsOnTheRegisteredClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_705_000_000));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        await using var provider = services.AddConfabLiveState(null).BuildServiceProvider();
        var store = provider.GetRequiredService<ILiveStateStore>();

        await store.SetPresenceAsync("u1", new Presence("online", null, "desktop", clock.GetUtcNow()), TimeSpan.FromSeconds(60));
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await store.GetPresenceAsync("u1"));
    }

    [Fact]
    public void MalformedRedisConnectionString_FailsAtRegistration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddConfabLiveState("127.0.0.1:6379,noSuchOption=1"));
    }

    [Fact]
    public async Task UnreachableRedis_StillResolves_AndPingsFalse()
    {
        const string NothingListens = "127.0.0.1:1,connectTimeout=200,syncTimeout=200,asyncTimeout=200";
        await using var provider = new ServiceCollection().AddConfabLiveState(NothingListens).BuildServiceProvider();

        var store = provider.GetRequiredService<ILiveStateStore>();

        Assert.IsType<RedisLiveStateStore>(store);
        Assert.False(await store.PingAsync());
    }

    [Fact]
    public async Task APingWaitingOnAConnectionThatGoesAway_AnswersFalse()
    {
        // Timeouts far longer than the test: the ping waits in the connection's backlog until the connection is
        // disposed (a host shutting down; an unreferenced connection's finalizer does the same), not until it times out.
        const string NothingListens = "127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=60000,asyncTimeout=60000";
        var connection = await ConnectionMultiplexer.ConnectAsync(NothingListens);
        var store = new RedisLiveStateStore(connection);

        var ping = store.PingAsync();
        Assert.False(ping.IsCompleted);
        await connection.DisposeAsync();

        Assert.False(await ping.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [RedisFact]
    public async Task WithRedis_RegistersTheRedisStore_OnOneSharedConnection()
    {
        string connectionString = TestEngine.Redis.RequireConnectionString();
        await using var provider = new ServiceCollection().AddConfabLiveState(connectionString).BuildServiceProvider();

        var store = provider.GetRequiredService<ILiveStateStore>();

        Assert.IsType<RedisLiveStateStore>(store);
        Assert.Same(provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<IConnectionMultiplexer>());
        Assert.True(await store.PingAsync());
    }
}

using StackExchange.Redis;

namespace Confab.Data.Tests.Engines;

/// <summary>
/// One connection to the test Redis per test class. Not configured: it stays unconnected and
/// <see cref="Connection"/> throws the clear "required but not set" message (skipped tests never ask).
/// Tests write under their own <see cref="NewKeyPrefix"/> and delete it afterwards, so runs never collide.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;

    public IConnectionMultiplexer Connection =>
        _connection ?? throw new InvalidOperationException(TestEngine.Redis.MissingMessage);

    public async Task InitializeAsync()
    {
        if (TestEngine.Redis.ConnectionString is { } connectionString)
        {
            _connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        }
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    /// <summary>A key prefix no other test or run uses.</summary>
    public static string NewKeyPrefix(string owner) => $"confab-test:{owner}:{Guid.NewGuid():N}:";

    /// <summary>Every key under <paramref name="prefix"/>, without the prefix, sorted.</summary>
    public async Task<IReadOnlyList<string>> KeysUnderAsync(string prefix)
    {
        var keys = new List<string>();
        foreach (var server in Connection.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                keys.Add(key.ToString()[prefix.Length..]);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public async Task DeleteKeysUnderAsync(string prefix)
    {
        var database = Connection.GetDatabase();
        foreach (string key in await KeysUnderAsync(prefix))
        {
            await database.KeyDeleteAsync(prefix + key);
        }
    }
}

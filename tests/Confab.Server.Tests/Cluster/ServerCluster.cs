using System.Net.Http.Headers;
using Confab.Server.Tests.Infrastructure;
using Confab.Testing;
using StackExchange.Redis;

namespace Confab.Server.Tests.Cluster;

/// <summary>
/// Real server processes sharing one fresh PostgreSQL database, one Redis logical database (flushed first) and one data
/// directory (so one signing key), as several nodes behind a load balancer would. A node can be killed and started again.
/// </summary>
public sealed class ServerCluster : IAsyncDisposable
{
    /// <summary>Redis host:port for the cluster tests (the same variable the data tests read).</summary>
    public const string RedisVariable = "CONFAB_TEST_REDIS";

    private readonly PostgresEngine _postgres = new();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("confab-cluster-").FullName;
    private readonly ServerProcess?[] _nodes;
    private readonly Dictionary<string, string> _settings = [];

    private ServerCluster(int nodes) => _nodes = new ServerProcess?[nodes];

    /// <summary>Null when PostgreSQL and Redis are both there; else why not.</summary>
    public static string? Unavailable => new PostgresEngine().Unavailable ?? RedisUnavailable;

    /// <summary>Null when Redis is there; else why not.</summary>
    public static string? RedisUnavailable => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RedisVariable))
        ? $"{RedisVariable} is not set (e.g. 127.0.0.1:6390)."
        : null;

    /// <summary>Skips the test when an engine is missing, or fails it when engines are required.</summary>
    public static void EnsureAvailable() => Ensure(Unavailable, "PostgreSQL and Redis are");

    /// <summary>Redis's host:port, after skipping the test when it is missing (or failing it when engines are required).</summary>
    public static string EnsureRedis()
    {
        Ensure(RedisUnavailable, "Redis is");
        return Environment.GetEnvironmentVariable(RedisVariable)!;
    }

    private static void Ensure(string? unavailable, string required)
    {
        if (unavailable is { } reason)
        {
            if (DatabaseEngine.EnginesRequired)
            {
                throw new InvalidOperationException($"{required} required ({DatabaseEngine.RequireEnginesVariable}=1): {reason}");
            }
            Skip.If(true, reason);
        }
    }

    /// <param name="redisDatabase">A Redis logical database of its own (1-15): no other test uses its keys.</param>
    public static async Task<ServerCluster> StartAsync(int nodes, int redisDatabase, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ServerCluster(nodes);
        try
        {
            var redis = $"{Environment.GetEnvironmentVariable(RedisVariable)},defaultDatabase={redisDatabase}";
            await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis},allowAdmin=true"))
            {
                await admin.GetServers()[0].FlushDatabaseAsync(redisDatabase);
            }
            cluster._settings["Confab__Database__Provider"] = "postgres";
            cluster._settings["Confab__Database__ConnectionString"] = (await cluster._postgres.CreateAsync())!;
            cluster._settings["Confab__Redis__ConnectionString"] = redis;
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                cluster._settings[key] = value;
            }
            for (int i = 0; i < nodes; i++)
            {
                await cluster.StartNodeAsync(i); // one after another: the first creates the signing key and the schema
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The nodes' Redis (their logical database).</summary>
    public string RedisConnectionString => _settings["Confab__Redis__ConnectionString"];

    /// <summary>The nodes' PostgreSQL database.</summary>
    public string DatabaseConnectionString => _settings["Confab__Database__ConnectionString"];

    public ServerProcess Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"node {index} is down");

    /// <summary>The node's signaling endpoint, or null while it is down.</summary>
    public Uri? SignalingEndpointOf(int index) => _nodes[index]?.SignalingEndpoint;

    public async Task StartNodeAsync(int index)
    {
        _nodes[index] = await ServerProcess.StartAsync(_settings, _dataDir);
    }

    /// <summary>Kills the node's process (no clean stop: its sockets drop, its Redis keys are left to expire).</summary>
    public async Task KillNodeAsync(int index)
    {
        if (_nodes[index] is { } node)
        {
            _nodes[index] = null;
            await node.DisposeAsync();
        }
    }

    /// <summary>A new user on node 0, signed in: its HTTP client (with the bearer token) and the token.</summary>
    public async Task<(HttpClient Client, string AccessToken)> NewUserAsync()
    {
        var client = Node(0).CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        var token = (await TestApi.LoginAsync(client, email)).GetProperty("access_token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    /// <summary>Everything the nodes wrote, for a failing test's message.</summary>
    public string Output => string.Join(Environment.NewLine + "----" + Environment.NewLine,
        _nodes.Select((n, i) => $"node {i}: {(n is null ? "(down)" : n.Output)}"));

    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < _nodes.Length; i++)
        {
            await KillNodeAsync(i);
        }
        await _postgres.DropAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleanup.
        }
    }
}

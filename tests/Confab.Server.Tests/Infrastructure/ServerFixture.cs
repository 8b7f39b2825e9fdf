using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Server.Tests.Infrastructure;

/// <summary>
/// One server (and one fresh database) per test class. Tests call <see cref="EnsureAvailable"/> first: it
/// skips them when the engine is missing, or fails them when <c>CONFAB_REQUIRE_ENGINES=1</c>.
/// </summary>
public abstract class ServerFixture(DatabaseEngine engine, Action<IServiceCollection>? configureServices = null) : IAsyncLifetime
{
    /// <summary>The fake clock starts here (a Monday), so times in tests are fixed.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "confab-tests", Guid.NewGuid().ToString("N"));
    private ConfabApp? _app;

    public TestLogSink Logs { get; } = new();
    public FakeTimeProvider Time { get; } = new(Start);
    public string DataDir => _dataDir;

    public ConfabApp App => _app ?? throw new InvalidOperationException("The server did not start.");

    public void EnsureAvailable()
    {
        if (engine.Unavailable is { } reason)
        {
            if (DatabaseEngine.EnginesRequired)
            {
                throw new InvalidOperationException(
                    $"{engine.Provider} is required ({DatabaseEngine.RequireEnginesVariable}=1) but unavailable: {reason}");
            }
            Skip.If(true, $"{engine.Provider} unavailable: {reason}");
        }
    }

    public HttpClient CreateClient(string? accessToken = null)
    {
        var client = App.CreateClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return client;
    }

    private readonly SemaphoreSlim _sharedUserLock = new(1, 1);
    private SharedUser? _sharedUser;

    /// <summary>A user made once per class, with one scheduled and one ended meeting.</summary>
    public async Task<SharedUser> GetSharedUserAsync()
    {
        await _sharedUserLock.WaitAsync();
        try
        {
            if (_sharedUser is null)
            {
                var (client, email, token) = await TestApi.NewUserAsync(this);
                var meeting = await TestApi.CreateMeetingAsync(client, new { topic = "Shared", type = 2, start_time = "2026-06-01T10:00:00Z" });
                var ended = await TestApi.CreateMeetingAsync(client, new { topic = "Ended", type = 2 });
                var endedId = TestApi.IdOf(ended);
                var end = await client.PutAsync($"/v2/meetings/{endedId}/status", TestApi.Json(new { action = "end" }));
                await end.ExpectAsync(System.Net.HttpStatusCode.NoContent);
                var me = await (await client.GetAsync("/v2/users/me")).ExpectAsync(System.Net.HttpStatusCode.OK);
                _sharedUser = new SharedUser(email, token, me.GetProperty("id").GetString()!, TestApi.IdOf(meeting), endedId);
            }
            return _sharedUser;
        }
        finally
        {
            _sharedUserLock.Release();
        }
    }

    public sealed record SharedUser(string Email, string AccessToken, string UserId, string MeetingId, string EndedMeetingId);

    public async Task InitializeAsync()
    {
        if (engine.Unavailable is not null)
        {
            return;
        }
        Directory.CreateDirectory(_dataDir);
        var connectionString = await engine.CreateAsync();
        _app = new ConfabApp(_dataDir, engine.Provider, connectionString, Logs, Time, configureServices);
        // Starts the host (and applies migrations) now, not inside the first test.
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await engine.DropAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system.
        }
    }
}

public sealed class SqliteServerFixture() : ServerFixture(new SqliteEngine());

public sealed class PostgresServerFixture() : ServerFixture(new PostgresEngine());

using Confab.Data.Database;
using Confab.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Confab.Data.Tests.Engines;

/// <summary>
/// A fresh, migrated database for one test class (a class fixture): a SQLite file, or a new database on the PostgreSQL of
/// <c>CONFAB_TEST_POSTGRES</c>; deleted afterwards. Tests share it, each under its own meetings (<see cref="AddMeetingAsync"/>).
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ConfabDbContextFactory? _contexts;

    /// <summary>The database's contexts; throws when its engine is not configured (skipped tests never ask).</summary>
    public ConfabDbContextFactory Contexts => _contexts ?? throw new InvalidOperationException(MissingMessage);

    protected abstract string MissingMessage { get; }

    /// <summary>Creates the database and returns its provider and connection string; null when the engine is not configured.</summary>
    protected abstract Task<(DatabaseProvider Provider, string ConnectionString)?> CreateAsync();

    protected abstract Task DropAsync();

    public async Task InitializeAsync()
    {
        if (await CreateAsync() is not { } created)
        {
            return;
        }
        _contexts = new ConfabDbContextFactory(created.Provider, created.ConnectionString);
        await using var db = _contexts.Create();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => _contexts is null ? Task.CompletedTask : DropAsync();

    /// <summary>A new meeting (with its host account) that chat messages may belong to; returns its id and its host's id.</summary>
    public async Task<(string MeetingId, Guid HostId)> AddMeetingAsync()
    {
        var now = DateTime.UtcNow;
        var hostId = Guid.NewGuid();
        string meetingId = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var db = Contexts.Create();
        db.Users.Add(new UserRecord
        {
            UserId = hostId,
            Email = $"{hostId:N}@example.com",
            AccountType = "free",
            MaxParticipants = 100,
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.Meetings.Add(new MeetingRecord
        {
            MeetingId = meetingId,
            Uuid = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            HostUserId = hostId,
            JoinTokenHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            MeetingType = "instant",
            TypeCode = 1,
            Status = "started",
            Settings = "{}",
            DeletedOccurrences = "[]",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        return (meetingId, hostId);
    }
}

/// <summary>A SQLite file in the temporary directory.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"confab-data-{Guid.NewGuid():N}.db");

    protected override string MissingMessage => "unreachable: SQLite needs no configuration";

    protected override Task<(DatabaseProvider Provider, string ConnectionString)?> CreateAsync() =>
        Task.FromResult<(DatabaseProvider, string)?>((DatabaseProvider.Sqlite, $"Data Source={_path}"));

    protected override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
        return Task.CompletedTask;
    }
}

/// <summary><c>CREATE DATABASE confab_test_&lt;guid&gt;</c> on the PostgreSQL of <c>CONFAB_TEST_POSTGRES</c>.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = "confab_test_" + Guid.NewGuid().ToString("N");

    protected override string MissingMessage => TestEngine.Postgres.MissingMessage;

    protected override async Task<(DatabaseProvider Provider, string ConnectionString)?> CreateAsync()
    {
        if (TestEngine.Postgres.ConnectionString is not { } admin)
        {
            return null;
        }
        await ExecuteAsync(admin, $"CREATE DATABASE \"{_name}\"");
        return (DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString);
    }

    protected override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(TestEngine.Postgres.RequireConnectionString(), $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

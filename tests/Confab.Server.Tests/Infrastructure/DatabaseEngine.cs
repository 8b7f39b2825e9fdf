using Npgsql;

namespace Confab.Server.Tests.Infrastructure;

/// <summary>A fresh database for one test class, and how to drop it afterwards.</summary>
public abstract class DatabaseEngine
{
    /// <summary>Environment variable with a PostgreSQL connection string (to a server the tests may create databases on).</summary>
    public const string PostgresVariable = "CONFAB_TEST_POSTGRES";

    /// <summary>When "1", a missing engine fails the tests instead of skipping them (CI).</summary>
    public const string RequireEnginesVariable = "CONFAB_REQUIRE_ENGINES";

    public abstract string Provider { get; }

    /// <summary>Null when the engine can be used; else why not.</summary>
    public abstract string? Unavailable { get; }

    /// <summary>Creates the database; returns the connection string the server should use (null: the default file).</summary>
    public abstract Task<string?> CreateAsync();

    public abstract Task DropAsync();

    public static bool EnginesRequired => Environment.GetEnvironmentVariable(RequireEnginesVariable) == "1";
}

/// <summary>The embedded default: the server's own SQLite file in its data directory.</summary>
public sealed class SqliteEngine : DatabaseEngine
{
    public override string Provider => "sqlite";
    public override string? Unavailable => null;
    public override Task<string?> CreateAsync() => Task.FromResult<string?>(null);
    public override Task DropAsync() => Task.CompletedTask;
}

/// <summary>PostgreSQL from <c>CONFAB_TEST_POSTGRES</c>: CREATE DATABASE confab_test_&lt;guid&gt; per test class.</summary>
public sealed class PostgresEngine : DatabaseEngine
{
    private readonly string? _adminConnectionString = Environment.GetEnvironmentVariable(PostgresVariable);
    private string? _databaseName;

    public override string Provider => "postgres";

    public override string? Unavailable => string.IsNullOrWhiteSpace(_adminConnectionString)
        ? $"{PostgresVariable} is not set (e.g. \"Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres\")."
        : null;

    public override async Task<string?> CreateAsync()
    {
        _databaseName = "confab_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString;
    }

    public override async Task DropAsync()
    {
        if (_databaseName is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

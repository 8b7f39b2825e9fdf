using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>
/// Builds the engine's derived context (so the engine's own migrations apply) behind the
/// <see cref="ConfabDbContext"/> base type the rest of the code uses.
/// </summary>
public sealed class ConfabDbContextFactory
{
    private readonly DbContextOptions<SqliteConfabDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresConfabDbContext>? _postgres;

    public ConfabDbContextFactory(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        ConnectionString = connectionString;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                _sqlite = new DbContextOptionsBuilder<SqliteConfabDbContext>().UseSqlite(connectionString).Options;
                break;
            case DatabaseProvider.Postgres:
                _postgres = new DbContextOptionsBuilder<PostgresConfabDbContext>().UseNpgsql(connectionString).Options;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// The engine's connection string, for the few hot statements written without a context (PostgreSQL's chat batch insert):
    /// a connection opened with it comes from the same pool as the contexts' connections.
    /// </summary>
    public string ConnectionString { get; }

    public ConfabDbContext Create() => _sqlite is not null
        ? new SqliteConfabDbContext(_sqlite)
        : new PostgresConfabDbContext(_postgres!);
}

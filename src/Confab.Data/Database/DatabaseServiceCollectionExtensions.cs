using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Data.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ConfabDbContext"/> on the chosen engine (resolved as the base type, built as the
    /// engine's derived context so the engine's own migrations apply).
    /// </summary>
    public static IServiceCollection AddConfabDatabase(
        this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<ConfabDbContext, SqliteConfabDbContext>(o => o.UseSqlite(connectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<ConfabDbContext, PostgresConfabDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }
        return services;
    }

    /// <summary>Parses a configured provider name: "sqlite" (default when empty) or "postgres"/"postgresql".</summary>
    public static bool TryParseProvider(string? name, out DatabaseProvider provider)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "sqlite":
                provider = DatabaseProvider.Sqlite;
                return true;
            case "postgres" or "postgresql" or "npgsql":
                provider = DatabaseProvider.Postgres;
                return true;
            default:
                provider = default;
                return false;
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>The model on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class PostgresConfabDbContext(DbContextOptions<PostgresConfabDbContext> options) : ConfabDbContext(options)
{
    protected override string JsonColumnType => "jsonb";
}

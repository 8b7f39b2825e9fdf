using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>The model on PostgreSQL; migrations in Migrations/Postgres.</summary>
public sealed class PostgresConfabDbContext(DbContextOptions<PostgresConfabDbContext> options) : ConfabDbContext(options)
{
    protected override string JsonColumnType => "jsonb";

    // "C": byte order, compared with memcmp; the database's default (a libc or ICU locale) costs a locale-aware comparison at
    // every step down an index.
    protected override string? IdentifierCollation => "C";
}

using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>The model on SQLite (embedded default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteConfabDbContext(DbContextOptions<SqliteConfabDbContext> options) : ConfabDbContext(options)
{
    protected override string JsonColumnType => "TEXT";
}

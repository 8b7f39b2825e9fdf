using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Confab.Data.Database;

/// <summary>Lets the EF Core tools build the SQLite context when adding migrations (no database is opened).</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConfabDbContext>
{
    public SqliteConfabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConfabDbContext>().UseSqlite("Data Source=confab-design.db").Options);
}

/// <summary>Lets the EF Core tools build the PostgreSQL context when adding migrations (no database is opened).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConfabDbContext>
{
    public PostgresConfabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConfabDbContext>().UseNpgsql("Host=localhost;Database=confab").Options);
}

namespace Confab.Data.Database;

/// <summary>The relational engines Confab runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one file under the data directory.</summary>
    Sqlite,
    /// <summary>Shared engine for several server processes.</summary>
    Postgres,
}

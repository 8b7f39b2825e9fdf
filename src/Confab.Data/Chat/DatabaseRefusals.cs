using Microsoft.Data.Sqlite;
using Npgsql;

namespace Confab.Data.Chat;

/// <summary>Tells a database's refusal of the values written (it will refuse them again) from a failure that may pass.</summary>
internal static class DatabaseRefusals
{
    // SQLite result codes: SQLITE_TOOBIG, SQLITE_CONSTRAINT, SQLITE_MISMATCH.
    private static readonly int[] SqliteRefusals = [18, 19, 20];

    /// <summary>
    /// True for a PostgreSQL data exception or integrity constraint violation (SQLSTATE classes 22 and 23) and for SQLite's
    /// "too big", "constraint" and "mismatch", anywhere in the chain of <paramref name="exception"/>.
    /// </summary>
    public static bool IsRefusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState.StartsWith("22", StringComparison.Ordinal)
                                                     || postgres.SqlState.StartsWith("23", StringComparison.Ordinal):
                    return true;
                case SqliteException sqlite when SqliteRefusals.Contains(sqlite.SqliteErrorCode):
                    return true;
            }
        }
        return false;
    }
}

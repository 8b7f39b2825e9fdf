using Confab.Data.Database;
using Confab.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Tests.Database;

/// <summary>The SQLite migrations build the schema on an empty file, and the constraints hold.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"confab-data-{Guid.NewGuid():N}.db");

    private ConfabDbContext Open() => new ConfabDbContextFactory(DatabaseProvider.Sqlite, $"Data Source={_path}").Create();

    [Fact]
    public async Task Migrate_creates_the_seed_tables_and_indexes()
    {
        await using (var db = Open())
        {
            await db.Database.MigrateAsync();
        }
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        var names = new HashSet<string>();
        await using (var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type IN ('table','index')", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in new[]
        {
            "users", "meetings", "meeting_participants", "recordings", "refresh_tokens",
            "idx_users_email", "idx_users_pmi", "idx_meetings_host", "idx_meetings_start", "idx_meetings_status",
            "idx_participants_meeting", "idx_participants_user",
            "chat_messages", "idx_chat_messages_client",
        })
        {
            Assert.Contains(name, names);
        }
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_is_refused_by_the_database()
    {
        await using var db = Open();
        await db.Database.MigrateAsync();
        db.Users.Add(NewUser("same@example.com", "1234567890"));
        await db.SaveChangesAsync();
        db.Users.Add(NewUser("same@example.com", "1234567891"));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Timestamps_come_back_as_utc()
    {
        await using (var db = Open())
        {
            await db.Database.MigrateAsync();
            db.Users.Add(NewUser("time@example.com", "1234567892"));
            await db.SaveChangesAsync();
        }
        await using var fresh = Open();
        var user = await fresh.Users.SingleAsync(u => u.Email == "time@example.com");
        Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), user.CreatedAt);
    }

    private static UserRecord NewUser(string email, string pmi) => new()
    {
        UserId = Guid.NewGuid(),
        Email = email,
        Pmi = pmi,
        AccountType = "free",
        MaxParticipants = 100,
        CreatedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc),
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

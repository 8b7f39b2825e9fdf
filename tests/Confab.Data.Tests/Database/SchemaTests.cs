using Confab.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Confab.Data.Tests.Database;

/// <summary>The EF Core model spells the seed's schema (§5.1): snake_case tables, columns and index names.</summary>
public sealed class SchemaTests
{
    public static IEnumerable<object[]> Contexts => [["sqlite"], ["postgres"]];

    private static ConfabDbContext Create(string engine) => engine == "sqlite"
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Tables_and_columns_have_the_seed_names(string engine)
    {
        using var db = Create(engine);
        var model = db.Model;
        AssertColumns(model, "users", "user_id", "email", "password_hash", "display_name", "avatar_url", "pmi",
            "account_type", "timezone", "sso_provider", "sso_id", "created_at", "updated_at");
        AssertColumns(model, "meetings", "meeting_id", "host_user_id", "topic", "password_hash", "meeting_type",
            "start_time", "duration_mins", "timezone", "status", "settings", "recurrence", "created_at", "ended_at",
            "passcode_protected", "join_token_hash", "agenda", "type_code", "deleted_occurrences");
        AssertColumns(model, "meeting_participants", "id", "meeting_id", "user_id", "display_name", "email",
            "join_time", "leave_time", "duration_mins", "device_type", "role");
        AssertColumns(model, "recordings", "recording_id", "meeting_id", "recording_type", "storage_path", "file_size",
            "duration_secs", "format", "status", "transcript_path", "created_at", "expires_at");
        AssertColumns(model, "chat_messages", "meeting_id", "message_id", "sender_participant_id", "sender_user_id", "sender_name",
            "recipient_participant_id", "to_hosts", "content", "message_type", "reacts_to", "client_id", "created_at", "breakout_room_id");
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_seed_indexes_exist(string engine)
    {
        using var db = Create(engine);
        var indexes = db.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()).Select(i => i.GetDatabaseName()).ToHashSet();
        foreach (var name in new[]
        {
            "idx_users_email", "idx_users_pmi", "idx_meetings_host", "idx_meetings_start", "idx_meetings_status",
            "idx_participants_meeting", "idx_participants_user",
        })
        {
            Assert.Contains(name, indexes);
        }
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Email_and_pmi_are_unique(string engine)
    {
        using var db = Create(engine);
        var users = db.Model.GetEntityTypes().Single(t => t.GetTableName() == "users");
        Assert.True(users.GetIndexes().Single(i => i.GetDatabaseName() == "idx_users_email").IsUnique);
        Assert.True(users.GetIndexes().Single(i => i.GetDatabaseName() == "idx_users_pmi").IsUnique);
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Chat_messages_are_keyed_by_meeting_and_message_and_unique_per_sender_and_client_id(string engine)
    {
        using var db = Create(engine);
        var chat = db.Model.GetEntityTypes().Single(t => t.GetTableName() == "chat_messages");
        Assert.Equal(["MeetingId", "MessageId"], chat.FindPrimaryKey()!.Properties.Select(p => p.Name));
        var client = chat.GetIndexes().Single(i => i.GetDatabaseName() == "idx_chat_messages_client");
        Assert.True(client.IsUnique);
        Assert.Equal(["MeetingId", "SenderParticipantId", "ClientId"], client.Properties.Select(p => p.Name));
        // Only rows that name an account are in the sender-account index: a guest's message skips it.
        Assert.Equal("sender_user_id IS NOT NULL", chat.GetIndexes().Single(i => i.GetDatabaseName() == "idx_chat_messages_sender_user").GetFilter());
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Chat_messages_reference_only_the_sender_account_not_the_meeting(string engine)
    {
        using var db = Create(engine);
        var chat = db.Model.GetEntityTypes().Single(t => t.GetTableName() == "chat_messages");
        Assert.Equal(["users"], chat.GetForeignKeys().Select(k => k.PrincipalEntityType.GetTableName()));
    }

    [Fact]
    public void Chat_identifiers_compare_bytewise_on_postgres()
    {
        using var postgres = Create("postgres");
        using var sqlite = Create("sqlite");
        foreach (var column in new[] { "meeting_id", "sender_participant_id", "client_id" })
        {
            Assert.Equal("C", Column(DesignTimeModel(postgres), "chat_messages", column).GetCollation());
            Assert.Null(Column(DesignTimeModel(sqlite), "chat_messages", column).GetCollation()); // SQLite compares bytes already (BINARY)
        }
    }

    [Fact]
    public void Json_documents_are_jsonb_on_postgres_and_text_on_sqlite()
    {
        using var postgres = Create("postgres");
        using var sqlite = Create("sqlite");
        Assert.Equal("jsonb", Column(postgres.Model, "meetings", "settings").GetColumnType());
        Assert.Equal("jsonb", Column(postgres.Model, "meetings", "recurrence").GetColumnType());
        Assert.Equal("TEXT", Column(sqlite.Model, "meetings", "settings").GetColumnType());
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Migrations_match_the_model(string engine)
    {
        using var db = Create(engine);
        Assert.False(db.Database.HasPendingModelChanges(), $"The {engine} model changed without a migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    // Collations are kept only in the design-time model (migrations read it), not in the one queries use.
    private static IModel DesignTimeModel(ConfabDbContext db) => db.GetService<IDesignTimeModel>().Model;

    private static void AssertColumns(IModel model, string table, params string[] columns)
    {
        foreach (var column in columns)
        {
            Column(model, table, column);
        }
    }

    private static IProperty Column(IModel model, string table, string column)
    {
        var entity = model.GetEntityTypes().SingleOrDefault(t => t.GetTableName() == table);
        Assert.True(entity is not null, $"Table {table} is missing.");
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
        var property = entity.GetProperties().SingleOrDefault(p => p.GetColumnName(store) == column);
        Assert.True(property is not null, $"Column {table}.{column} is missing.");
        return property;
    }
}

using Confab.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Database;

/// <summary>
/// The relational model of seed §5.1 (users, meetings, meeting_participants, recordings) plus refresh tokens and
/// in-meeting chat (chat_messages, chat_files).
/// Each engine has a derived context with its own migrations (<see cref="SqliteConfabDbContext"/>,
/// <see cref="PostgresConfabDbContext"/>); the rest of the code speaks to this base type.
/// </summary>
public abstract class ConfabDbContext(DbContextOptions options) : DbContext(options)
{
    private const int EmailLength = 255;
    private const int NameLength = 255;
    private const int UrlLength = 500;
    private const int MeetingIdLength = 11;
    private const int ShortTextLength = 20;
    private const int ZoneLength = 50;
    private const int Sha256HexLength = 64;
    private const int AgendaLength = 2000;
    private const int ParticipantIdLength = 64;
    private const int ChatContentLength = 4000;
    private const int MediaTypeLength = 100;

    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<MeetingRecord> Meetings => Set<MeetingRecord>();
    public DbSet<MeetingParticipantRecord> MeetingParticipants => Set<MeetingParticipantRecord>();
    public DbSet<RecordingRecord> Recordings => Set<RecordingRecord>();
    public DbSet<RefreshTokenRecord> RefreshTokens => Set<RefreshTokenRecord>();
    public DbSet<ChatMessageRecord> ChatMessages => Set<ChatMessageRecord>();
    public DbSet<ChatFileRecord> ChatFiles => Set<ChatFileRecord>();

    /// <summary>Column type of JSON documents: jsonb on PostgreSQL (as the seed), TEXT on SQLite.</summary>
    protected abstract string JsonColumnType { get; }

    /// <summary>
    /// The collation of identifier columns that hot indexes compare (chat's meeting, sender and idempotency key): byte order,
    /// where the engine would otherwise compare them by the database's locale; null keeps the engine's default.
    /// </summary>
    protected virtual string? IdentifierCollation => null;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands back unspecified kinds, PostgreSQL's timestamptz wants UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureUsers(modelBuilder);
        ConfigureMeetings(modelBuilder);
        ConfigureParticipants(modelBuilder);
        ConfigureRecordings(modelBuilder);
        ConfigureRefreshTokens(modelBuilder);
        ConfigureChatMessages(modelBuilder);
        ConfigureChatFiles(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }

    private static void ConfigureUsers(ModelBuilder modelBuilder)
    {
        var user = modelBuilder.Entity<UserRecord>();
        user.ToTable("users");
        user.HasKey(u => u.UserId);
        user.Property(u => u.UserId).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(EmailLength);
        user.Property(u => u.PasswordHash).HasMaxLength(NameLength);
        user.Property(u => u.DisplayName).HasMaxLength(NameLength);
        user.Property(u => u.AvatarUrl).HasMaxLength(UrlLength);
        user.Property(u => u.Pmi).HasMaxLength(MeetingIdLength);
        user.Property(u => u.AccountType).HasMaxLength(ShortTextLength);
        user.Property(u => u.Timezone).HasMaxLength(ZoneLength);
        user.Property(u => u.SsoProvider).HasMaxLength(ZoneLength);
        user.Property(u => u.SsoId).HasMaxLength(NameLength);
        user.HasIndex(u => u.Email).IsUnique().HasDatabaseName("idx_users_email");
        user.HasIndex(u => u.Pmi).IsUnique().HasDatabaseName("idx_users_pmi");
    }

    private void ConfigureMeetings(ModelBuilder modelBuilder)
    {
        var meeting = modelBuilder.Entity<MeetingRecord>();
        meeting.ToTable("meetings");
        meeting.HasKey(m => m.MeetingId);
        meeting.Property(m => m.MeetingId).HasMaxLength(MeetingIdLength);
        meeting.Property(m => m.Uuid).HasMaxLength(ZoneLength);
        meeting.Property(m => m.Topic).HasMaxLength(NameLength);
        meeting.Property(m => m.PasswordHash).HasMaxLength(NameLength);
        meeting.Property(m => m.PasscodeProtected).HasMaxLength(AgendaLength);
        meeting.Property(m => m.JoinTokenHash).HasMaxLength(Sha256HexLength);
        meeting.Property(m => m.JoinTokenProtected).HasMaxLength(AgendaLength);
        meeting.Property(m => m.MeetingType).HasMaxLength(ShortTextLength);
        meeting.Property(m => m.Timezone).HasMaxLength(ZoneLength);
        meeting.Property(m => m.Status).HasMaxLength(ShortTextLength);
        meeting.Property(m => m.Settings).HasColumnType(JsonColumnType);
        meeting.Property(m => m.Recurrence).HasColumnType(JsonColumnType);
        meeting.Property(m => m.DeletedOccurrences).HasColumnType(JsonColumnType);
        meeting.Property(m => m.Agenda).HasMaxLength(AgendaLength);
        meeting.HasOne<UserRecord>().WithMany().HasForeignKey(m => m.HostUserId).OnDelete(DeleteBehavior.Restrict);
        meeting.HasIndex(m => m.HostUserId).HasDatabaseName("idx_meetings_host");
        meeting.HasIndex(m => m.StartTime).HasDatabaseName("idx_meetings_start");
        meeting.HasIndex(m => m.Status).HasDatabaseName("idx_meetings_status");
        meeting.HasIndex(m => m.JoinTokenHash).IsUnique().HasDatabaseName("idx_meetings_join_token_hash");
        meeting.HasIndex(m => m.Uuid).IsUnique().HasDatabaseName("idx_meetings_uuid");
    }

    private static void ConfigureParticipants(ModelBuilder modelBuilder)
    {
        var participant = modelBuilder.Entity<MeetingParticipantRecord>();
        participant.ToTable("meeting_participants");
        participant.HasKey(p => p.Id);
        participant.Property(p => p.Id).ValueGeneratedNever();
        participant.Property(p => p.MeetingId).HasMaxLength(MeetingIdLength);
        participant.Property(p => p.DisplayName).HasMaxLength(NameLength);
        participant.Property(p => p.Email).HasMaxLength(EmailLength);
        participant.Property(p => p.DeviceType).HasMaxLength(ZoneLength);
        participant.Property(p => p.Role).HasMaxLength(ShortTextLength);
        participant.HasOne<MeetingRecord>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        participant.HasOne<UserRecord>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        participant.HasIndex(p => p.MeetingId).HasDatabaseName("idx_participants_meeting");
        participant.HasIndex(p => p.UserId).HasDatabaseName("idx_participants_user");
    }

    private static void ConfigureRecordings(ModelBuilder modelBuilder)
    {
        var recording = modelBuilder.Entity<RecordingRecord>();
        recording.ToTable("recordings");
        recording.HasKey(r => r.RecordingId);
        recording.Property(r => r.RecordingId).ValueGeneratedNever();
        recording.Property(r => r.MeetingId).HasMaxLength(MeetingIdLength);
        recording.Property(r => r.RecordingType).HasMaxLength(ShortTextLength);
        recording.Property(r => r.StoragePath).HasMaxLength(UrlLength);
        recording.Property(r => r.Format).HasMaxLength(10);
        recording.Property(r => r.Status).HasMaxLength(ShortTextLength);
        recording.Property(r => r.TranscriptPath).HasMaxLength(UrlLength);
        recording.HasOne<MeetingRecord>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        recording.HasIndex(r => r.MeetingId).HasDatabaseName("idx_recordings_meeting");
    }

    private static void ConfigureRefreshTokens(ModelBuilder modelBuilder)
    {
        var token = modelBuilder.Entity<RefreshTokenRecord>();
        token.ToTable("refresh_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.TokenHash).HasMaxLength(Sha256HexLength);
        token.HasOne<UserRecord>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.TokenHash).IsUnique().HasDatabaseName("idx_refresh_tokens_hash");
        token.HasIndex(t => t.UserId).HasDatabaseName("idx_refresh_tokens_user");
    }

    private void ConfigureChatMessages(ModelBuilder modelBuilder)
    {
        var message = modelBuilder.Entity<ChatMessageRecord>();
        message.ToTable("chat_messages");
        message.HasKey(m => new { m.MeetingId, m.MessageId });
        message.Property(m => m.MeetingId).HasMaxLength(MeetingIdLength);
        message.Property(m => m.MessageId).ValueGeneratedNever();
        message.Property(m => m.SenderParticipantId).HasMaxLength(ParticipantIdLength);
        message.Property(m => m.SenderName).HasMaxLength(NameLength);
        message.Property(m => m.RecipientParticipantId).HasMaxLength(ParticipantIdLength);
        message.Property(m => m.Content).HasMaxLength(ChatContentLength);
        message.Property(m => m.MessageType).HasMaxLength(ShortTextLength);
        message.Property(m => m.ClientId).HasMaxLength(ParticipantIdLength);
        message.Property(m => m.BreakoutRoomId).HasMaxLength(ParticipantIdLength);
        if (IdentifierCollation is { } collation)
        {
            message.Property(m => m.MeetingId).UseCollation(collation);
            message.Property(m => m.SenderParticipantId).UseCollation(collation);
            message.Property(m => m.ClientId).UseCollation(collation);
        }
        // No foreign key to meetings: like the seed's table partitioned by meeting, an append-only log whose writes must stay
        // cheap (PostgreSQL checked the key with a query per inserted row, a fifth of the insert's cost). Meetings are never
        // deleted (DELETE /v2/meetings marks them), and the batch insert joins on meetings, so a message of an unknown
        // meeting is not stored.
        message.HasOne<UserRecord>().WithMany().HasForeignKey(m => m.SenderUserId).OnDelete(DeleteBehavior.SetNull);
        // One message per sender and idempotency key: a retry after a lost acknowledgement is stored once.
        message.HasIndex(m => new { m.MeetingId, m.SenderParticipantId, m.ClientId }).IsUnique().HasDatabaseName("idx_chat_messages_client");
        // For the foreign key's ON DELETE SET NULL when an account goes: only rows that name an account. Guests' messages
        // (no account) skip it, so their insert updates one index fewer.
        message.HasIndex(m => m.SenderUserId).HasDatabaseName("idx_chat_messages_sender_user").HasFilter("sender_user_id IS NOT NULL");
    }

    private static void ConfigureChatFiles(ModelBuilder modelBuilder)
    {
        var file = modelBuilder.Entity<ChatFileRecord>();
        file.ToTable("chat_files");
        file.HasKey(f => f.FileId);
        file.Property(f => f.FileId).ValueGeneratedNever();
        file.Property(f => f.MeetingId).HasMaxLength(MeetingIdLength);
        file.Property(f => f.UploaderParticipantId).HasMaxLength(ParticipantIdLength);
        file.Property(f => f.Name).HasMaxLength(NameLength);
        file.Property(f => f.ContentType).HasMaxLength(MediaTypeLength);
        file.HasOne<MeetingRecord>().WithMany().HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Cascade);
        file.HasIndex(f => f.MeetingId).HasDatabaseName("idx_chat_files_meeting");
        // The retention purge finds old files by time.
        file.HasIndex(f => f.CreatedAt).HasDatabaseName("idx_chat_files_created");
    }
}

using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Chat;
using Confab.Server.Chat;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Server.Tests.Api;

/// <summary>Confab:Chat:RetentionDays: messages and files older than the retention are deleted, newer ones kept.</summary>
public abstract class ChatRetentionTests(ServerFixture fixture)
{
    [SkippableFact]
    public async Task A_purge_deletes_messages_older_than_the_retention_and_keeps_the_rest()
    {
        fixture.EnsureAvailable();
        var now = DateTimeOffset.UtcNow;
        var (client, _, _) = await TestApi.NewUserAsync(fixture);
        string meetingId = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, new { topic = "Old chat", type = 2, start_time = "2026-06-01T10:00:00Z" }));
        var old = Record(meetingId, now.AddDays(-40), "client-old-0001");
        var recent = Record(meetingId, now.AddDays(-10), "client-new-0001");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            db.ChatMessages.AddRange(old, recent);
            await db.SaveChangesAsync();
        }

        var service = Service(now);
        Assert.True(await service.PurgeAsync(CancellationToken.None) >= 1);

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
            var left = await db.ChatMessages.AsNoTracking().Where(m => m.MeetingId == meetingId).Select(m => m.MessageId).ToListAsync();
            Assert.Equal([recent.MessageId], left);
        }
    }

    [SkippableFact]
    public async Task A_purge_deletes_chat_files_older_than_the_retention_with_their_bytes_and_keeps_the_rest()
    {
        fixture.EnsureAvailable();
        var now = DateTimeOffset.UtcNow;
        var (client, _, _) = await TestApi.NewUserAsync(fixture);
        string meetingId = TestApi.IdOf(await TestApi.CreateMeetingAsync(client, new { topic = "Old files", type = 2, start_time = "2026-06-01T10:00:00Z" }));
        var records = fixture.App.Services.GetRequiredService<IChatFileRecords>();
        var store = fixture.App.Services.GetRequiredService<IChatFileStore>();
        var old = new ChatFile(Guid.NewGuid(), meetingId, Guid.NewGuid(), "p-ada", "old.txt", "text/plain", 3, now.AddDays(-40));
        var recent = old with { Id = Guid.NewGuid(), Name = "recent.txt", CreatedAt = now.AddDays(-10) };
        foreach (var file in new[] { old, recent })
        {
            using var bytes = new MemoryStream("abc"u8.ToArray());
            Assert.Equal(3, await store.SaveAsync(meetingId, file.Id, bytes, 1024));
            await records.AddAsync(file);
        }

        Assert.True(await Service(now).PurgeAsync(CancellationToken.None) >= 1);

        Assert.Null(await records.FindAsync(meetingId, old.Id));
        Assert.Null(store.Open(meetingId, old.Id));
        Assert.NotNull(await records.FindAsync(meetingId, recent.Id));
        await using var kept = store.Open(meetingId, recent.Id);
        Assert.NotNull(kept);
        Assert.Equal(3, kept.Length);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ChatOptions.MaxRetentionDays + 1)]
    public void A_retention_out_of_range_stops_the_start_naming_the_key(int days)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ChatOptions { RetentionDays = days }.CheckedRetention());
        Assert.Contains("Confab:Chat:RetentionDays", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(ChatOptions.LargestMaxFileBytes + 1)]
    public void A_max_file_size_out_of_range_stops_the_start_naming_the_key(long bytes)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ChatOptions { MaxFileBytes = bytes }.CheckedMaxFileBytes());
        Assert.Contains("Confab:Chat:MaxFileBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_at_most_25_MiB_by_default() => Assert.Equal(25L * 1024 * 1024, new ChatOptions().CheckedMaxFileBytes());

    [Fact]
    public void Zero_keeps_chat_for_good() => Assert.Null(new ChatOptions().CheckedRetention());

    private ChatRetentionService Service(DateTimeOffset now) => new(Options.Create(new ChatOptions { RetentionDays = 30 }),
        fixture.App.Services.GetRequiredService<IChatStore>(), fixture.App.Services.GetRequiredService<IChatFileRecords>(),
        fixture.App.Services.GetRequiredService<IChatFileStore>(), new FakeTimeProvider(now), NullLogger<ChatRetentionService>.Instance);

    private static ChatMessageRecord Record(string meetingId, DateTimeOffset at, string clientId) => new()
    {
        MeetingId = meetingId,
        MessageId = Guid.CreateVersion7(at),
        SenderParticipantId = "p-ada",
        SenderName = "Ada",
        Content = "hello",
        MessageType = "text",
        ClientId = clientId,
        CreatedAt = at.UtcDateTime,
    };
}

public sealed class SqliteChatRetentionTests(SqliteServerFixture fixture)
    : ChatRetentionTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresChatRetentionTests(PostgresServerFixture fixture)
    : ChatRetentionTests(fixture), IClassFixture<PostgresServerFixture>;

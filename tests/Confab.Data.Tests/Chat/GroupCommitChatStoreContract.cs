using Confab.Data.Chat;
using Confab.Data.Tests.Engines;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Tests.Chat;

/// <summary><see cref="GroupCommitChatStore"/> on each engine: appends made together are stored together, each once.</summary>
public abstract class GroupCommitChatStoreContract(TestDatabase database) : IAsyncLifetime
{
    private readonly GroupCommitChatStore _store = new(new EfChatStore(database.Contexts));
    private string _meetingId = "";

    public async Task InitializeAsync() => (_meetingId, _) = await database.AddMeetingAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<List<Guid>> StoredIdsAsync()
    {
        await using var db = database.Contexts.Create();
        return await db.ChatMessages.Where(m => m.MeetingId == _meetingId).Select(m => m.MessageId).ToListAsync();
    }

    [EngineFact]
    public async Task ManyAppendsAtOnce_AreEachStoredOnce_AndARetryGetsTheFirst()
    {
        var messages = Enumerable.Range(0, 300).Select(i => ChatMessages.Text(_meetingId, $"p{i % 7}", $"message {i}")).ToList();
        // Retries of some of them, with new ids, in the same burst: they must come back as the first, not stored.
        var retries = messages.Where((_, i) => i % 50 == 0).Select(m => m with { Id = Guid.CreateVersion7(), Text = "again" }).ToList();

        var results = await Task.WhenAll(messages.Concat(retries).Select(m => _store.AppendAsync(m)));

        var stored = await StoredIdsAsync();
        Assert.Equal(messages.Count, stored.Count);
        Assert.True(messages.Select(m => m.Id).ToHashSet().SetEquals(stored));
        Assert.All(results.Take(messages.Count), r => Assert.True(r.Created));
        for (int i = 0; i < retries.Count; i++)
        {
            var retried = results[messages.Count + i];
            Assert.False(retried.Created);
            Assert.Equal(messages[i * 50].Id, retried.Message.Id);
        }
    }

    [EngineFact]
    public async Task ARetryAfterTheFirstWasStored_IsAnsweredWithTheFirst()
    {
        var first = ChatMessages.Text(_meetingId, "alice", "hello");
        Assert.True((await _store.AppendAsync(first)).Created);

        var retry = await _store.AppendAsync(first with { Id = Guid.CreateVersion7() });

        Assert.False(retry.Created);
        Assert.Equal(first, retry.Message);
        Assert.Equal([first.Id], await StoredIdsAsync());
    }

    [EngineFact]
    public async Task AMessageOfAMeetingThatIsGone_FailsAlone()
    {
        var fine = ChatMessages.Text(_meetingId, "alice", "fine");
        var orphan = ChatMessages.Text("99999999999", "alice", "orphan");

        var appends = new[] { _store.AppendAsync(fine), _store.AppendAsync(orphan) };

        Assert.True((await appends[0]).Created);
        await Assert.ThrowsAsync<InvalidOperationException>(() => appends[1]);
        Assert.Equal([fine.Id], await StoredIdsAsync());
    }
}

public sealed class GroupCommitChatStoreOnSqliteTests(SqliteTestDatabase database)
    : GroupCommitChatStoreContract(database), IClassFixture<SqliteTestDatabase>;

[RequiresPostgres]
public sealed class GroupCommitChatStoreOnPostgresTests(PostgresTestDatabase database)
    : GroupCommitChatStoreContract(database), IClassFixture<PostgresTestDatabase>;

using Confab.Data.Chat;
using Confab.Data.Tests.Engines;
using Microsoft.EntityFrameworkCore;

namespace Confab.Data.Tests.Chat;

/// <summary><see cref="EfChatStore.StoreManyAsync"/> on each engine: each message once, whatever comes twice.</summary>
public abstract class EfChatStoreBatchContract(TestDatabase database) : IAsyncLifetime
{
    private readonly EfChatStore _store = new(database.Contexts);
    private string _meetingId = "";

    /// <summary>Whether the engine refuses a value longer than its column (PostgreSQL does, SQLite keeps it).</summary>
    protected abstract bool RefusesOverlongValues { get; }

    public async Task InitializeAsync() => (_meetingId, _) = await database.AddMeetingAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> CountAsync()
    {
        await using var db = database.Contexts.Create();
        return await db.ChatMessages.CountAsync(m => m.MeetingId == _meetingId);
    }

    [EngineFact]
    public async Task StoreMany_StoresEachMessageOnce_SkippingKnownIdsAndClientIds()
    {
        var first = ChatMessages.Text(_meetingId, "alice", "one");
        var second = ChatMessages.Text(_meetingId, "bob", "two");
        var sameClientId = ChatMessages.Text(_meetingId, "alice", "one, again", clientId: first.ClientId);

        Assert.Equal(2, await _store.StoreManyAsync([first, second, first]));
        Assert.Equal(0, await _store.StoreManyAsync([second, sameClientId]));
        Assert.Equal(0, await _store.StoreManyAsync([]));

        Assert.Equal(2, await CountAsync());
        Assert.Equal(first, await _store.FindByClientIdAsync(_meetingId, "alice", first.ClientId));
    }

    [EngineFact]
    public async Task StoreMany_SkipsAMeetingThatIsGone_AndStoresAGoneAccountAsNull()
    {
        var accountGone = ChatMessages.Text(_meetingId, "alice", "hi", fromUserId: Guid.NewGuid().ToString());
        var meetingGone = ChatMessages.Text("99999999999", "alice", "hi");

        Assert.Equal(1, await _store.StoreManyAsync([accountGone, meetingGone]));

        Assert.Equal(accountGone with { FromUserId = null }, await _store.FindAsync(_meetingId, accountGone.Id));
    }

    [EngineFact]
    public async Task Append_OfAMessageOfAnUnknownMeeting_FailsAndStoresNothing()
    {
        var orphan = ChatMessages.Text("99999999998", "alice", "hi");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(orphan));

        await using var db = database.Contexts.Create();
        Assert.False(await db.ChatMessages.AnyAsync(m => m.MeetingId == orphan.MeetingId));
    }

    [EngineFact]
    public async Task Append_OfARetry_ReturnsTheStoredMessage()
    {
        var first = ChatMessages.Text(_meetingId, "carol", "once");
        Assert.True((await _store.AppendAsync(first)).Created);

        var retry = await _store.AppendAsync(first with { Id = Guid.CreateVersion7() });

        Assert.False(retry.Created);
        Assert.Equal(first, retry.Message);
    }

    [EngineFact]
    public async Task StoreMany_OfAValueTooLongForItsColumn_IsRefused_OnTheEnginesThatCheck()
    {
        var overlong = ChatMessages.Text(_meetingId, "alice", "hi") with { FromName = new string('n', 300) };

        if (RefusesOverlongValues)
        {
            await Assert.ThrowsAsync<ChatMessageRefusedException>(() => _store.StoreManyAsync([overlong]));
            Assert.Equal(0, await CountAsync());
        }
        else
        {
            Assert.Equal(1, await _store.StoreManyAsync([overlong]));
        }
    }
}

public sealed class EfChatStoreBatchOnSqliteTests(SqliteTestDatabase database)
    : EfChatStoreBatchContract(database), IClassFixture<SqliteTestDatabase>
{
    protected override bool RefusesOverlongValues => false;
}

[RequiresPostgres]
public sealed class EfChatStoreBatchOnPostgresTests(PostgresTestDatabase database)
    : EfChatStoreBatchContract(database), IClassFixture<PostgresTestDatabase>
{
    protected override bool RefusesOverlongValues => true;
}

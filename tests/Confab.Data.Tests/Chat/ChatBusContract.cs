using Confab.Data.Chat;
using Confab.Data.Tests.Engines;
using Confab.Meetings.Chat;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Confab.Data.Tests.Chat;

/// <summary>
/// The chat bus against a real Redis (<c>CONFAB_TEST_REDIS</c>) over a real database, one subclass per engine: the store
/// (<see cref="RedisStreamChatStore"/>) here, the persister (<see cref="ChatStreamPersister"/>) in the other part. Each test
/// writes under its own key prefix and its own meeting.
/// </summary>
public abstract partial class ChatBusContract : IAsyncLifetime
{
    private readonly RedisFixture _redis;
    private readonly TestDatabase _database;

    protected ChatBusContract(RedisFixture redis, TestDatabase database)
    {
        _redis = redis;
        _database = database;
        Durable = new EfChatStore(database.Contexts);
        Store = new RedisStreamChatStore(redis.Connection, Durable, Options("node-a"));
    }

    private string Prefix { get; } = RedisFixture.NewKeyPrefix("chatbus");

    private EfChatStore Durable { get; }

    private RedisStreamChatStore Store { get; }

    private string MeetingId { get; set; } = "";

    private IDatabase Raw => _redis.Connection.GetDatabase();

    private RedisKey Bus => Prefix + "chat:bus";

    public async Task InitializeAsync() => (MeetingId, _) = await _database.AddMeetingAsync();

    public Task DisposeAsync() => _redis.DeleteKeysUnderAsync(Prefix);

    private ChatBusOptions Options(string consumer, TimeSpan? claimIdleTime = null) => new()
    {
        KeyPrefix = Prefix,
        ConsumerName = consumer,
        ClaimIdleTime = claimIdleTime ?? TimeSpan.FromSeconds(30),
        ClaimInterval = TimeSpan.Zero,
    };

    private ChatStreamPersister Persister(string consumer = "node-a", IDurableChatStore? store = null, TimeSpan? claimIdleTime = null) =>
        new(_redis.Connection, store ?? Durable, Options(consumer, claimIdleTime));

    private async Task<List<Guid>> StoredIdsAsync(string? meetingId = null)
    {
        string meeting = meetingId ?? MeetingId;
        await using var db = _database.Contexts.Create();
        return await db.ChatMessages.Where(m => m.MeetingId == meeting).Select(m => m.MessageId).ToListAsync();
    }

    private Task<long> UnpersistedCountAsync() => Raw.HashLengthAsync(Prefix + "chat:unpersisted:" + MeetingId);

    private static ChatReader Everyone(string participantId) => new(participantId, HoldsControls: false);

    [EngineFact]
    public async Task Append_KeepsTheMessageInRedis_AndSaysCreated()
    {
        var message = ChatMessages.Text(MeetingId, "alice", "hello");

        var result = await Store.AppendAsync(message);

        Assert.True(result.Created);
        Assert.Equal(message, result.Message);
        Assert.Equal(1, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(1, await UnpersistedCountAsync());
        var clientIdKey = Prefix + $"chat:client:{MeetingId}:alice:{message.ClientId}";
        Assert.Equal(message, ChatMessageJson.TryRead(await Raw.StringGetAsync(clientIdKey)));
        var ttl = await Raw.KeyTimeToLiveAsync(clientIdKey);
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.Empty(await StoredIdsAsync());
    }

    [EngineFact]
    public async Task Append_SameClientIdAgain_ReturnsTheFirstMessage_AndAddsNothing()
    {
        var first = ChatMessages.Text(MeetingId, "alice", "hello");
        var retry = ChatMessages.Text(MeetingId, "alice", "hello, edited", clientId: first.ClientId);
        await Store.AppendAsync(first);

        var result = await Store.AppendAsync(retry);

        Assert.False(result.Created);
        Assert.Equal(first, result.Message);
        Assert.Equal(1, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(1, await UnpersistedCountAsync());
        Assert.Equal(first, await Store.FindByClientIdAsync(MeetingId, "alice", first.ClientId));
    }

    [EngineFact]
    public async Task Append_SameClientIdFromSomeoneElse_IsAnotherMessage()
    {
        var alices = ChatMessages.Text(MeetingId, "alice", "hello");
        var bobs = ChatMessages.Text(MeetingId, "bob", "hi", clientId: alices.ClientId);

        await Store.AppendAsync(alices);
        var result = await Store.AppendAsync(bobs);

        Assert.True(result.Created);
        Assert.Equal(2, await Raw.StreamLengthAsync(Bus));
    }

    [EngineFact]
    public async Task Append_OverAClientIdKeyHoldingNoMessage_ReplacesIt()
    {
        var message = ChatMessages.Text(MeetingId, "alice", "hello");
        await Raw.StringSetAsync(Prefix + $"chat:client:{MeetingId}:alice:{message.ClientId}", "{not json");

        var result = await Store.AppendAsync(message);

        Assert.True(result.Created);
        Assert.Equal(message, await Store.FindByClientIdAsync(MeetingId, "alice", message.ClientId));
        Assert.Equal(1, await Raw.StreamLengthAsync(Bus));
    }

    [EngineFact]
    public async Task Reads_SeeAMessage_BeforeItIsPersisted_AndAfter()
    {
        var message = ChatMessages.Text(MeetingId, "alice", "hello");
        await Store.AppendAsync(message);

        await AssertSeenOnceAsync(message);
        Assert.Equal(1, await Persister().PersistOnceAsync());
        Assert.Equal(0, await UnpersistedCountAsync());
        await AssertSeenOnceAsync(message);
    }

    [EngineFact]
    public async Task Reads_SeeAMessageOnce_WhileItIsInTheDatabase_AndStillInRedis()
    {
        // The persister's window between the database commit and the removal from Redis.
        var message = ChatMessages.Text(MeetingId, "alice", "hello");
        await Store.AppendAsync(message);
        Assert.Equal(1, await Durable.StoreManyAsync([message]));

        Assert.Equal(1, await UnpersistedCountAsync());
        await AssertSeenOnceAsync(message);
    }

    private async Task AssertSeenOnceAsync(ChatMessage message)
    {
        Assert.Equal(message, await Store.FindAsync(MeetingId, message.Id));
        Assert.Equal(message, await Store.FindByClientIdAsync(MeetingId, message.From, message.ClientId));
        var page = await Store.ListAsync(MeetingId, null, 10, Everyone("bob"));
        Assert.Equal([message], page.Messages);
        Assert.False(page.More);
    }

    [EngineFact]
    public async Task List_ShowsAPrivateMessage_ToItsTwoParties_NotToAThirdPerson()
    {
        var whisper = ChatMessages.Text(MeetingId, "alice", "psst", to: "bob");
        await Store.AppendAsync(whisper);

        foreach (bool persisted in new[] { false, true })
        {
            if (persisted)
            {
                await Persister().PersistOnceAsync();
            }
            Assert.Equal([whisper], (await Store.ListAsync(MeetingId, null, 10, Everyone("alice"))).Messages);
            Assert.Equal([whisper], (await Store.ListAsync(MeetingId, null, 10, Everyone("bob"))).Messages);
            Assert.Empty((await Store.ListAsync(MeetingId, null, 10, Everyone("carol"))).Messages);
            Assert.Empty((await Store.ListAsync(MeetingId, null, 10, new ChatReader("carol", HoldsControls: true))).Messages);
        }
    }

    [EngineFact]
    public async Task List_ShowsABreakoutRoomsMessages_OnlyInThatRoom()
    {
        var inRoom = ChatMessages.Text(MeetingId, "alice", "in the room", breakoutRoomId: "room-1");
        await Store.AppendAsync(inRoom);

        Assert.Empty((await Store.ListAsync(MeetingId, null, 10, Everyone("bob"))).Messages);
        Assert.Equal([inRoom], (await Store.ListAsync(MeetingId, null, 10, new ChatReader("bob", false, "room-1"))).Messages);
        Assert.Empty((await Store.ListAsync(MeetingId, null, 10, new ChatReader("bob", false, "room-2"))).Messages);
    }

    [EngineFact]
    public async Task List_MergesTheDatabaseAndRedis_InIdOrder_PageByPage()
    {
        var messages = Enumerable.Range(1, 7).Select(i => ChatMessages.Text(MeetingId, i % 2 == 0 ? "alice" : "bob", $"m{i}")).ToList();
        // Every other message only in the database, the rest only on the bus.
        foreach (var (message, index) in messages.Select((m, i) => (m, i)))
        {
            await (index % 2 == 0 ? Durable.AppendAsync(message) : Store.AppendAsync(message));
        }
        Assert.Equal(3, await UnpersistedCountAsync());

        var first = await Store.ListAsync(MeetingId, null, 3, Everyone("carol"));
        var second = await Store.ListAsync(MeetingId, first.Messages[^1].Id, 3, Everyone("carol"));
        var last = await Store.ListAsync(MeetingId, second.Messages[^1].Id, 3, Everyone("carol"));

        Assert.Equal(messages[..3], first.Messages);
        Assert.True(first.More);
        Assert.Equal(messages[3..6], second.Messages);
        Assert.True(second.More);
        Assert.Equal(messages[6..], last.Messages);
        Assert.False(last.More);
    }

    [EngineFact]
    public async Task Find_OfAnUnknownMessage_IsNull()
    {
        Assert.Null(await Store.FindAsync(MeetingId, Guid.NewGuid()));
        Assert.Null(await Store.FindByClientIdAsync(MeetingId, "alice", ChatMessages.NewClientId()));
    }
}

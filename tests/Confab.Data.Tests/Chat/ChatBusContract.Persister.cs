using Confab.Data.Chat;
using Confab.Data.Tests.Engines;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Confab.Data.Tests.Chat;

/// <summary>The persister: from the bus into the database, exactly once, whatever fails or runs twice.</summary>
public abstract partial class ChatBusContract
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // Zero also before any persister created the group.
    private async Task<long> PendingCountAsync()
    {
        try
        {
            return (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    [EngineFact]
    public async Task PersistOnce_MovesTheMessagesToTheDatabase_Once()
    {
        var messages = Enumerable.Range(1, 5).Select(i => ChatMessages.Text(MeetingId, "alice", $"m{i}")).ToList();
        foreach (var message in messages)
        {
            await Store.AppendAsync(message);
        }
        var persister = Persister();

        Assert.Equal(5, await persister.PersistOnceAsync());
        Assert.Equal(0, await persister.PersistOnceAsync());

        Assert.Equal(messages.Select(m => m.Id).Order(), (await StoredIdsAsync()).Order());
        Assert.Equal(messages, (await Durable.ListAsync(MeetingId, null, 10, Everyone("bob"))).Messages);
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(0, await UnpersistedCountAsync());
        Assert.Equal(0, (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount);
        // The client id still answers from Redis, and a retry still stores nothing.
        var retry = await Store.AppendAsync(messages[0] with { Id = Guid.NewGuid() });
        Assert.False(retry.Created);
        Assert.Equal(messages[0], retry.Message);
    }

    [EngineFact]
    public async Task PersistOnce_ReadsWhatWasAppended_BeforeAnyPersisterRan()
    {
        // No consumer group exists yet when these are appended: it is created from the start of the bus.
        var message = ChatMessages.Text(MeetingId, "alice", "early");
        await Store.AppendAsync(message);

        Assert.Equal(1, await Persister("node-b").PersistOnceAsync());
        Assert.Equal([message.Id], await StoredIdsAsync());
    }

    [EngineFact]
    public async Task TwoPersisters_OnTheSameEntries_StoreThemOnce()
    {
        var messages = Enumerable.Range(1, 20).Select(i => ChatMessages.Text(MeetingId, "alice", $"m{i}")).ToList();
        foreach (var message in messages)
        {
            await Store.AppendAsync(message);
        }
        var slowA = new ControlledChatStore(Durable);
        var slowB = new ControlledChatStore(Durable);
        slowA.Hold();
        slowB.Hold();
        // A reads every entry and waits before its write; B takes them over (any idle time will do) and waits too.
        var a = Persister("node-a", slowA).PersistOnceAsync();
        await slowA.Held.WaitAsync(Deadline);
        // Redis stamps each entry's delivery as it hands it to A, so the 20 may straddle a millisecond: until every one
        // has been idle for B's claim time, B's first claim would take only some of them.
        await Poll.UntilAsync(async () =>
            (await Raw.StreamPendingMessagesAsync(Bus, "chat-persisters", 20, RedisValue.Null)) is { Length: 20 } pending
            && pending.All(p => p.IdleTimeInMilliseconds >= 1), Deadline, "node-a's 20 entries to be idle for node-b's claim");
        var b = Persister("node-b", slowB, claimIdleTime: TimeSpan.FromMilliseconds(1));
        Task<int> bRound;
        do
        {
            bRound = b.PersistOnceAsync();
            await Task.WhenAny(bRound, slowB.Held);
        }
        while (bRound.IsCompleted && await bRound == 0);

        slowA.Release();
        slowB.Release();

        Assert.Equal(20, await a.WaitAsync(Deadline));
        Assert.Equal(20, await bRound.WaitAsync(Deadline));
        Assert.Equal(messages.Select(m => m.Id).Order(), (await StoredIdsAsync()).Order());
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(0, await UnpersistedCountAsync());
        Assert.Equal(0, (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount);
    }

    [EngineFact]
    public async Task EntriesOfADeadConsumer_AreTakenOver_AndPersisted()
    {
        var message = ChatMessages.Text(MeetingId, "alice", "orphan");
        await Store.AppendAsync(message);
        // Consumer A reads the entry, then dies without acknowledging it.
        await Raw.StreamCreateConsumerGroupAsync(Bus, "chat-persisters", StreamPosition.Beginning, createStream: true);
        Assert.Single(await Raw.StreamReadGroupAsync(Bus, "chat-persisters", "node-dead", StreamPosition.NewMessages, 10));
        var idleTime = TimeSpan.FromSeconds(1);
        var b = Persister("node-b", claimIdleTime: idleTime);

        // Not before the idle time: A may still be working on it.
        Assert.Equal(0, await b.PersistOnceAsync());
        await Poll.UntilAsync(async () => await b.PersistOnceAsync() == 1, Deadline, "node-b to take over the entry");

        Assert.Equal([message.Id], await StoredIdsAsync());
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(0, (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount);
    }

    [EngineFact]
    public async Task AMalformedEntry_IsAcknowledgedAndDropped_AndTheNextOneIsPersisted()
    {
        await Raw.StreamAddAsync(Bus, "m", "{\"meeting_id\": 42");
        await Raw.StreamAddAsync(Bus, "other", "field");
        var message = ChatMessages.Text(MeetingId, "alice", "after the junk");
        await Store.AppendAsync(message);

        Assert.Equal(3, await Persister().PersistOnceAsync());

        Assert.Equal([message.Id], await StoredIdsAsync());
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(0, (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount);
    }

    [EngineFact]
    public async Task ADatabaseFailure_LeavesTheEntriesPending_AndALaterRoundPersistsThem()
    {
        var message = ChatMessages.Text(MeetingId, "alice", "while the database is down");
        await Store.AppendAsync(message);
        var database = new ControlledChatStore(Durable) { Down = true };
        var persister = Persister("node-a", database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => persister.PersistOnceAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => persister.PersistOnceAsync());

        Assert.Empty(await StoredIdsAsync());
        var pending = await Raw.StreamPendingAsync(Bus, "chat-persisters");
        Assert.Equal(1, pending.PendingMessageCount);
        Assert.Equal("node-a", (string?)Assert.Single(pending.Consumers).Name);
        Assert.Equal([message], (await Store.ListAsync(MeetingId, null, 10, Everyone("bob"))).Messages);

        database.Down = false;
        Assert.Equal(1, await persister.PersistOnceAsync());

        Assert.Equal([message.Id], await StoredIdsAsync());
        Assert.Equal(0, (await Raw.StreamPendingAsync(Bus, "chat-persisters")).PendingMessageCount);
        Assert.Equal(0, await UnpersistedCountAsync());
    }

    [EngineFact]
    public async Task AMessageTheStoreRefuses_IsSetAside_AndTheOthersAreStored()
    {
        var messages = Enumerable.Range(1, 4).Select(i => ChatMessages.Text(MeetingId, "alice", $"m{i}")).ToList();
        foreach (var message in messages)
        {
            await Store.AppendAsync(message);
        }
        var refused = messages[1];
        var database = new ControlledChatStore(Durable) { Refuses = m => m.Id == refused.Id };

        Assert.Equal(4, await Persister("node-a", database).PersistOnceAsync());

        Assert.Equal(messages.Where(m => m != refused).Select(m => m.Id).Order(), (await StoredIdsAsync()).Order());
        var setAside = Assert.Single(await Raw.StreamRangeAsync(Prefix + "chat:dead"));
        Assert.Equal(refused, ChatMessageJson.TryRead(setAside["m"]));
        Assert.Equal("value too long (test)", (string?)setAside["error"]);
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
        Assert.Equal(0, await UnpersistedCountAsync());
        Assert.Equal(0, await PendingCountAsync());
    }

    [EngineFact]
    public async Task AMessageOfADeletedMeeting_IsDropped_WithoutBlockingTheOthers()
    {
        var (otherMeeting, _) = await _database.AddMeetingAsync();
        var gone = ChatMessages.Text(otherMeeting, "alice", "said just before the meeting was deleted");
        var kept = ChatMessages.Text(MeetingId, "alice", "kept", fromUserId: Guid.NewGuid().ToString());
        await Store.AppendAsync(gone);
        await Store.AppendAsync(kept);
        await using (var db = _database.Contexts.Create())
        {
            await db.Meetings.Where(m => m.MeetingId == otherMeeting).ExecuteDeleteAsync();
        }

        Assert.Equal(2, await Persister().PersistOnceAsync());

        Assert.Empty(await StoredIdsAsync(otherMeeting));
        // Its sender's account does not exist (any more): stored as a guest's.
        Assert.Equal(kept with { FromUserId = null }, await Durable.FindAsync(MeetingId, kept.Id));
        Assert.Equal(0, await Raw.StreamLengthAsync(Bus));
    }

    [EngineFact]
    public async Task Run_PersistsWhatArrives_UntilStopped()
    {
        using var stop = new CancellationTokenSource();
        var running = Persister().RunAsync(stop.Token);
        var message = ChatMessages.Text(MeetingId, "alice", "live");

        await Store.AppendAsync(message);
        await Poll.UntilAsync(async () => (await StoredIdsAsync()).Count == 1, Deadline, "the running persister to store the message");

        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
        Assert.Equal(0, await UnpersistedCountAsync());
        // Stopped with nothing pending: its consumer has left the group.
        Assert.Empty(await Raw.StreamConsumerInfoAsync(Bus, "chat-persisters"));
    }

    [EngineFact]
    public async Task Run_StoppedWithEntriesPending_StaysInTheGroup_ForAnotherNodeToTakeThemOver()
    {
        await Store.AppendAsync(ChatMessages.Text(MeetingId, "alice", "while the database is down"));
        using var stop = new CancellationTokenSource();
        var running = Persister("node-a", new ControlledChatStore(Durable) { Down = true }).RunAsync(stop.Token);
        await Poll.UntilAsync(async () => await PendingCountAsync() == 1, Deadline, "node-a to read the entry");

        await stop.CancelAsync();
        await running.WaitAsync(Deadline);

        Assert.Equal("node-a", (string?)Assert.Single(await Raw.StreamConsumerInfoAsync(Bus, "chat-persisters")).Name);
        Assert.Equal(1, await PendingCountAsync());
    }
}

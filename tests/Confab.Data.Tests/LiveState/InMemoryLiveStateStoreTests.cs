using Confab.Data.LiveState;
using Confab.Meetings.LiveState;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Data.Tests.LiveState;

/// <summary>The contract on <see cref="InMemoryLiveStateStore"/>, on a manual clock; plus its memory bound.</summary>
public sealed class InMemoryLiveStateStoreTests : LiveStateStoreContract
{
    private readonly FakeTimeProvider _clock = new(DesignTime);
    private readonly InMemoryLiveStateStore _store;

    public InMemoryLiveStateStoreTests()
    {
        _store = new InMemoryLiveStateStore(_clock);
    }

    protected override ILiveStateStore Store => _store;

    protected override TimeSpan ExpiringPresenceTtl => DesignPresenceTtl;

    protected override Task LetPresenceExpireAsync(TimeSpan ttl, Func<Task<bool>> expired)
    {
        _clock.Advance(ttl);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Presence_IsVisibleUntilItsTtlEnds()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);

        _clock.Advance(DesignPresenceTtl - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await Store.GetPresenceAsync("u1"));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.GetPresenceAsync("u1"));
    }

    [Fact]
    public async Task Presence_HeartbeatRefreshesItsTtl()
    {
        await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);

        for (int beat = 0; beat < 5; beat++)
        {
            _clock.Advance(TimeSpan.FromSeconds(45));
            await Store.SetPresenceAsync("u1", InMeeting(), DesignPresenceTtl);
        }

        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.NotNull(await Store.GetPresenceAsync("u1"));

        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await Store.GetPresenceAsync("u1"));
    }

    [Fact]
    public async Task Presence_ExpiredEntriesArePurged_LiveOnesKept()
    {
        const int Users = 1000;
        for (int i = 0; i < Users; i++)
        {
            var ttl = i % 2 == 0 ? DesignPresenceTtl : DesignPresenceTtl * 3;
            await Store.SetPresenceAsync($"u{i}", InMeeting(), ttl);
        }

        Assert.Equal(Users, _store.PresenceEntryCount);

        // Past the short TTL and the sweep interval: the next presence call purges the expired half.
        _clock.Advance(DesignPresenceTtl + TimeSpan.FromSeconds(1));
        await Store.GetPresenceAsync("someone-else");

        Assert.Equal(Users / 2, _store.PresenceEntryCount);
        for (int i = 1; i < Users; i += 2)
        {
            Assert.NotNull(await Store.GetPresenceAsync($"u{i}"));
        }
    }

    [Fact]
    public async Task AnEmptiedMeeting_IsDropped()
    {
        await Store.SetParticipantAsync("m1", Participant("p1", "Alice"));
        await Store.EnqueueWaitingAsync("m1", Waiting("p2", "Bob"));
        await Store.SetBreakoutRoomsAsync("m2", new Dictionary<string, string> { ["room_1"] = "[]" });
        Assert.Equal(2, _store.MeetingEntryCount);

        await Store.RemoveParticipantAsync("m1", "p1");
        await Store.RemoveWaitingAsync("m1", "p2");
        await Store.SetBreakoutRoomsAsync("m2", new Dictionary<string, string>());
        await Store.RemoveParticipantAsync("never-held", "p1");

        Assert.Equal(0, _store.MeetingEntryCount);
    }

    [Fact]
    public async Task WritersEmptyingAMeetingOverAndOver_NeverLoseAWrite()
    {
        // Each writer joins, must see itself, then leaves: the meeting empties and is dropped again and again
        // while the others write to it. A write landing in a dropped meeting would vanish.
        const int Writers = 4;
        const int Rounds = 5000;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            string participantId = $"p{writer}";
            for (int round = 0; round < Rounds; round++)
            {
                await Store.SetParticipantAsync("m1", Participant(participantId, "Writer"));
                Assert.Contains(await Store.GetParticipantsAsync("m1"), p => p.ParticipantId == participantId);
                Assert.True(await Store.RemoveParticipantAsync("m1", participantId));
            }
        })));

        Assert.Empty(await Store.GetParticipantsAsync("m1"));
        Assert.Equal(0, _store.MeetingEntryCount);
    }
}

using Confab.Data.Tests.Engines;
using Confab.Meetings.LiveState;

namespace Confab.Data.Tests.LiveState;

/// <summary>The contract, part three: the waiting room, breakout rooms, and removing a meeting.</summary>
public abstract partial class LiveStateStoreContract
{
    protected static WaitingEntry Waiting(string participantId, string name, int secondsAfterDesignTime = 0) =>
        new(participantId, "user-" + participantId, name, DesignTime.AddSeconds(secondsAfterDesignTime));

    [EngineFact]
    public async Task WaitingRoom_KeepsArrivalOrder()
    {
        var arrivals = Enumerable.Range(0, 5).Select(i => Waiting($"p{i}", $"Guest {i}", i)).Reverse().ToArray();

        foreach (var entry in arrivals)
        {
            await Store.EnqueueWaitingAsync("m1", entry);
        }

        Assert.Equal(arrivals, await Store.GetWaitingRoomAsync("m1"));
    }

    [EngineFact]
    public async Task WaitingRoom_DoesNotAddAWaitingParticipantTwice()
    {
        var alice = Waiting("p1", "Alice");
        var bob = Waiting("p2", "Bob", 1);
        await Store.EnqueueWaitingAsync("m1", alice);
        await Store.EnqueueWaitingAsync("m1", bob);

        await Store.EnqueueWaitingAsync("m1", alice with { Name = "Alice again", Since = DesignTime.AddSeconds(2) });

        Assert.Equal([alice, bob], await Store.GetWaitingRoomAsync("m1"));
    }

    [EngineFact]
    public async Task WaitingRoom_SameParticipantFromManyConcurrentTasks_IsAddedOnce()
    {
        var attempts = Enumerable.Range(0, 32).Select(i => Waiting("p1", $"Attempt {i}", i)).ToArray();

        await Task.WhenAll(attempts.Select(entry => Task.Run(() => Store.EnqueueWaitingAsync("m1", entry))));

        var waiting = Assert.Single(await Store.GetWaitingRoomAsync("m1"));
        Assert.Contains(waiting, attempts);
    }

    [EngineFact]
    public async Task WaitingRoom_RemoveTakesOutOneEntry_AndSaysFalseWhenItWasNotWaiting()
    {
        var alice = Waiting("p1", "Alice");
        var bob = Waiting("p2", "Bob", 1);
        var carol = Waiting("p3", "Carol", 2);
        foreach (var entry in new[] { alice, bob, carol })
        {
            await Store.EnqueueWaitingAsync("m1", entry);
        }

        Assert.True(await Store.RemoveWaitingAsync("m1", "p2"));
        Assert.False(await Store.RemoveWaitingAsync("m1", "p2"));
        Assert.False(await Store.RemoveWaitingAsync("m1", "p9"));
        Assert.False(await Store.RemoveWaitingAsync("unknown", "p1"));

        Assert.Equal([alice, carol], await Store.GetWaitingRoomAsync("m1"));
    }

    [EngineFact]
    public async Task WaitingRoom_AdmittedParticipantMayWaitAgain_AtTheBack()
    {
        var alice = Waiting("p1", "Alice");
        var bob = Waiting("p2", "Bob", 1);
        await Store.EnqueueWaitingAsync("m1", alice);
        await Store.EnqueueWaitingAsync("m1", bob);

        Assert.True(await Store.RemoveWaitingAsync("m1", "p1"));
        await Store.EnqueueWaitingAsync("m1", alice);

        Assert.Equal([bob, alice], await Store.GetWaitingRoomAsync("m1"));
    }

    [EngineFact]
    public async Task WaitingRoom_OfUnknownMeeting_IsEmpty()
    {
        Assert.Empty(await Store.GetWaitingRoomAsync("unknown"));
    }

    [EngineFact]
    public async Task BreakoutRooms_SetReplacesTheWholeSet()
    {
        await Store.SetBreakoutRoomsAsync("m1", new Dictionary<string, string>
        {
            ["room_1"] = """["user_a","user_b"]""",
            ["room_2"] = """["user_c"]""",
        });
        var rooms = new Dictionary<string, string> { ["room_3"] = """["user_a","user_c"]""" };

        await Store.SetBreakoutRoomsAsync("m1", rooms);

        Assert.Equal(rooms, await Store.GetBreakoutRoomsAsync("m1"));
    }

    [EngineFact]
    public async Task BreakoutRooms_SetToNone_ClearsThem()
    {
        await Store.SetBreakoutRoomsAsync("m1", new Dictionary<string, string> { ["room_1"] = "[]" });

        await Store.SetBreakoutRoomsAsync("m1", new Dictionary<string, string>());

        Assert.Empty(await Store.GetBreakoutRoomsAsync("m1"));
    }

    [EngineFact]
    public async Task BreakoutRooms_OfUnknownMeeting_AreEmpty()
    {
        Assert.Empty(await Store.GetBreakoutRoomsAsync("unknown"));
    }

    [EngineFact]
    public async Task RemoveMeeting_ClearsEverythingOfThatMeeting_AndNothingElse()
    {
        foreach (string meetingId in new[] { "m1", "m2" })
        {
            await Store.SetMeetingStateAsync(meetingId, ActiveState());
            await Store.SetParticipantAsync(meetingId, Participant("p1", "Alice"));
            await Store.EnqueueWaitingAsync(meetingId, Waiting("p2", "Bob"));
            await Store.SetBreakoutRoomsAsync(meetingId, new Dictionary<string, string> { ["room_1"] = "[]" });
            await Store.SetMeetingSfuAsync(meetingId, "sfu-1.example:5004");
        }

        await Store.SetPresenceAsync("u1", InMeeting("m1"), DesignPresenceTtl);
        await Store.SetUserConnectionAsync("u1", "signaling-1");

        await Store.RemoveMeetingAsync("m1");

        Assert.Null(await Store.GetMeetingStateAsync("m1"));
        Assert.Empty(await Store.GetParticipantsAsync("m1"));
        Assert.Empty(await Store.GetWaitingRoomAsync("m1"));
        Assert.Empty(await Store.GetBreakoutRoomsAsync("m1"));
        Assert.Null(await Store.GetMeetingSfuAsync("m1"));

        Assert.Equal(ActiveState(), await Store.GetMeetingStateAsync("m2"));
        Assert.Single(await Store.GetParticipantsAsync("m2"));
        Assert.Single(await Store.GetWaitingRoomAsync("m2"));
        Assert.Single(await Store.GetBreakoutRoomsAsync("m2"));
        Assert.Equal("sfu-1.example:5004", await Store.GetMeetingSfuAsync("m2"));
        Assert.NotNull(await Store.GetPresenceAsync("u1"));
        Assert.Equal("signaling-1", await Store.GetUserConnectionAsync("u1"));
    }

    [EngineFact]
    public async Task RemoveMeeting_OfUnknownMeeting_DoesNothing_AndTheMeetingCanStartAgain()
    {
        await Store.RemoveMeetingAsync("unknown");

        await Store.SetMeetingStateAsync("m1", ActiveState());
        await Store.RemoveMeetingAsync("m1");
        await Store.SetMeetingStateAsync("m1", ActiveState(participantCount: 1));

        Assert.Equal(ActiveState(participantCount: 1), await Store.GetMeetingStateAsync("m1"));
    }
}

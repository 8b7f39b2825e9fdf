using System.Collections.Concurrent;
using Confab.Data.Tests.Engines;
using Confab.Meetings.LiveState;

namespace Confab.Data.Tests.LiveState;

/// <summary>
/// What every <see cref="ILiveStateStore"/> must do, run against each implementation by a subclass. This part:
/// meeting state, the participant count, and participants. The other parts: presence and mappings, waiting
/// room, breakout rooms and meeting removal.
/// </summary>
public abstract partial class LiveStateStoreContract
{
    /// <summary>2024-01-11T19:06:40Z, the design's example time (seed §5.1: "start_time": "1705000000").</summary>
    protected static readonly DateTimeOffset DesignTime = DateTimeOffset.FromUnixTimeSeconds(1_705_000_000);

    protected abstract ILiveStateStore Store { get; }

    protected static MeetingLiveState ActiveState(long participantCount = 15, string? sfuServer = "sfu-us-west-1.example") =>
        new("active", "host-1", DesignTime, participantCount, Recording: true, sfuServer);

    protected static LiveParticipant Participant(string id, string name, bool muted = false) =>
        new(id, "user-" + id, name, "participant", muted, VideoOn: true, DesignTime.AddMilliseconds(1234));

    [EngineFact]
    public async Task Ping_AnswersTrue()
    {
        Assert.True(await Store.PingAsync());
    }

    [EngineFact]
    public async Task MeetingState_RoundTripsEveryField()
    {
        var state = ActiveState();

        await Store.SetMeetingStateAsync("m1", state);

        Assert.Equal(state, await Store.GetMeetingStateAsync("m1"));
    }

    [EngineFact]
    public async Task MeetingState_SetReplacesTheWholeState()
    {
        await Store.SetMeetingStateAsync("m1", ActiveState());
        var ended = new MeetingLiveState("ended", "host-2", DesignTime.AddHours(1), 0, Recording: false, SfuServer: null);

        await Store.SetMeetingStateAsync("m1", ended);

        Assert.Equal(ended, await Store.GetMeetingStateAsync("m1"));
    }

    [EngineFact]
    public async Task MeetingState_StartTimeIsKeptToTheWholeSecondInUtc()
    {
        var local = new DateTimeOffset(2024, 1, 11, 21, 6, 40, 987, TimeSpan.FromHours(2));

        await Store.SetMeetingStateAsync("m1", ActiveState() with { StartTime = local });

        var read = await Store.GetMeetingStateAsync("m1");
        Assert.NotNull(read);
        Assert.Equal(DesignTime, read.StartTime);
        Assert.Equal(TimeSpan.Zero, read.StartTime.Offset);
    }

    [EngineFact]
    public async Task MeetingState_OfUnknownMeeting_IsNull()
    {
        Assert.Null(await Store.GetMeetingStateAsync("unknown"));
    }

    [EngineFact]
    public async Task ParticipantCount_AddsToTheStoredState()
    {
        await Store.SetMeetingStateAsync("m1", ActiveState(participantCount: 5));

        Assert.Equal(7, await Store.AddParticipantCountAsync("m1", 2));
        Assert.Equal(4, await Store.AddParticipantCountAsync("m1", -3));

        Assert.Equal(ActiveState(participantCount: 4), await Store.GetMeetingStateAsync("m1"));
    }

    [EngineFact]
    public async Task ParticipantCount_BeforeAnyState_CountsButLeavesTheStateUnknown()
    {
        Assert.Equal(1, await Store.AddParticipantCountAsync("m1", 1));
        Assert.Equal(2, await Store.AddParticipantCountAsync("m1", 1));

        Assert.Null(await Store.GetMeetingStateAsync("m1"));
    }

    [EngineFact]
    public async Task ParticipantCount_FromManyConcurrentTasks_GivesEachIncrementItsOwnResult()
    {
        const int Tasks = 32;
        const int IncrementsPerTask = 25;
        await Store.SetMeetingStateAsync("m1", ActiveState(participantCount: 0));
        var results = new ConcurrentBag<long>();

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < IncrementsPerTask; i++)
            {
                results.Add(await Store.AddParticipantCountAsync("m1", 1));
            }
        })));

        // Atomic increments hand out every count from 1 to the total exactly once.
        Assert.Equal(Enumerable.Range(1, Tasks * IncrementsPerTask).Select(n => (long)n), results.Order());
        Assert.Equal(Tasks * IncrementsPerTask, (await Store.GetMeetingStateAsync("m1"))?.ParticipantCount);
    }

    [EngineFact]
    public async Task Participants_AreAddedReplacedAndRemoved()
    {
        var alice = Participant("p1", "Alice");
        var bob = Participant("p2", "Bob");
        await Store.SetParticipantAsync("m1", alice);
        await Store.SetParticipantAsync("m1", bob);
        var aliceMuted = alice with { Muted = true, Role = "co_host" };

        await Store.SetParticipantAsync("m1", aliceMuted);
        Assert.Equal([aliceMuted, bob], (await Store.GetParticipantsAsync("m1")).OrderBy(p => p.ParticipantId));

        Assert.True(await Store.RemoveParticipantAsync("m1", "p2"));
        Assert.False(await Store.RemoveParticipantAsync("m1", "p2"));
        Assert.Equal([aliceMuted], await Store.GetParticipantsAsync("m1"));
    }

    [EngineFact]
    public async Task Participants_KeepEveryField_IncludingNullUserAndExactJoinTime()
    {
        var guest = new LiveParticipant("p9", null, "Dial-in \"guest\" ☎", "guest", Muted: true, VideoOn: false,
            new DateTimeOffset(2024, 1, 11, 20, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567));

        await Store.SetParticipantAsync("m1", guest);

        var read = Assert.Single(await Store.GetParticipantsAsync("m1"));
        Assert.Equal(guest, read);
        Assert.Equal(guest.JoinedAt.UtcTicks, read.JoinedAt.UtcTicks);
    }

    [EngineFact]
    public async Task Participants_OfUnknownMeeting_AreEmpty()
    {
        Assert.Empty(await Store.GetParticipantsAsync("unknown"));
        Assert.False(await Store.RemoveParticipantAsync("unknown", "p1"));
    }

    [EngineFact]
    public async Task Participants_FromManyConcurrentTasks_AreAllKept()
    {
        var everyone = Enumerable.Range(0, 64).Select(i => Participant($"p{i:D2}", $"Person {i}")).ToArray();

        await Task.WhenAll(everyone.Select(p => Task.Run(() => Store.SetParticipantAsync("m1", p))));

        Assert.Equal(everyone, (await Store.GetParticipantsAsync("m1")).OrderBy(p => p.ParticipantId, StringComparer.Ordinal));
    }

    [EngineFact]
    public async Task EmptyIdsAndMissingValues_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetMeetingStateAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Store.SetMeetingStateAsync("m1", null!));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetParticipantAsync("m1", Participant("", "Nobody")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetPresenceAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetUserConnectionAsync("u1", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.RemoveWaitingAsync("m1", ""));
    }
}

using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

/// <summary>
/// Every request by every role on the same meeting (<see cref="RoomFixture.Full"/>, with self-unmute and
/// self-rename off): allowed requests succeed with events and change the state; refused ones answer
/// <see cref="RoomError.NotAllowed"/> and leave the state exactly as it was.
/// </summary>
public class HostControlMatrixTests
{
    private static readonly RoomSettings Restrictive = new(AllowParticipantsUnmute: false, AllowRenameSelf: false);

    private sealed record Request(Action<MeetingRoom, string>? Prepare, Func<MeetingRoom, string, RoomResult> Run);

    private static readonly Dictionary<RoomAction, Request> Requests = new()
    {
        [RoomAction.Admit] = new(null, (r, a) => r.Admit(a, "w1")),
        [RoomAction.Deny] = new(null, (r, a) => r.Deny(a, "w1")),
        [RoomAction.AdmitAll] = new(null, (r, a) => r.AdmitAll(a)),
        [RoomAction.SendToWaitingRoom] = new(null, (r, a) => r.SendToWaitingRoom(a, "t")),
        [RoomAction.Mute] = new(null, (r, a) => r.Mute(a, "t")),
        [RoomAction.MuteAll] = new(null, (r, a) => r.MuteAll(a, allowSelfUnmute: true)),
        [RoomAction.AskToUnmute] = new((r, _) => r.Mute("h", "t"), (r, a) => r.AskToUnmute(a, "t")),
        [RoomAction.StopVideo] = new(null, (r, a) => r.StopVideo(a, "t")),
        [RoomAction.Remove] = new(null, (r, a) => r.Remove(a, "t")),
        [RoomAction.Rename] = new(null, (r, a) => r.Rename(a, "t", "Tess")),
        [RoomAction.MakeCoHost] = new(null, (r, a) => r.MakeCoHost(a, "t")),
        [RoomAction.RevokeCoHost] = new(null, (r, a) => r.RevokeCoHost(a, "c")),
        [RoomAction.MakeHost] = new(null, (r, a) => r.MakeHost(a, "t")),
        [RoomAction.Lock] = new(null, (r, a) => r.Lock(a, true)),
        [RoomAction.ToggleWaitingRoom] = new(null, (r, a) => r.SetWaitingRoom(a, false)),
        [RoomAction.ChangeSettings] = new(null, (r, a) => r.ChangeSettings(a, r.Settings with { MuteOnEntry = true })),
        [RoomAction.LowerOthersHand] = new(null, (r, a) => r.LowerHand(a, "t")),
        [RoomAction.EndForAll] = new(null, (r, a) => r.EndForAll(a)),
        [RoomAction.MuteSelf] = new(null, (r, a) => r.SetMuted(a, true)),
        [RoomAction.UnmuteSelf] = new((r, a) => r.SetMuted(a, true), (r, a) => r.SetMuted(a, false)),
        [RoomAction.SetOwnVideo] = new(null, (r, a) => r.SetVideo(a, false)),
        [RoomAction.ShareScreen] = new(null, (r, a) => r.StartShare(a)),
        [RoomAction.RaiseHand] = new(null, (r, a) => r.RaiseHand(a)),
        [RoomAction.LowerOwnHand] = new((r, a) => r.RaiseHand(a), (r, a) => r.LowerHand(a)),
        [RoomAction.React] = new(null, (r, a) => r.React(a, "👍")),
        [RoomAction.RenameSelf] = new(null, (r, a) => r.RenameSelf(a, "Someone Else")),
        [RoomAction.Leave] = new(null, (r, a) => r.Leave(a)),
    };

    /// <summary>A reaction is broadcast but leaves no state behind.</summary>
    private static readonly HashSet<RoomAction> Stateless = [RoomAction.React];

    public static TheoryData<RoomRole, RoomAction> EveryPair() => RoomPermissionsTests.EveryPair();

    [Fact]
    public void Every_action_has_a_request_here() =>
        Assert.Equal(Enum.GetValues<RoomAction>().Order(), Requests.Keys.Order());

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Request_follows_the_permission_table(RoomRole role, RoomAction action)
    {
        var room = RoomFixture.Full(Restrictive).Room;
        var actor = RoomFixture.ActorOf(role);
        Assert.Equal(role, room.Find(actor)!.Role);
        var request = Requests[action];
        request.Prepare?.Invoke(room, actor);

        var before = room.DescribeState();
        var result = request.Run(room, actor);

        if (RoomPermissions.IsAllowed(role, action, room.Settings))
        {
            Assert.True(result.Succeeded, $"{role} {action}: {result.Error}");
            Assert.NotEmpty(result.Events);
            if (!Stateless.Contains(action))
            {
                Assert.NotEqual(before, room.DescribeState());
            }
        }
        else
        {
            Assert.Equal(RoomError.NotAllowed, result.Error);
            Assert.Empty(result.Events);
            Assert.Equal(before, room.DescribeState());
        }
    }

    public static TheoryData<string, string> ControlsOnHigherOrEqualRank() => new()
    {
        { "c", "h" },
        { "h", "h" },
    };

    [Theory]
    [MemberData(nameof(ControlsOnHigherOrEqualRank))]
    public void Controls_never_act_on_the_actor_or_a_higher_rank(string actor, string target)
    {
        var room = RoomFixture.Full().Room;
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.Mute(actor, target));
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.Remove(actor, target));
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.SendToWaitingRoom(actor, target));
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.Rename(actor, target, "X"));
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.StopVideo(actor, target));
    }

    [Fact]
    public void A_co_host_cannot_act_on_another_co_host()
    {
        var fixture = RoomFixture.Full();
        Assert.True(fixture.Room.MakeCoHost("h", "t").Succeeded);
        RoomFixture.AssertRefused(fixture.Room, RoomError.NotAllowed, r => r.Remove("c", "t"));
    }

    [Fact]
    public void Unknown_actor_and_unknown_target_are_not_found()
    {
        var room = RoomFixture.Full().Room;
        RoomFixture.AssertRefused(room, RoomError.NotFound, r => r.Mute("nobody", "t"));
        RoomFixture.AssertRefused(room, RoomError.NotFound, r => r.Mute("h", "nobody"));
        RoomFixture.AssertRefused(room, RoomError.NotFound, r => r.Admit("h", "nobody"));
        RoomFixture.AssertRefused(room, RoomError.NotFound, r => r.Leave("nobody"));
    }

    [Fact]
    public void Someone_in_the_waiting_room_can_only_leave()
    {
        var room = RoomFixture.Full().Room;
        RoomFixture.AssertRefused(room, RoomError.NotAdmitted, r => r.RaiseHand("w1"));
        RoomFixture.AssertRefused(room, RoomError.NotAdmitted, r => r.Admit("w1", "w2"));
        var left = room.Leave("w1");
        Assert.Equal([new LeftWaitingRoom("w1")], left.Events);
        Assert.Equal(["w2"], room.WaitingRoom.Select(w => w.ParticipantId));
    }

    [Fact]
    public void An_ended_meeting_refuses_everything()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.EndForAll("h").Succeeded);
        RoomFixture.AssertRefused(room, RoomError.Ended, r => r.Join(RoomFixture.User("late")));
        RoomFixture.AssertRefused(room, RoomError.Ended, r => r.RaiseHand("p"));
        RoomFixture.AssertRefused(room, RoomError.Ended, r => r.Leave("p"));
        RoomFixture.AssertRefused(room, RoomError.Ended, r => r.EndByApi());
    }
}

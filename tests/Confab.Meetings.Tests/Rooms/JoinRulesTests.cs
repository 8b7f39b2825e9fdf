using Confab.Meetings.Accounts;
using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class JoinRulesTests
{
    [Fact]
    public void Without_join_before_host_early_arrivals_are_held_until_the_host_starts_the_meeting()
    {
        var fixture = new RoomFixture();
        Assert.Equal(
            [new ParticipantJoined("p", "User p", RoomRole.Participant), new HeldUntilHostArrives("p")],
            fixture.Join(RoomFixture.User("p")));
        fixture.Join(RoomFixture.CoHost());
        Assert.Equal(RoomStatus.WaitingForHost, fixture.Room.Status);
        Assert.False(fixture.Room.ReceivesMeetingTraffic("p"));
        RoomFixture.AssertRefused(fixture.Room, RoomError.NotStarted, r => r.RaiseHand("p"));
        RoomFixture.AssertRefused(fixture.Room, RoomError.NotStarted, r => r.Mute("c", "p"));

        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        var events = fixture.Join(RoomFixture.Host());
        Assert.Contains(new MeetingStarted(RoomFixture.Start.AddMinutes(3)), events);
        Assert.Contains(new HostChanged("h", null), events);
        Assert.Equal(RoomStatus.Live, fixture.Room.Status);
        Assert.Equal(RoomFixture.Start.AddMinutes(3), fixture.Room.StartedAt);
        Assert.True(fixture.Room.ReceivesMeetingTraffic("p"));
    }

    [Fact]
    public void With_join_before_host_the_first_arrival_starts_the_meeting_and_a_signed_in_one_hosts_it()
    {
        var fixture = new RoomFixture(new RoomSettings(JoinBeforeHost: true));
        var events = fixture.Join(RoomFixture.User("p"));
        Assert.Contains(new MeetingStarted(RoomFixture.Start), events);
        Assert.Equal(RoomStatus.Live, fixture.Room.Status);
        Assert.Equal("p", fixture.Room.HostParticipantId);

        var hostEvents = fixture.Join(RoomFixture.Host());
        Assert.Contains(new RoleChanged("p", RoomRole.Participant), hostEvents);
        Assert.Contains(new HostChanged("h", "p"), hostEvents);
        Assert.Equal("h", fixture.Room.HostParticipantId);
    }

    [Fact]
    public void The_waiting_room_wins_over_join_before_host()
    {
        var fixture = new RoomFixture(new RoomSettings(WaitingRoomOn: true, JoinBeforeHost: true));
        Assert.Equal([new PutInWaitingRoom("p", null)], fixture.Join(RoomFixture.User("p")));
        Assert.Equal(RoomStatus.WaitingForHost, fixture.Room.Status);
        fixture.Join(RoomFixture.Host());
        Assert.True(fixture.Room.Admit("h", "p").Succeeded);
        Assert.True(fixture.Room.ReceivesMeetingTraffic("p"));
    }

    [Fact]
    public void A_meeting_started_by_a_guest_runs_without_a_host()
    {
        var fixture = new RoomFixture(new RoomSettings(JoinBeforeHost: true));
        fixture.Join(RoomFixture.Guest("g"));
        Assert.Equal(RoomStatus.Live, fixture.Room.Status);
        Assert.Null(fixture.Room.HostParticipantId);
        Assert.True(fixture.Room.ReceivesMeetingTraffic("g"));
    }

    [Fact]
    public void A_locked_meeting_refuses_new_people_but_not_host_or_co_host_accounts()
    {
        var fixture = new RoomFixture();
        fixture.Join(RoomFixture.Host());
        Assert.Equal([new LockChanged(true, "h")], fixture.Room.Lock("h", true).Events);
        RoomFixture.AssertRefused(fixture.Room, RoomError.Locked, r => r.Join(RoomFixture.User("p")));
        RoomFixture.AssertRefused(fixture.Room, RoomError.Locked, r => r.Join(RoomFixture.Guest("g")));
        fixture.Join(RoomFixture.CoHost());
        Assert.True(fixture.Room.Lock("c", false).Succeeded);
        fixture.Join(RoomFixture.User("p"));
    }

    [Fact]
    public void Locking_keeps_the_waiting_room_admittable()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.Lock("h", true).Succeeded);
        Assert.True(room.Admit("h", "w1").Succeeded);
    }

    [Theory]
    [InlineData(false, RoomError.Removed)]
    [InlineData(true, null)]
    public void Removed_people_rejoin_only_when_allowed(bool allowRejoin, RoomError? expected)
    {
        var room = RoomFixture.Full(new RoomSettings(AllowRemovedToRejoin: allowRejoin)).Room;
        Assert.Equal([new Removed("t", "c")], room.Remove("c", "t").Events);
        Assert.Null(room.Find("t"));
        // Same account on another device.
        var result = room.Join(new JoinRequest("t-phone", "user-t", "Tess", "phone"));
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void A_removed_guest_is_barred_by_participant_id()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.Remove("h", "g").Succeeded);
        RoomFixture.AssertRefused(room, RoomError.Removed, r => r.Join(RoomFixture.Guest("g")));
        Assert.True(room.Join(RoomFixture.Guest("g2")).Succeeded);
    }

    [Fact]
    public void A_removed_guest_is_barred_by_the_key_their_browser_keeps_under_a_new_participant_id()
    {
        var room = new RoomFixture(new RoomSettings(JoinBeforeHost: true)).Room;
        Assert.True(room.Join(RoomFixture.User("h")).Succeeded);
        Assert.True(room.Join(RoomFixture.Guest("g") with { GuestKey = "browser-key-0123456789" }).Succeeded);
        Assert.True(room.Remove("h", "g").Succeeded);

        RoomFixture.AssertRefused(room, RoomError.Removed, r => r.Join(RoomFixture.Guest("g-again") with { GuestKey = "browser-key-0123456789" }));
        Assert.True(room.Join(RoomFixture.Guest("other") with { GuestKey = "another-browser-key-42" }).Succeeded);
    }

    [Fact]
    public void Removal_can_be_allowed_again_through_the_settings()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.Remove("h", "t").Succeeded);
        Assert.True(room.ChangeSettings("h", room.Settings with { AllowRemovedToRejoin = true }).Succeeded);
        Assert.True(room.Join(RoomFixture.User("t")).Succeeded);
    }

    [Fact]
    public void The_participant_cap_counts_roster_and_waiting_room_and_lets_the_host_in()
    {
        var cap = PlanLimits.For(AccountType.Free).MaxParticipants;
        var fixture = new RoomFixture(new RoomSettings(JoinBeforeHost: true), AccountType.Free);
        for (var i = 0; i < cap - 1; i++)
        {
            fixture.Join(RoomFixture.User("u" + i));
        }

        Assert.True(fixture.Room.SetWaitingRoom(fixture.Room.HostParticipantId!, true).Succeeded);
        fixture.Join(RoomFixture.User("last"));
        Assert.Single(fixture.Room.WaitingRoom);
        RoomFixture.AssertRefused(fixture.Room, RoomError.RoomFull, r => r.Join(RoomFixture.Guest("one-too-many")));
        fixture.Join(RoomFixture.Host());
        Assert.Equal(cap, fixture.Room.Participants.Count);
    }

    public static TheoryData<string?> BadNames() => new() { null, "", "   ", "tab\there", new string('x', MeetingRoom.MaxDisplayNameLength + 1) };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_bad_display_name_is_refused(string? name)
    {
        var fixture = new RoomFixture();
        RoomFixture.AssertRefused(fixture.Room, RoomError.InvalidName, r => r.Join(new JoinRequest("x", null, name!, "web")));
    }

    [Fact]
    public void The_same_participant_id_cannot_join_twice()
    {
        var room = RoomFixture.Full().Room;
        RoomFixture.AssertRefused(room, RoomError.AlreadyPresent, r => r.Join(RoomFixture.User("p")));
        RoomFixture.AssertRefused(room, RoomError.AlreadyPresent, r => r.Join(RoomFixture.User("w1")));
    }

    [Fact]
    public void Mute_on_entry_mutes_everyone_but_the_host()
    {
        var fixture = new RoomFixture(new RoomSettings(MuteOnEntry: true));
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.CoHost());
        fixture.Join(RoomFixture.Guest("g"));
        Assert.Equal([false, true, true], fixture.Room.Participants.Select(p => p.Muted));
    }
}

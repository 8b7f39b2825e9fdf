using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class WaitingRoomTests
{
    private static IEnumerable<string> Roster(MeetingRoom room) => room.Participants.Select(p => p.ParticipantId);
    private static IEnumerable<string> Waiting(MeetingRoom room) => room.WaitingRoom.Select(w => w.ParticipantId);

    [Fact]
    public void Participants_and_guests_wait_while_host_and_co_host_accounts_enter_directly()
    {
        var fixture = new RoomFixture(new RoomSettings(WaitingRoomOn: true));
        Assert.Equal([new PutInWaitingRoom("p", null)], fixture.Join(RoomFixture.User("p")));
        fixture.Join(RoomFixture.Guest("g"));
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.CoHost());
        Assert.Equal(["h", "c"], Roster(fixture.Room));
        Assert.Equal(["p", "g"], Waiting(fixture.Room));
    }

    [Fact]
    public void Admit_moves_one_person_into_the_roster()
    {
        var room = RoomFixture.Full().Room;
        var result = room.Admit("c", "w2");
        Assert.Equal([new Admitted("w2", "c"), new ParticipantJoined("w2", "User w2", RoomRole.Participant)], result.Events);
        Assert.Contains("w2", Roster(room));
        Assert.Equal(["w1"], Waiting(room));
    }

    [Fact]
    public void Deny_sends_away_without_barring()
    {
        var room = RoomFixture.Full().Room;
        Assert.Equal([new Denied("w1", "h")], room.Deny("h", "w1").Events);
        Assert.Equal(["w2"], Waiting(room));
        Assert.DoesNotContain("w1", Roster(room));
        Assert.True(room.Join(RoomFixture.User("w1")).Succeeded);
    }

    [Fact]
    public void Admit_all_admits_in_arrival_order()
    {
        var room = RoomFixture.Full().Room;
        var admitted = room.AdmitAll("h").Events.OfType<Admitted>().Select(a => a.ParticipantId);
        Assert.Equal(["w1", "w2"], admitted);
        Assert.Empty(room.WaitingRoom);
        Assert.Equal(["h", "c", "p", "g", "t", "w1", "w2"], Roster(room));
    }

    [Fact]
    public void Send_back_puts_someone_at_the_end_and_stops_their_share()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.StartShare("t").Succeeded);
        var events = room.SendToWaitingRoom("c", "t").Events;
        Assert.Equal([new ShareStopped("t"), new PutInWaitingRoom("t", "c")], events);
        Assert.Equal(["w1", "w2", "t"], Waiting(room));
        Assert.False(room.ReceivesMeetingTraffic("t"));
    }

    [Fact]
    public void A_promoted_co_host_sent_back_returns_as_a_participant()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.MakeCoHost("h", "t").Succeeded);
        Assert.True(room.SendToWaitingRoom("h", "t").Succeeded);
        Assert.True(room.Admit("h", "t").Succeeded);
        Assert.Equal(RoomRole.Participant, room.Find("t")!.Role);
    }

    [Fact]
    public void Turning_the_waiting_room_off_admits_everyone_waiting()
    {
        var room = RoomFixture.Full().Room;
        var events = room.SetWaitingRoom("c", false).Events;
        Assert.Equal(new WaitingRoomToggled(false, "c"), events[0]);
        Assert.Equal(["w1", "w2"], events.OfType<Admitted>().Select(a => a.ParticipantId));
        Assert.Empty(room.WaitingRoom);
        Assert.False(room.Settings.WaitingRoomOn);
        Assert.Equal([], room.Join(RoomFixture.User("late")).Events.OfType<PutInWaitingRoom>());
    }

    [Fact]
    public void Turning_the_waiting_room_on_again_changes_nothing()
    {
        var room = RoomFixture.Full().Room;
        var before = room.DescribeState();
        var result = room.SetWaitingRoom("h", true);
        Assert.True(result.Succeeded);
        Assert.Empty(result.Events);
        Assert.Equal(before, room.DescribeState());
    }
}

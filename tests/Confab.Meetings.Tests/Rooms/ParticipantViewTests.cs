using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class ParticipantViewTests
{
    [Fact]
    public void Someone_waiting_sees_only_the_meeting_name_and_themselves()
    {
        var room = RoomFixture.Full().Room;
        var view = room.ViewFor("w1")!;
        Assert.Equal(new ParticipantView("Weekly sync", RoomStatus.Live, "w1", "User w1", true, false, [], []), view with { Roster = [], WaitingRoom = [] });
        Assert.Empty(view.Roster);
        Assert.Empty(view.WaitingRoom);
        Assert.False(room.ReceivesMeetingTraffic("w1"));
    }

    [Fact]
    public void Someone_held_for_the_host_sees_only_themselves()
    {
        var fixture = new RoomFixture();
        fixture.Join(RoomFixture.User("a"));
        fixture.Join(RoomFixture.User("b"));
        var view = fixture.Room.ViewFor("b")!;
        Assert.Equal(RoomStatus.WaitingForHost, view.Status);
        Assert.False(view.ReceivesMeetingTraffic);
        Assert.Equal(["b"], view.Roster.Select(e => e.ParticipantId));
    }

    [Theory]
    [InlineData("h", true)]
    [InlineData("c", true)]
    [InlineData("p", false)]
    [InlineData("g", false)]
    public void Admitted_people_see_the_roster_and_only_hosts_see_the_waiting_room(string viewer, bool seesWaiting)
    {
        var room = RoomFixture.Full().Room;
        var view = room.ViewFor(viewer)!;
        Assert.True(view.ReceivesMeetingTraffic);
        Assert.Equal(["h", "c", "p", "g", "t"], view.Roster.Select(e => e.ParticipantId));
        Assert.Equal(seesWaiting ? ["w1", "w2"] : [], view.WaitingRoom);
        Assert.True(view.Roster.Single(e => e.ParticipantId == "t").HandRaised);
    }

    [Fact]
    public void Unknown_people_have_no_view()
    {
        var room = RoomFixture.Full().Room;
        Assert.Null(room.ViewFor("stranger"));
        Assert.False(room.ReceivesMeetingTraffic("stranger"));
    }
}

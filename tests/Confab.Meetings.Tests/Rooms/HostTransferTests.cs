using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

public class HostTransferTests
{
    [Fact]
    public void When_the_host_leaves_a_co_host_takes_over_before_anyone_present_longer()
    {
        var room = RoomFixture.Full().Room;
        var events = room.Leave("h").Events;
        Assert.Equal([new ParticipantLeft("h"), new RoleChanged("c", RoomRole.Host), new HostChanged("c", null)], events);
    }

    [Fact]
    public void Without_a_co_host_the_longest_present_signed_in_participant_takes_over()
    {
        var fixture = new RoomFixture();
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.Guest("g"));
        fixture.Join(RoomFixture.User("first"));
        fixture.Join(RoomFixture.User("second"));
        Assert.True(fixture.Room.Leave("h").Succeeded);
        Assert.Equal("first", fixture.Room.HostParticipantId);
    }

    [Fact]
    public void A_guest_never_becomes_host_and_the_next_signed_in_arrival_does()
    {
        var fixture = new RoomFixture();
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.Guest("g"));
        Assert.True(fixture.Room.MakeCoHost("h", "g").Succeeded);
        Assert.True(fixture.Room.Leave("h").Succeeded);
        Assert.Null(fixture.Room.HostParticipantId);
        Assert.Equal(RoomRole.CoHost, fixture.Room.Find("g")!.Role);

        var events = fixture.Join(RoomFixture.User("p"));
        Assert.Contains(new HostChanged("p", null), events);
    }

    [Fact]
    public void Make_host_hands_over_and_the_former_host_becomes_a_participant()
    {
        var room = RoomFixture.Full().Room;
        var events = room.MakeHost("h", "t").Events;
        Assert.Equal([new RoleChanged("h", RoomRole.Participant), new RoleChanged("t", RoomRole.Host), new HostChanged("t", "h")], events);
        RoomFixture.AssertRefused(room, RoomError.NotAllowed, r => r.Mute("h", "p"));
        Assert.True(room.Mute("t", "h").Succeeded);
    }

    [Fact]
    public void Make_host_refuses_a_guest()
    {
        var room = RoomFixture.Full().Room;
        RoomFixture.AssertRefused(room, RoomError.GuestCannotHost, r => r.MakeHost("h", "g"));
    }

    [Fact]
    public void The_host_account_takes_the_role_back_on_return_and_the_stand_in_returns_to_co_host()
    {
        var fixture = RoomFixture.Full();
        Assert.True(fixture.Room.Leave("h").Succeeded);
        Assert.Equal("c", fixture.Room.HostParticipantId);
        var events = fixture.Join(RoomFixture.Host("h2"));
        Assert.Contains(new RoleChanged("c", RoomRole.CoHost), events);
        Assert.Contains(new HostChanged("h2", "c"), events);
        Assert.Single(fixture.Room.Participants, p => p.Role == RoomRole.Host);
    }

    [Fact]
    public void Revoking_co_host_returns_a_guest_to_guest()
    {
        var room = RoomFixture.Full().Room;
        Assert.True(room.MakeCoHost("c", "g").Succeeded);
        Assert.Equal([new RoleChanged("g", RoomRole.Guest)], room.RevokeCoHost("h", "g").Events);
    }
}

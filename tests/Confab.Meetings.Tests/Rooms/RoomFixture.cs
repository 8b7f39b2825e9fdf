using Confab.Meetings.Accounts;
using Confab.Meetings.Rooms;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Meetings.Tests.Rooms;

/// <summary>Builds rooms for the tests. Participant ids name their role: h host, c co-host, p participant, g guest.</summary>
internal sealed class RoomFixture
{
    public const string HostUser = "user-host";
    public const string CoHostUser = "user-cohost";
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public RoomFixture(RoomSettings? settings = null, AccountType plan = AccountType.Pro, TimeSpan? grace = null)
    {
        Room = new MeetingRoom(
            new MeetingRoomOptions("85012345678", "Weekly sync", HostUser, plan, settings ?? new RoomSettings(),
                new HashSet<string> { CoHostUser }, grace),
            Time);
    }

    public FakeTimeProvider Time { get; } = new(Start);
    public MeetingRoom Room { get; }

    public static JoinRequest Host(string id = "h") => new(id, HostUser, "Hana Host", "desktop");
    public static JoinRequest CoHost(string id = "c") => new(id, CoHostUser, "Cole Cohost", "desktop");
    public static JoinRequest User(string id, string? name = null) => new(id, "user-" + id, name ?? "User " + id, "web");
    public static JoinRequest Guest(string id) => new(id, null, "Guest " + id, "phone");

    public static string ActorOf(RoomRole role) => role switch
    {
        RoomRole.Host => "h",
        RoomRole.CoHost => "c",
        RoomRole.Participant => "p",
        _ => "g",
    };

    /// <summary>Joins and asserts success; answers the events.</summary>
    public IReadOnlyList<RoomEvent> Join(JoinRequest request)
    {
        var result = Room.Join(request);
        Assert.True(result.Succeeded, $"join of {request.ParticipantId} failed: {result.Error}");
        return result.Events;
    }

    /// <summary>
    /// A live meeting: host h, co-host c, participant p, guest g and target participant t (hand raised) in the
    /// roster; w1 and w2 in the waiting room, which is on.
    /// </summary>
    public static RoomFixture Full(RoomSettings? settings = null)
    {
        var fixture = new RoomFixture((settings ?? new RoomSettings()) with { WaitingRoomOn = false });
        fixture.Join(Host());
        fixture.Join(CoHost());
        fixture.Join(User("p"));
        fixture.Join(Guest("g"));
        fixture.Join(User("t"));
        Assert.True(fixture.Room.RaiseHand("t").Succeeded);
        Assert.True(fixture.Room.SetWaitingRoom("h", true).Succeeded);
        fixture.Join(User("w1"));
        fixture.Join(User("w2"));
        return fixture;
    }

    public static void AssertRefused(MeetingRoom room, RoomError expected, Func<MeetingRoom, RoomResult> request)
    {
        var before = room.DescribeState();
        var result = request(room);
        Assert.Equal(expected, result.Error);
        Assert.Empty(result.Events);
        Assert.Equal(before, room.DescribeState());
    }
}

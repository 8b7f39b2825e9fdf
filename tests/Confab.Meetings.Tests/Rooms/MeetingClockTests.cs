using Confab.Meetings.Accounts;
using Confab.Meetings.Rooms;

namespace Confab.Meetings.Tests.Rooms;

/// <summary>The free plan's 40-minute cap with its warning 10 minutes before, and the empty-meeting grace period.</summary>
public class MeetingClockTests
{
    private static RoomFixture FreeMeetingOf(int people)
    {
        var fixture = new RoomFixture(plan: AccountType.Free);
        fixture.Join(RoomFixture.Host());
        for (var i = 1; i < people; i++)
        {
            fixture.Join(RoomFixture.User("u" + i));
        }

        return fixture;
    }

    [Fact]
    public void Free_group_meeting_warns_at_30_minutes_and_ends_at_40()
    {
        var fixture = FreeMeetingOf(3);
        Assert.Equal(RoomFixture.Start, fixture.Room.TimeCapStartedAt);

        fixture.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.Room.Tick());
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([new TimeLimitWarning(TimeSpan.FromMinutes(10))], fixture.Room.Tick());
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(fixture.Room.Tick());

        fixture.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Empty(fixture.Room.Tick());
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([new MeetingEnded(MeetingEndReason.TimeLimitReached)], fixture.Room.Tick());
        Assert.Equal(RoomStatus.Ended, fixture.Room.Status);
        Assert.Empty(fixture.Room.Participants);
        Assert.Empty(fixture.Room.Tick());
    }

    [Fact]
    public void The_cap_clock_starts_when_the_third_person_joins_and_keeps_running_when_they_leave()
    {
        var fixture = FreeMeetingOf(2);
        fixture.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.Empty(fixture.Room.Tick());
        Assert.Null(fixture.Room.TimeCapStartedAt);

        fixture.Join(RoomFixture.User("third"));
        Assert.Equal(RoomFixture.Start.AddMinutes(50), fixture.Room.TimeCapStartedAt);
        Assert.True(fixture.Room.Leave("third").Succeeded);
        fixture.Time.Advance(TimeSpan.FromMinutes(40));
        var events = fixture.Room.Tick();
        Assert.Equal([new MeetingEnded(MeetingEndReason.TimeLimitReached)], events);
    }

    [Fact]
    public void A_late_tick_ends_without_warning_first()
    {
        var fixture = FreeMeetingOf(3);
        fixture.Time.Advance(TimeSpan.FromMinutes(45));
        Assert.Equal([new MeetingEnded(MeetingEndReason.TimeLimitReached)], fixture.Room.Tick());
    }

    [Theory]
    [InlineData(AccountType.Pro)]
    [InlineData(AccountType.Business)]
    public void Paid_plans_run_without_a_cap(AccountType plan)
    {
        var fixture = new RoomFixture(plan: plan);
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.User("a"));
        fixture.Join(RoomFixture.User("b"));
        fixture.Time.Advance(TimeSpan.FromHours(10));
        Assert.Empty(fixture.Room.Tick());
        Assert.Null(fixture.Room.TimeCapStartedAt);
    }

    [Fact]
    public void An_empty_meeting_ends_after_the_grace_period()
    {
        var fixture = new RoomFixture(grace: TimeSpan.FromSeconds(90));
        fixture.Join(RoomFixture.Host());
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(fixture.Room.Leave("h").Succeeded);
        Assert.Equal(RoomFixture.Start.AddMinutes(5), fixture.Room.EmptySince);

        fixture.Time.Advance(TimeSpan.FromSeconds(89));
        Assert.Empty(fixture.Room.Tick());
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([new MeetingEnded(MeetingEndReason.EmptyGracePeriodExpired)], fixture.Room.Tick());
    }

    [Fact]
    public void Someone_joining_during_the_grace_period_keeps_the_meeting()
    {
        var fixture = new RoomFixture();
        Assert.Equal(MeetingRoomOptions.DefaultEmptyGracePeriod, fixture.Room.EmptyGracePeriod);
        fixture.Join(RoomFixture.Host());
        Assert.True(fixture.Room.Leave("h").Succeeded);
        fixture.Time.Advance(TimeSpan.FromSeconds(30));
        fixture.Join(RoomFixture.User("p"));
        Assert.Null(fixture.Room.EmptySince);
        fixture.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(fixture.Room.Tick());
        Assert.Equal(RoomStatus.Live, fixture.Room.Status);
    }

    [Fact]
    public void People_left_only_in_the_waiting_room_do_not_keep_a_meeting_open()
    {
        var fixture = new RoomFixture(new RoomSettings(WaitingRoomOn: true));
        fixture.Join(RoomFixture.Host());
        fixture.Join(RoomFixture.User("w"));
        Assert.True(fixture.Room.Leave("h").Succeeded);
        fixture.Time.Advance(MeetingRoomOptions.DefaultEmptyGracePeriod);
        Assert.Equal([new MeetingEnded(MeetingEndReason.EmptyGracePeriodExpired)], fixture.Room.Tick());
        Assert.Null(fixture.Room.ViewFor("w"));
    }

    [Fact]
    public void A_meeting_that_never_started_does_not_end_by_itself()
    {
        var fixture = new RoomFixture();
        fixture.Join(RoomFixture.User("p"));
        Assert.True(fixture.Room.Leave("p").Succeeded);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(fixture.Room.Tick());
        Assert.Equal(RoomStatus.WaitingForHost, fixture.Room.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void End_for_all_and_the_rest_end_action_end_the_meeting(bool byHost)
    {
        var fixture = RoomFixture.Full();
        fixture.Time.Advance(TimeSpan.FromMinutes(7));
        var result = byHost ? fixture.Room.EndForAll("c") : fixture.Room.EndByApi();
        var reason = byHost ? MeetingEndReason.EndedByHost : MeetingEndReason.EndedByApi;
        Assert.Equal([new MeetingEnded(reason)], result.Events);
        Assert.Equal(reason, fixture.Room.EndReason);
        Assert.Equal(RoomFixture.Start.AddMinutes(7), fixture.Room.EndedAt);
        Assert.Empty(fixture.Room.WaitingRoom);
    }
}

using Confab.Meetings.Accounts;

namespace Confab.Meetings.Tests.Accounts;

public class PlanLimitsTests
{
    [Fact]
    public void Free_plan_hosts_100_with_a_40_minute_cap_from_3_people()
    {
        var limits = PlanLimits.For(AccountType.Free);
        Assert.Equal(100, limits.MaxParticipants);
        Assert.Equal(TimeSpan.FromMinutes(40), limits.GroupMeetingTimeCap);
        Assert.Equal(3, limits.TimeCapFromParticipants);
        Assert.Null(limits.TimeCapFor(2));
        Assert.Equal(TimeSpan.FromMinutes(40), limits.TimeCapFor(3));
        Assert.Equal(TimeSpan.FromMinutes(40), limits.TimeCapFor(100));
    }

    [Theory]
    [InlineData(AccountType.Pro, 100)]
    [InlineData(AccountType.Business, 300)]
    public void Paid_plans_have_no_time_cap(AccountType type, int maxParticipants)
    {
        var limits = PlanLimits.For(type);
        Assert.Equal(maxParticipants, limits.MaxParticipants);
        Assert.Null(limits.GroupMeetingTimeCap);
        Assert.Null(limits.TimeCapFor(maxParticipants));
        Assert.Null(limits.TimeCapFor(int.MaxValue));
    }

    [Fact]
    public void Unknown_plan_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanLimits.For((AccountType)42));
}

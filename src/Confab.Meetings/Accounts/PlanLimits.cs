namespace Confab.Meetings.Accounts;

/// <summary>
/// What a plan allows at join: the participant cap, and for the free plan a time cap on meetings of
/// <see cref="TimeCapFromParticipants"/> or more people.
/// </summary>
public sealed record PlanLimits(int MaxParticipants, TimeSpan? GroupMeetingTimeCap, int TimeCapFromParticipants)
{
    public static PlanLimits For(AccountType type) => throw new NotImplementedException();
}

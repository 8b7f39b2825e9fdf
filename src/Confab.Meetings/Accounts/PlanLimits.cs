namespace Confab.Meetings.Accounts;

/// <summary>
/// What a plan allows at join: the participant cap, and for the free plan a time cap on meetings of
/// <see cref="TimeCapFromParticipants"/> or more people.
/// </summary>
/// <remarks>
/// Zoom's plans: Basic (free) hosts up to 100 participants and limits meetings of 3 or more people to 40 minutes;
/// Pro hosts 100 with no time cap; Business hosts 300. Plans without a time cap carry
/// <see cref="GroupMeetingTimeCap"/> = null and <see cref="TimeCapFromParticipants"/> = <see cref="int.MaxValue"/>,
/// so a check on the head count alone can never apply a cap.
/// </remarks>
public sealed record PlanLimits(int MaxParticipants, TimeSpan? GroupMeetingTimeCap, int TimeCapFromParticipants)
{
    public const int FreeMaxParticipants = 100;
    public const int ProMaxParticipants = 100;
    public const int BusinessMaxParticipants = 300;
    public const int FreeTimeCapMinutes = 40;
    public const int FreeTimeCapFromParticipants = 3;

    private static readonly PlanLimits Free = new(FreeMaxParticipants, TimeSpan.FromMinutes(FreeTimeCapMinutes), FreeTimeCapFromParticipants);
    private static readonly PlanLimits Pro = new(ProMaxParticipants, null, int.MaxValue);
    private static readonly PlanLimits Business = new(BusinessMaxParticipants, null, int.MaxValue);

    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the plans.</exception>
    public static PlanLimits For(AccountType type) => type switch
    {
        AccountType.Free => Free,
        AccountType.Pro => Pro,
        AccountType.Business => Business,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown account type."),
    };

    /// <summary>The time cap that applies to a meeting with this many participants, or null when none does.</summary>
    public TimeSpan? TimeCapFor(int participantCount) =>
        GroupMeetingTimeCap is { } cap && participantCount >= TimeCapFromParticipants ? cap : null;
}

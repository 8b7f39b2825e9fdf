namespace Confab.Meetings.Rooms;

/// <summary>Limits on failed join attempts (wrong passcode or unknown meeting) within a sliding window.</summary>
/// <param name="MaxFailuresPerIp">Failures one client address may make within <see cref="Window"/>.</param>
/// <param name="MaxFailuresPerMeeting">Failures against one meeting id within <see cref="Window"/>, from any address.</param>
/// <param name="MaxTrackedKeys">Bound on tracked addresses plus meeting ids; beyond it the least recently failing are forgotten.</param>
public sealed record JoinThrottleOptions(
    int MaxFailuresPerIp = 10,
    int MaxFailuresPerMeeting = 30,
    TimeSpan? Window = null,
    int MaxTrackedKeys = 100_000)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    public TimeSpan EffectiveWindow => Window ?? DefaultWindow;
}

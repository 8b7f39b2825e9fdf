namespace Confab.Server.Signaling;

/// <summary>The <c>Confab:Signaling</c> configuration section.</summary>
public sealed class SignalingOptions
{
    public const string SectionName = "Confab:Signaling";

    public const int DefaultJoinWithinSeconds = 120;
    public const int LargestJoinWithinSeconds = 3600;

    /// <summary>
    /// Seconds a signaling socket may stay open without joining (<c>Confab:Signaling:JoinWithinSeconds</c>), 120 by default:
    /// then the server closes it with 1008 and <c>join-timeout</c>, so idle or junk-sending sockets do not pile up. The
    /// web client opens its socket on the pre-join screen and opens a new one at join when that one was closed.
    /// </summary>
    public int JoinWithinSeconds { get; set; } = DefaultJoinWithinSeconds;

    public TimeSpan JoinWithin => TimeSpan.FromSeconds(JoinWithinSeconds);
}

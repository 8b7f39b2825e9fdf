namespace Confab.Sfu.Forwarding;

/// <summary>Why a consumer did not forward a packet (the per-packet path is a chain of named early returns).</summary>
public enum DropReason
{
    None,
    Paused,
    WaitingForKeyFrame,
    OlderThanSegment,
}

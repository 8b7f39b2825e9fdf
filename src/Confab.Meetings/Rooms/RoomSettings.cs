namespace Confab.Meetings.Rooms;

public enum ScreenShareMode
{
    OneAtATime,
    Many,
}

/// <summary>The settings a host or co-host can change during the meeting.</summary>
/// <param name="AllowRemovedToRejoin">Someone removed from the meeting may join it again.</param>
public sealed record RoomSettings(
    bool WaitingRoomOn = false,
    bool MuteOnEntry = false,
    bool JoinBeforeHost = false,
    bool AllowParticipantsUnmute = true,
    bool AllowRenameSelf = true,
    ScreenShareMode ScreenShare = ScreenShareMode.OneAtATime,
    bool Locked = false,
    bool AllowRemovedToRejoin = false);

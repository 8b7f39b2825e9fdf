using Confab.Meetings.Chat;

namespace Confab.Meetings.Rooms;

public enum ScreenShareMode
{
    OneAtATime,
    Many,
}

/// <summary>The settings a host or co-host can change during the meeting.</summary>
/// <param name="AllowRemovedToRejoin">Someone removed from the meeting may join it again.</param>
/// <param name="ChatWith">Whom participants and guests may chat with (hosts and co-hosts always may).</param>
/// <param name="ChatHistoryForLateJoiners">Chat history shows everything said in this meeting; when false, a person sees only
/// what was said since they joined.</param>
public sealed record RoomSettings(
    bool WaitingRoomOn = false,
    bool MuteOnEntry = false,
    bool JoinBeforeHost = false,
    bool AllowParticipantsUnmute = true,
    bool AllowRenameSelf = true,
    ScreenShareMode ScreenShare = ScreenShareMode.OneAtATime,
    bool Locked = false,
    bool AllowRemovedToRejoin = false,
    ChatWith ChatWith = ChatWith.EveryoneAndPrivate,
    bool ChatHistoryForLateJoiners = true);

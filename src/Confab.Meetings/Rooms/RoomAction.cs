namespace Confab.Meetings.Rooms;

/// <summary>Every request a person in a meeting can make; <see cref="RoomPermissions"/> says who may make it.</summary>
public enum RoomAction
{
    // Host controls.
    Admit,
    Deny,
    AdmitAll,
    SendToWaitingRoom,
    Mute,
    MuteAll,
    AskToUnmute,
    StopVideo,
    Remove,
    Rename,
    MakeCoHost,
    RevokeCoHost,
    MakeHost,
    Lock,
    ToggleWaitingRoom,
    ChangeSettings,
    LowerOthersHand,
    EndForAll,

    // Everyone's own actions.
    MuteSelf,
    UnmuteSelf,
    SetOwnVideo,
    ShareScreen,
    RaiseHand,
    LowerOwnHand,
    React,
    RenameSelf,
    Leave,
}

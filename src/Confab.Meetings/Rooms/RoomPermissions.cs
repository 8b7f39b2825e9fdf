namespace Confab.Meetings.Rooms;

/// <summary>
/// The one table of who may do what. Host and co-hosts hold the host controls, except that only the host may
/// hand the host role over (<see cref="RoomAction.MakeHost"/>) or take co-host away
/// (<see cref="RoomAction.RevokeCoHost"/>). Everyone holds their own actions; for participants and guests two of
/// them also depend on the meeting's settings: unmuting oneself (<see cref="RoomSettings.AllowParticipantsUnmute"/>,
/// or a pending "ask to unmute") and renaming oneself (<see cref="RoomSettings.AllowRenameSelf"/>).
/// </summary>
public static class RoomPermissions
{
    private static readonly HashSet<RoomAction> HostOnly = [RoomAction.MakeHost, RoomAction.RevokeCoHost];

    private static readonly HashSet<RoomAction> HostControls =
    [
        RoomAction.Admit, RoomAction.Deny, RoomAction.AdmitAll, RoomAction.SendToWaitingRoom,
        RoomAction.Mute, RoomAction.MuteAll, RoomAction.AskToUnmute, RoomAction.StopVideo,
        RoomAction.Remove, RoomAction.Rename, RoomAction.MakeCoHost, RoomAction.Lock,
        RoomAction.ToggleWaitingRoom, RoomAction.ChangeSettings, RoomAction.LowerOthersHand, RoomAction.EndForAll,
    ];

    /// <summary>The role table alone, before the settings are applied.</summary>
    public static bool RoleMay(RoomRole role, RoomAction action)
    {
        if (HostOnly.Contains(action))
        {
            return role == RoomRole.Host;
        }

        if (HostControls.Contains(action))
        {
            return role is RoomRole.Host or RoomRole.CoHost;
        }

        return Enum.IsDefined(action);
    }

    /// <summary>The role table with the settings that restrict participants and guests.</summary>
    /// <param name="unmuteInvited">The person has a pending "ask to unmute" from a host or co-host.</param>
    public static bool IsAllowed(RoomRole role, RoomAction action, RoomSettings settings, bool unmuteInvited = false)
    {
        if (!RoleMay(role, action))
        {
            return false;
        }

        var holdsControls = role is RoomRole.Host or RoomRole.CoHost;
        return action switch
        {
            RoomAction.UnmuteSelf => holdsControls || settings.AllowParticipantsUnmute || unmuteInvited,
            RoomAction.RenameSelf => holdsControls || settings.AllowRenameSelf,
            _ => true,
        };
    }
}

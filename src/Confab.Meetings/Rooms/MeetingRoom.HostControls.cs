namespace Confab.Meetings.Rooms;

/// <summary>Host and co-host controls over other people and the meeting's settings.</summary>
public sealed partial class MeetingRoom
{
    public RoomResult Mute(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.Mute, targetId, out var target) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        MuteOne(target, actorId, events);
        return RoomResult.Success(events);
    }

    /// <summary>Mutes every participant and guest, and sets whether they may unmute themselves.</summary>
    public RoomResult MuteAll(string actorId, bool allowSelfUnmute)
    {
        if (Authorise(actorId, RoomAction.MuteAll) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        foreach (var participant in Participants.Where(p => p.Role.Rank() == 0))
        {
            MuteOne(participant, actorId, events);
        }

        if (Settings.AllowParticipantsUnmute != allowSelfUnmute)
        {
            Settings = Settings with { AllowParticipantsUnmute = allowSelfUnmute };
            events.Add(new SettingsChanged(Settings, actorId));
        }

        return RoomResult.Success(events);
    }

    /// <summary>Asks someone to unmute: never unmutes them, but lets them unmute once even when self-unmute is off.</summary>
    public RoomResult AskToUnmute(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.AskToUnmute, targetId, out var target) is { } error)
        {
            return error;
        }

        _participants[targetId] = target with { UnmuteInvited = true };
        return RoomResult.Success([new UnmuteRequested(targetId, actorId)]);
    }

    public RoomResult StopVideo(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.StopVideo, targetId, out var target) is { } error)
        {
            return error;
        }

        if (!target.VideoOn)
        {
            return RoomResult.Success([]);
        }

        _participants[targetId] = target with { VideoOn = false };
        return RoomResult.Success([new VideoStopped(targetId, actorId)]);
    }

    /// <summary>Removes someone; they cannot join again unless <see cref="RoomSettings.AllowRemovedToRejoin"/>.</summary>
    public RoomResult Remove(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.Remove, targetId, out var target) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        _participants.Remove(targetId);
        _removed.Add(RemovalKey(target.UserId, target.ParticipantId, target.GuestKey));
        if (target.Sharing)
        {
            events.Add(new ShareStopped(targetId));
        }

        events.Add(new Removed(targetId, actorId));
        AfterRosterChange(events);
        return RoomResult.Success(events);
    }

    public RoomResult Rename(string actorId, string targetId, string displayName)
    {
        if (AuthoriseOn(actorId, RoomAction.Rename, targetId, out var target) is { } error)
        {
            return error;
        }

        return ApplyRename(target, displayName, actorId);
    }

    public RoomResult MakeCoHost(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.MakeCoHost, targetId, out var target) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        SetRole(target, RoomRole.CoHost, events);
        return RoomResult.Success(events);
    }

    /// <summary>Takes co-host away: back to participant, or guest for someone without an account.</summary>
    public RoomResult RevokeCoHost(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.RevokeCoHost, targetId, out var target) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        SetRole(target, target.IsGuest ? RoomRole.Guest : RoomRole.Participant, events);
        return RoomResult.Success(events);
    }

    /// <summary>Hands the host role over; the former host becomes a participant. Guests cannot be made host.</summary>
    public RoomResult MakeHost(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.MakeHost, targetId, out var target) is { } error)
        {
            return error;
        }

        if (target.IsGuest)
        {
            return RoomError.GuestCannotHost;
        }

        var events = new List<RoomEvent>();
        SetRole(_participants[actorId], RoomRole.Participant, events);
        SetRole(target, RoomRole.Host, events);
        events.Add(new HostChanged(targetId, actorId));
        return RoomResult.Success(events);
    }

    /// <summary>Lowers someone else's raised hand.</summary>
    public RoomResult LowerHand(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.LowerOthersHand, targetId, out var target) is { } error)
        {
            return error;
        }

        if (!target.HandRaised)
        {
            return RoomResult.Success([]);
        }

        _participants[targetId] = target with { HandRaised = false };
        return RoomResult.Success([new HandLowered(targetId, actorId)]);
    }

    /// <summary>Locks or unlocks the meeting: a locked meeting refuses new people; the waiting room stays as it is.</summary>
    public RoomResult Lock(string actorId, bool locked)
    {
        if (Authorise(actorId, RoomAction.Lock) is { } error)
        {
            return error;
        }

        if (Settings.Locked == locked)
        {
            return RoomResult.Success([]);
        }

        Settings = Settings with { Locked = locked };
        return RoomResult.Success([new LockChanged(locked, actorId)]);
    }

    /// <summary>
    /// Changes the other settings (mute on entry, join before host, self-unmute, self-rename, screen share mode,
    /// rejoin after removal). Lock and waiting room have their own requests; their values here are ignored.
    /// </summary>
    public RoomResult ChangeSettings(string actorId, RoomSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Authorise(actorId, RoomAction.ChangeSettings) is { } error)
        {
            return error;
        }

        var changed = settings with { Locked = Settings.Locked, WaitingRoomOn = Settings.WaitingRoomOn };
        if (changed == Settings)
        {
            return RoomResult.Success([]);
        }

        Settings = changed;
        return RoomResult.Success([new SettingsChanged(Settings, actorId)]);
    }

    private void MuteOne(RoomParticipant target, string actorId, List<RoomEvent> events)
    {
        if (target.Muted && !target.UnmuteInvited)
        {
            return;
        }

        _participants[target.ParticipantId] = target with { Muted = true, UnmuteInvited = false };
        if (!target.Muted)
        {
            events.Add(new Muted(target.ParticipantId, actorId));
        }
    }

    private RoomResult ApplyRename(RoomParticipant target, string displayName, string actorId)
    {
        if (NormaliseName(displayName) is not { } name)
        {
            return RoomError.InvalidName;
        }

        if (name == target.DisplayName)
        {
            return RoomResult.Success([]);
        }

        _participants[target.ParticipantId] = target with { DisplayName = name };
        return RoomResult.Success([new Renamed(target.ParticipantId, name, actorId)]);
    }
}

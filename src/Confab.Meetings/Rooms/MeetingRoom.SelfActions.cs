namespace Confab.Meetings.Rooms;

/// <summary>What everyone in the meeting may do for themselves.</summary>
public sealed partial class MeetingRoom
{
    public const int MaxReactionLength = 16;

    public RoomResult SetMuted(string actorId, bool muted)
    {
        var action = muted ? RoomAction.MuteSelf : RoomAction.UnmuteSelf;
        if (Authorise(actorId, action, out var actor) is { } error)
        {
            return error;
        }

        if (actor.Muted == muted)
        {
            return RoomResult.Success([]);
        }

        // An "ask to unmute" is used up by unmuting.
        _participants[actorId] = actor with { Muted = muted, UnmuteInvited = actor.UnmuteInvited && muted };
        return RoomResult.Success([muted ? new Muted(actorId, actorId) : new Unmuted(actorId)]);
    }

    public RoomResult SetVideo(string actorId, bool on)
    {
        if (Authorise(actorId, RoomAction.SetOwnVideo, out var actor) is { } error)
        {
            return error;
        }

        if (actor.VideoOn == on)
        {
            return RoomResult.Success([]);
        }

        _participants[actorId] = actor with { VideoOn = on };
        return RoomResult.Success([on ? new VideoStarted(actorId) : new VideoStopped(actorId, actorId)]);
    }

    /// <summary>Starts sharing; with one sharer at a time, refused while someone else shares.</summary>
    public RoomResult StartShare(string actorId)
    {
        if (Authorise(actorId, RoomAction.ShareScreen, out var actor) is { } error)
        {
            return error;
        }

        if (actor.Sharing)
        {
            return RoomResult.Success([]);
        }

        if (Settings.ScreenShare == ScreenShareMode.OneAtATime && _participants.Values.Any(p => p.Sharing))
        {
            return RoomError.AlreadySharing;
        }

        _participants[actorId] = actor with { Sharing = true };
        return RoomResult.Success([new ShareStarted(actorId)]);
    }

    public RoomResult StopShare(string actorId)
    {
        if (Authorise(actorId, RoomAction.ShareScreen, out var actor) is { } error)
        {
            return error;
        }

        if (!actor.Sharing)
        {
            return RoomResult.Success([]);
        }

        _participants[actorId] = actor with { Sharing = false };
        return RoomResult.Success([new ShareStopped(actorId)]);
    }

    public RoomResult RaiseHand(string actorId)
    {
        if (Authorise(actorId, RoomAction.RaiseHand, out var actor) is { } error)
        {
            return error;
        }

        if (actor.HandRaised)
        {
            return RoomResult.Success([]);
        }

        _participants[actorId] = actor with { HandRaised = true };
        return RoomResult.Success([new HandRaised(actorId)]);
    }

    public RoomResult LowerHand(string actorId)
    {
        if (Authorise(actorId, RoomAction.LowerOwnHand, out var actor) is { } error)
        {
            return error;
        }

        if (!actor.HandRaised)
        {
            return RoomResult.Success([]);
        }

        _participants[actorId] = actor with { HandRaised = false };
        return RoomResult.Success([new HandLowered(actorId, actorId)]);
    }

    /// <summary>An emoji reaction: 1 to <see cref="MaxReactionLength"/> characters, no whitespace or control characters.</summary>
    public RoomResult React(string actorId, string emoji)
    {
        if (Authorise(actorId, RoomAction.React) is { } error)
        {
            return error;
        }

        if (string.IsNullOrEmpty(emoji) || emoji.Length > MaxReactionLength
            || emoji.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return RoomError.InvalidReaction;
        }

        return RoomResult.Success([new Reaction(actorId, emoji)]);
    }

    public RoomResult RenameSelf(string actorId, string displayName)
    {
        if (Authorise(actorId, RoomAction.RenameSelf, out var actor) is { } error)
        {
            return error;
        }

        return ApplyRename(actor, displayName, actorId);
    }
}

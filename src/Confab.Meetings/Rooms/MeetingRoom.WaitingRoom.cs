namespace Confab.Meetings.Rooms;

/// <summary>Host controls over the waiting room: admit, deny, admit all, send back, toggle.</summary>
public sealed partial class MeetingRoom
{
    public RoomResult Admit(string actorId, string waitingId)
    {
        if (Authorise(actorId, RoomAction.Admit) is { } error)
        {
            return error;
        }

        var index = IndexInWaitingRoom(waitingId);
        if (index < 0)
        {
            return RoomError.NotFound;
        }

        var events = new List<RoomEvent>();
        AdmitAt(index, actorId, events);
        AfterRosterChange(events);
        return RoomResult.Success(events);
    }

    public RoomResult Deny(string actorId, string waitingId)
    {
        if (Authorise(actorId, RoomAction.Deny) is { } error)
        {
            return error;
        }

        var index = IndexInWaitingRoom(waitingId);
        if (index < 0)
        {
            return RoomError.NotFound;
        }

        _waiting.RemoveAt(index);
        return RoomResult.Success([new Denied(waitingId, actorId)]);
    }

    /// <summary>Admits everyone waiting, first arrival first.</summary>
    public RoomResult AdmitAll(string actorId)
    {
        if (Authorise(actorId, RoomAction.AdmitAll) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        AdmitEveryone(actorId, events);
        return RoomResult.Success(events);
    }

    /// <summary>Sends someone back to the end of the waiting room; they lose a promoted role, their share and hand.</summary>
    public RoomResult SendToWaitingRoom(string actorId, string targetId)
    {
        if (AuthoriseOn(actorId, RoomAction.SendToWaitingRoom, targetId, out var target) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        _participants.Remove(targetId);
        if (target.Sharing)
        {
            events.Add(new ShareStopped(targetId));
        }

        var request = new JoinRequest(target.ParticipantId, target.UserId, target.DisplayName, target.Device, target.Muted, target.VideoOn, target.GuestKey);
        _waiting.Add(new WaitingParticipant(request, target.BaseRole, _time.GetUtcNow()));
        events.Add(new PutInWaitingRoom(targetId, actorId));
        AfterRosterChange(events);
        return RoomResult.Success(events);
    }

    /// <summary>Turns the waiting room on or off; turning it off admits everyone waiting.</summary>
    public RoomResult SetWaitingRoom(string actorId, bool on)
    {
        if (Authorise(actorId, RoomAction.ToggleWaitingRoom) is { } error)
        {
            return error;
        }

        var events = new List<RoomEvent>();
        if (Settings.WaitingRoomOn == on)
        {
            return RoomResult.Success(events);
        }

        Settings = Settings with { WaitingRoomOn = on };
        events.Add(new WaitingRoomToggled(on, actorId));
        if (!on)
        {
            AdmitEveryone(actorId, events);
        }

        return RoomResult.Success(events);
    }

    private void AdmitEveryone(string actorId, List<RoomEvent> events)
    {
        while (_waiting.Count > 0)
        {
            AdmitAt(0, actorId, events);
        }

        AfterRosterChange(events);
    }

    private void AdmitAt(int index, string actorId, List<RoomEvent> events)
    {
        var waiting = _waiting[index];
        _waiting.RemoveAt(index);
        events.Add(new Admitted(waiting.ParticipantId, actorId));
        Enter(waiting.Request, waiting.BaseRole, _time.GetUtcNow(), events);
    }
}

namespace Confab.Meetings.Rooms;

/// <summary>The checks every request passes before it changes anything.</summary>
public sealed partial class MeetingRoom
{
    /// <summary>The actor is admitted, the meeting live, and <see cref="RoomPermissions"/> allows the action.</summary>
    private RoomError? Authorise(string actorId, RoomAction action) => Authorise(actorId, action, out _);

    private RoomError? Authorise(string actorId, RoomAction action, out RoomParticipant actor)
    {
        actor = null!;
        if (Status == RoomStatus.Ended)
        {
            return RoomError.Ended;
        }

        if (!_participants.TryGetValue(actorId, out var found))
        {
            return IndexInWaitingRoom(actorId) >= 0 ? RoomError.NotAdmitted : RoomError.NotFound;
        }

        if (Status == RoomStatus.WaitingForHost)
        {
            return RoomError.NotStarted;
        }

        if (!RoomPermissions.IsAllowed(found.Role, action, Settings, found.UnmuteInvited))
        {
            return RoomError.NotAllowed;
        }

        actor = found;
        return null;
    }

    /// <summary>As <see cref="Authorise(string, RoomAction)"/>, and the target is someone else of a lower rank.</summary>
    private RoomError? AuthoriseOn(string actorId, RoomAction action, string targetId, out RoomParticipant target)
    {
        target = null!;
        if (Authorise(actorId, action, out var actor) is { } error)
        {
            return error;
        }

        if (!_participants.TryGetValue(targetId, out var found))
        {
            return RoomError.NotFound;
        }

        if (found.ParticipantId == actor.ParticipantId || actor.Role.Rank() <= found.Role.Rank())
        {
            return RoomError.NotAllowed;
        }

        target = found;
        return null;
    }
}

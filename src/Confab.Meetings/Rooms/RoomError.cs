namespace Confab.Meetings.Rooms;

/// <summary>Why a request was refused. A refused request changes nothing.</summary>
public enum RoomError
{
    /// <summary>The actor's role (or the settings) do not allow it, or the target ranks too high.</summary>
    NotAllowed,
    /// <summary>The actor or the target is not in the meeting (or not in the waiting room, for admit and deny).</summary>
    NotFound,
    /// <summary>The actor is in the waiting room; only leaving is possible there.</summary>
    NotAdmitted,
    /// <summary>The meeting waits for its host; only joining and leaving are possible.</summary>
    NotStarted,
    Locked,
    RoomFull,
    Removed,
    AlreadySharing,
    AlreadyPresent,
    Ended,
    InvalidName,
    InvalidReaction,
    GuestCannotHost,
}

namespace Confab.Meetings.Rooms;

/// <summary>Who asks to join: the server has already checked the passcode and resolved the account.</summary>
/// <param name="UserId">The signed-in account, or null for a guest.</param>
public sealed record JoinRequest(
    string ParticipantId,
    string? UserId,
    string DisplayName,
    string Device,
    bool Muted = false,
    bool VideoOn = true,
    string? GuestKey = null);

/// <summary>One admitted person.</summary>
/// <param name="BaseRole">The role the account gives at join; a demoted host or co-host returns to it.</param>
/// <param name="JoinOrder">Admission order, which breaks ties between equal join times.</param>
/// <param name="UnmuteInvited">A host or co-host asked this person to unmute, which lets them unmute once.</param>
public sealed record RoomParticipant(
    string ParticipantId,
    string? UserId,
    string DisplayName,
    RoomRole Role,
    RoomRole BaseRole,
    bool Muted,
    bool VideoOn,
    bool HandRaised,
    bool Sharing,
    DateTimeOffset JoinedAt,
    long JoinOrder,
    string Device,
    bool UnmuteInvited,
    string? GuestKey = null)
{
    public bool IsGuest => UserId is null;
}

/// <summary>One person in the waiting room, in arrival order.</summary>
public sealed record WaitingParticipant(JoinRequest Request, RoomRole BaseRole, DateTimeOffset Since)
{
    public string ParticipantId => Request.ParticipantId;
}

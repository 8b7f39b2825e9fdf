namespace Confab.Meetings.LiveState;

/// <summary>One field of the <c>meeting:{id}:participants</c> hash, stored as JSON.</summary>
public sealed record LiveParticipant(
    string ParticipantId,
    string? UserId,
    string Name,
    string Role,
    bool Muted,
    bool VideoOn,
    DateTimeOffset JoinedAt);

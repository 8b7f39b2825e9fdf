namespace Confab.Meetings.LiveState;

/// <summary>One entry of the <c>meeting:{id}:waiting_room</c> list.</summary>
public sealed record WaitingEntry(string ParticipantId, string? UserId, string Name, DateTimeOffset Since);

namespace Confab.Meetings.LiveState;

/// <summary>The <c>presence:{user}</c> hash.</summary>
public sealed record Presence(string Status, string? MeetingId, string Device, DateTimeOffset LastActive);

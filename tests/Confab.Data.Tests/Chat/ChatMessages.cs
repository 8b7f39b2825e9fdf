using Confab.Meetings.Chat;

namespace Confab.Data.Tests.Chat;

/// <summary>Chat messages for the tests: time-ordered ids, times in whole milliseconds as the server makes them.</summary>
public static class ChatMessages
{
    private static readonly MonotonicUuidV7 Ids = new(TimeProvider.System);

    public static ChatMessage Text(string meetingId, string from, string text, string? to = null, string? clientId = null,
        string? fromUserId = null, string? breakoutRoomId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        return new ChatMessage(meetingId, Ids.Next(), from, fromUserId, $"{from} name", to, false, ChatMessageType.Text, text, null,
            clientId ?? NewClientId(), at, breakoutRoomId);
    }

    public static string NewClientId() => "c" + Guid.NewGuid().ToString("N")[..16];
}

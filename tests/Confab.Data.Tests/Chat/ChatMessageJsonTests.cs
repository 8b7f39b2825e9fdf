using Confab.Data.Chat;
using Confab.Meetings.Chat;

namespace Confab.Data.Tests.Chat;

public sealed class ChatMessageJsonTests
{
    [Fact]
    public void AMessage_ReadsBackEqual_WithEveryField()
    {
        var reaction = new ChatMessage("12345678901", Guid.NewGuid(), "alice", Guid.NewGuid().ToString(), "Alice", "bob", true,
            ChatMessageType.Reaction, "👍", Guid.NewGuid(), "client-1", new DateTimeOffset(2026, 12, 3, 6, 0, 0, 123, TimeSpan.Zero), "room-1");
        var text = ChatMessages.Text("12345678901", "guest", "line 1\n\"quoted\" <b>");

        Assert.Equal(reaction, ChatMessageJson.TryRead(ChatMessageJson.Write(reaction)));
        Assert.Equal(text, ChatMessageJson.TryRead(ChatMessageJson.Write(text)));
    }

    [Fact]
    public void AMessage_IsWrittenInSnakeCase_WithItsTypeByName_InUtc()
    {
        var message = ChatMessages.Text("12345678901", "alice", "hi") with
        {
            Type = ChatMessageType.File,
            At = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(2)),
        };

        string json = ChatMessageJson.Write(message);

        Assert.Contains("\"meeting_id\":\"12345678901\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"file\"", json, StringComparison.Ordinal);
        Assert.Contains("\"at\":\"2026-12-03T06:00:00+00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reacts_to\":null", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"meeting_id\": 42")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    public void SomethingElse_ReadsAsNull(string? value) => Assert.Null(ChatMessageJson.TryRead(value));

    [Fact]
    public void AMessageWithAFieldMissing_NullWhereItMayNotBe_OrAnUnknownType_ReadsAsNull()
    {
        string json = ChatMessageJson.Write(ChatMessages.Text("12345678901", "alice", "hi"));

        Assert.Null(ChatMessageJson.TryRead(json.Replace("\"from\":\"alice\",", "", StringComparison.Ordinal)));
        Assert.Null(ChatMessageJson.TryRead(json.Replace("\"from\":\"alice\"", "\"from\":null", StringComparison.Ordinal)));
        Assert.Null(ChatMessageJson.TryRead(json.Replace("\"type\":\"text\"", "\"type\":\"poll\"", StringComparison.Ordinal)));
        Assert.Null(ChatMessageJson.TryRead(json.Replace("\"to_hosts\":false", "\"to_hosts\":\"no\"", StringComparison.Ordinal)));
    }
}

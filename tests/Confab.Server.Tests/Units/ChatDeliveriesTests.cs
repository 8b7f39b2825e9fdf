using System.Text.Json;
using Confab.Meetings.Chat;
using Confab.Server.Signaling;

namespace Confab.Server.Tests.Units;

/// <summary>
/// A pipeline turn's stored messages reach each recipient as one <c>chat</c> or as <c>chats</c> of those it may see, in id
/// order; recipients who see the same messages share one serialized text.
/// </summary>
public sealed class ChatDeliveriesTests
{
    private static ChatMessage Message(string from, string text, string? to = null, bool toHosts = false) =>
        new("m1", Guid.CreateVersion7(), from, null, from, to, toHosts, ChatMessageType.Text, text, null, Guid.NewGuid().ToString("N"),
            DateTimeOffset.UnixEpoch);

    private static List<(string Type, List<string> Texts)> Read(IReadOnlyList<string> frames) =>
        [.. frames.Select(f =>
        {
            using var document = JsonDocument.Parse(f);
            var root = document.RootElement;
            string type = root.GetProperty("type").GetString()!;
            var texts = type == "chat"
                ? [root.GetProperty("message").GetProperty("text").GetString()!]
                : root.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
            return (type, texts);
        })];

    [Fact]
    public void Each_recipient_gets_the_messages_it_may_see_in_order_in_one_socket_message()
    {
        var turn = new List<ChatMessage>
        {
            Message("host", "p1"),
            Message("host", "to ann", to: "ann"),
            Message("bob", "p2"),
            Message("bob", "to the hosts", toHosts: true),
            Message("host", "p3"),
        };
        var deliveries = new ChatDeliveries(turn);

        var ann = Read(deliveries.For(new ChatReader("ann", false)));
        Assert.Equal([("chats", ["p1", "to ann", "p2", "p3"])], ann.Select(f => (f.Type, f.Texts)));
        var carl = Read(deliveries.For(new ChatReader("carl", false)));
        Assert.Equal([("chats", ["p1", "p2", "p3"])], carl.Select(f => (f.Type, f.Texts)));
        var bob = Read(deliveries.For(new ChatReader("bob", false)));
        Assert.Equal([("chats", ["p1", "p2", "to the hosts", "p3"])], bob.Select(f => (f.Type, f.Texts)));
        var host = Read(deliveries.For(new ChatReader("host", true)));
        Assert.Equal([("chats", ["p1", "to ann", "p2", "to the hosts", "p3"])], host.Select(f => (f.Type, f.Texts)));

        // Who sees the same shares the same text.
        Assert.Same(deliveries.For(new ChatReader("carl", false))[0], deliveries.For(new ChatReader("dora", false))[0]);
    }

    [Fact]
    public void One_message_is_a_chat_none_is_nothing_and_a_long_turn_is_cut_into_chats_of_at_most_the_limit()
    {
        var single = new ChatDeliveries([Message("host", "only", to: "ann")]);
        Assert.Equal([("chat", ["only"])], Read(single.For(new ChatReader("ann", false))).Select(f => (f.Type, f.Texts)));
        Assert.Empty(single.For(new ChatReader("bob", false)));

        var texts = Enumerable.Range(0, ChatDeliveries.MaxMessagesPerFrame * 2 + 1).Select(i => $"m{i}").ToList();
        var frames = Read(new ChatDeliveries([.. texts.Select(t => Message("host", t))]).For(new ChatReader("ann", false)));
        Assert.Equal(["chats", "chats", "chat"], frames.Select(f => f.Type));
        Assert.Equal(texts, frames.SelectMany(f => f.Texts));
    }
}

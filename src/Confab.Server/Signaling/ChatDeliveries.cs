using System.Text.Json;
using Confab.Meetings.Chat;

namespace Confab.Server.Signaling;

/// <summary>
/// The socket messages that deliver one pipeline turn's stored chat messages (in id order) to a recipient: those it may see,
/// as one <c>chat</c> when it is one message, else as <c>chats</c> of up to <see cref="MaxMessagesPerFrame"/> each
/// (docs/signaling.md, Chat). Recipients who see the same messages share the same serialized text: in a public chat that is
/// everyone, so a busy meeting serializes each turn once instead of once per message and recipient, and each recipient's
/// socket sends one message per turn instead of one per chat message.
/// </summary>
internal sealed class ChatDeliveries(IReadOnlyList<ChatMessage> messages)
{
    /// <summary>Chat messages in one <c>chats</c>; a longer turn takes several, in order.</summary>
    public const int MaxMessagesPerFrame = 64;

    private readonly Dictionary<string, IReadOnlyList<string>> _bySelection = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _all;

    /// <summary>The socket messages for <paramref name="reader"/>, in order; none when it sees none of the turn.</summary>
    public IReadOnlyList<string> For(ChatReader reader)
    {
        List<int>? seen = null;
        for (int i = 0; i < messages.Count; i++)
        {
            bool sees = reader.Sees(messages[i]);
            if (seen is null)
            {
                if (!sees)
                {
                    seen = [.. Enumerable.Range(0, i)]; // the first one it does not see: all before it, it does
                }
                continue;
            }
            if (sees)
            {
                seen.Add(i);
            }
        }
        if (seen is null)
        {
            return _all ??= Frames(messages);
        }
        if (seen.Count == 0)
        {
            return [];
        }
        string key = string.Join(',', seen);
        if (!_bySelection.TryGetValue(key, out var frames))
        {
            frames = Frames([.. seen.Select(i => messages[i])]);
            _bySelection[key] = frames;
        }
        return frames;
    }

    private static IReadOnlyList<string> Frames(IReadOnlyList<ChatMessage> selected)
    {
        var frames = new List<string>((selected.Count + MaxMessagesPerFrame - 1) / MaxMessagesPerFrame);
        for (int start = 0; start < selected.Count; start += MaxMessagesPerFrame)
        {
            int count = Math.Min(MaxMessagesPerFrame, selected.Count - start);
            frames.Add(count == 1
                ? JsonSerializer.Serialize(ChatWire.Delivery(selected[start]))
                : JsonSerializer.Serialize(ChatWire.Deliveries(selected.Skip(start).Take(count))));
        }
        return frames;
    }
}

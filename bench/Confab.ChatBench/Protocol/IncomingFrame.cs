using System.Buffers.Text;
using System.Text.Json;

namespace Confab.ChatBench.Protocol;

internal enum FrameKind
{
    Other,
    /// <summary>A <c>chat</c> delivery of a benchmark message (or one of a <c>chats</c>).</summary>
    Chat,
    /// <summary>A <c>chat-ack</c> of a benchmark message.</summary>
    Ack,
    /// <summary>An <c>error</c>; <see cref="IncomingFrame.Sequence"/> when it names a benchmark <c>clientId</c>.</summary>
    Error,
}

/// <summary>
/// What a receiving socket needs of one server message (docs/signaling.md): its kind, the benchmark sequence number, the
/// server's message id (of a delivery or an acknowledgement), and for a delivery the timestamp the message was scheduled for.
/// Read with <see cref="Utf8JsonReader"/>, without allocating but for an error's code; everything that is not chat is skipped
/// after its <c>type</c>. A <c>chats</c> (several deliveries in one socket message) gives one <see cref="FrameKind.Chat"/> per
/// benchmark message in it.
/// </summary>
internal readonly record struct IncomingFrame(FrameKind Kind, long Sequence, long ScheduledAt, Guid MessageId, string? ErrorCode)
{
    /// <summary>The one benchmark item of a message that is not a <c>chats</c>; <see cref="FrameKind.Other"/> for the rest.</summary>
    public static IncomingFrame Parse(ReadOnlySpan<byte> utf8)
    {
        var frames = new List<IncomingFrame>(1);
        ParseInto(utf8, frames);
        return frames.Count == 1 ? frames[0] : default;
    }

    /// <summary>Adds the benchmark items of one server message to <paramref name="frames"/>, in order.</summary>
    public static void ParseInto(ReadOnlySpan<byte> utf8, List<IncomingFrame> frames)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }
        var kind = FrameKind.Other;
        bool batch = false;
        long sequence = -1;
        long scheduledAt = 0;
        Guid messageId = Guid.Empty;
        string? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                batch = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("chats"u8);
                kind = batch ? FrameKind.Chat : KindOf(ref reader);
                if (kind == FrameKind.Other)
                {
                    return;
                }
            }
            else if (reader.ValueTextEquals("clientId"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && kind != FrameKind.Chat)
                {
                    sequence = BenchMessage.SequenceOfClientId(Unescaped(ref reader));
                }
            }
            else if (reader.ValueTextEquals("messageId"u8))
            {
                reader.Read();
                messageId = IdOf(ref reader);
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("message"u8) && !batch)
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadMessage(ref reader, ref sequence, ref scheduledAt, ref messageId);
                }
            }
            else if (reader.ValueTextEquals("messages"u8) && batch)
            {
                reader.Read();
                ReadMessages(ref reader, frames);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (batch || (kind is FrameKind.Chat or FrameKind.Ack && sequence < 0))
        {
            return; // a batch's items are in; chat that is not the benchmark's
        }
        frames.Add(new IncomingFrame(kind, sequence, scheduledAt, messageId, code));
    }

    private static void ReadMessages(ref Utf8JsonReader reader, List<IncomingFrame> frames)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            long sequence = -1;
            long scheduledAt = 0;
            Guid messageId = Guid.Empty;
            ReadMessage(ref reader, ref sequence, ref scheduledAt, ref messageId);
            if (sequence >= 0)
            {
                frames.Add(new IncomingFrame(FrameKind.Chat, sequence, scheduledAt, messageId, null));
            }
        }
    }

    private static FrameKind KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return FrameKind.Other;
        }
        if (reader.ValueTextEquals("chat"u8))
        {
            return FrameKind.Chat;
        }
        if (reader.ValueTextEquals("chat-ack"u8))
        {
            return FrameKind.Ack;
        }
        return reader.ValueTextEquals("error"u8) ? FrameKind.Error : FrameKind.Other;
    }

    // The delivered message object: only its id and text matter.
    private static void ReadMessage(ref Utf8JsonReader reader, ref long sequence, ref long scheduledAt, ref Guid messageId)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isText = reader.ValueTextEquals("text"u8);
            bool isId = !isText && reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isText && reader.TokenType == JsonTokenType.String)
            {
                if (!BenchMessage.TryReadText(Unescaped(ref reader), out sequence, out scheduledAt))
                {
                    sequence = -1;
                }
            }
            else if (isId)
            {
                messageId = IdOf(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static Guid IdOf(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(Unescaped(ref reader), out Guid id, out _) ? id : Guid.Empty;

    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
}

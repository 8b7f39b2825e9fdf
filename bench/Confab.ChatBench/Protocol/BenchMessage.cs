using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Confab.ChatBench.Protocol;

/// <summary>
/// The benchmark's <c>chat-send</c>: its <c>clientId</c> is <c>bench-</c> and the message's sequence number, and its text starts
/// with the sequence number and the Stopwatch timestamp it was scheduled for (same process, so receivers can subtract).
/// </summary>
internal static class BenchMessage
{
    private const string ClientIdPrefix = "bench-";
    private static ReadOnlySpan<byte> ClientIdPrefixUtf8 => "bench-"u8;
    private const string TextTail = " chat benchmark message";

    /// <summary>Writes the whole <c>chat-send</c> request into <paramref name="output"/> (cleared first).</summary>
    public static void WriteSend(ArrayBufferWriter<byte> output, long sequence, long scheduledAt)
    {
        output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(output);
        Span<char> clientId = stackalloc char[32];
        Span<char> text = stackalloc char[80];
        writer.WriteStartObject();
        writer.WriteString("type"u8, "chat-send"u8);
        writer.WriteString("clientId"u8, clientId[..FormatClientId(clientId, sequence)]);
        writer.WriteString("text"u8, text[..FormatText(text, sequence, scheduledAt)]);
        writer.WriteEndObject();
    }

    public static string ClientId(long sequence)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..FormatClientId(buffer, sequence)]);
    }

    public static string Text(long sequence, long scheduledAt)
    {
        Span<char> buffer = stackalloc char[80];
        return new string(buffer[..FormatText(buffer, sequence, scheduledAt)]);
    }

    /// <summary>The sequence number of a <c>clientId</c> this benchmark made; -1 for any other.</summary>
    public static long SequenceOfClientId(ReadOnlySpan<byte> clientId)
    {
        if (!clientId.StartsWith(ClientIdPrefixUtf8))
        {
            return -1;
        }
        var digits = clientId[ClientIdPrefixUtf8.Length..];
        return Utf8Parser.TryParse(digits, out long sequence, out int used) && used == digits.Length && sequence >= 0 ? sequence : -1;
    }

    /// <summary>The sequence number and scheduled timestamp a benchmark text starts with; false for any other text.</summary>
    public static bool TryReadText(ReadOnlySpan<byte> text, out long sequence, out long scheduledAt)
    {
        scheduledAt = 0;
        if (!Utf8Parser.TryParse(text, out sequence, out int used) || sequence < 0 || used >= text.Length || text[used] != (byte)' ')
        {
            sequence = -1;
            return false;
        }
        var rest = text[(used + 1)..];
        if (!Utf8Parser.TryParse(rest, out scheduledAt, out used) || (used < rest.Length && rest[used] != (byte)' '))
        {
            sequence = -1;
            return false;
        }
        return true;
    }

    private static int FormatClientId(Span<char> destination, long sequence)
    {
        ClientIdPrefix.CopyTo(destination);
        sequence.TryFormat(destination[ClientIdPrefix.Length..], out int digits, "D10", System.Globalization.CultureInfo.InvariantCulture);
        return ClientIdPrefix.Length + digits;
    }

    private static int FormatText(Span<char> destination, long sequence, long scheduledAt)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        sequence.TryFormat(destination, out int length, default, culture);
        destination[length++] = ' ';
        scheduledAt.TryFormat(destination[length..], out int stamp, default, culture);
        length += stamp;
        TextTail.CopyTo(destination[length..]);
        return length + TextTail.Length;
    }
}

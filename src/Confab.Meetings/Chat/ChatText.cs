namespace Confab.Meetings.Chat;

/// <summary>The checks on what a client sends (docs/signaling.md, Chat). Never throws on bad input.</summary>
public static class ChatText
{
    public const int MaxTextLength = 4000;
    public const int MinClientIdLength = 8;
    public const int MaxClientIdLength = 64;
    public const int MaxEmojiLength = 16;

    /// <summary>Text is 1–4000 characters after trimming, with no control character but line feed and tab.</summary>
    public static bool TryNormalise(string? text, out string normalised, out string problem)
    {
        normalised = "";
        problem = "";
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "a message has text";
            return false;
        }
        if (trimmed.Length > MaxTextLength)
        {
            problem = $"a message is at most {MaxTextLength} characters";
            return false;
        }
        foreach (var c in trimmed)
        {
            if (char.IsControl(c) && c is not ('\n' or '\t'))
            {
                problem = "a message has no control characters (line feed and tab excepted)";
                return false;
            }
        }
        normalised = trimmed;
        return true;
    }

    /// <summary>A client id: 8–64 characters of [A-Za-z0-9_-].</summary>
    public static bool IsValidClientId(string? clientId) =>
        clientId is { Length: >= MinClientIdLength and <= MaxClientIdLength } && clientId.All(IsClientIdChar);

    /// <summary>An emoji: 1–16 characters, no whitespace and no control character.</summary>
    public static bool IsValidEmoji(string? emoji) =>
        emoji is { Length: >= 1 and <= MaxEmojiLength } && !emoji.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static bool IsClientIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}

using System.Globalization;
using System.Text;

namespace Confab.Meetings.Chat;

/// <summary>
/// The name a chat file is shown and saved under. Only the last path segment is kept (a client may send "C:\dir\a.png" or
/// "../a.png"); control and formatting characters (e.g. right-to-left overrides) go; leading dots and surrounding spaces go; at
/// most <see cref="MaxLength"/> characters, keeping the extension. The name is never a path on the server.
/// </summary>
public static class ChatFileNames
{
    public const int MaxLength = 200;
    public const string Fallback = "file";

    public static string Sanitise(string? name)
    {
        var text = name ?? "";
        int cut = text.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            text = text[(cut + 1)..];
        }
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }
            builder.Append(rune.ToString());
        }
        var clean = builder.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length == 0)
        {
            return Fallback;
        }
        return clean.Length <= MaxLength ? clean : Shorten(clean);
    }

    // Keeps a short extension; never splits a surrogate pair.
    private static string Shorten(string name)
    {
        int dot = name.LastIndexOf('.');
        string extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        int keep = MaxLength - extension.Length;
        if (char.IsHighSurrogate(name[keep - 1]))
        {
            keep--;
        }
        return name[..keep].TrimEnd() + extension;
    }
}

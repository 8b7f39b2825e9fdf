namespace Confab.Meetings.Chat;

/// <summary>
/// The file types the chat accepts, checked on the declared media type and, where the type has one, on the signature of the
/// file's first bytes (the "magic numbers" of each format's specification: PNG §5.2, JPEG/JFIF SOI, GIF87a/89a, RIFF WEBP,
/// PDF "%PDF-" (ISO 32000-1 §7.5.2), ZIP local file header "PK\x03\x04" (APPNOTE 4.3.7) for zip and the Office Open XML
/// formats). Plain text and CSV have no signature: their first bytes must not look like markup or an executable, so a page
/// or a program cannot pass as text. Everything else — notably text/html, image/svg+xml and executables — is refused.
/// </summary>
public static class ChatFileTypes
{
    /// <summary>How many first bytes <see cref="MatchesContent"/> looks at.</summary>
    public const int SniffLength = 512;

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif87 = "GIF87a"u8.ToArray();
    private static readonly byte[] Gif89 = "GIF89a"u8.ToArray();
    private static readonly byte[] Riff = "RIFF"u8.ToArray();
    private static readonly byte[] Webp = "WEBP"u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipEntry = [(byte)'P', (byte)'K', 0x03, 0x04];
    private static readonly byte[] ZipEmpty = [(byte)'P', (byte)'K', 0x05, 0x06];

    private static readonly HashSet<string> ZipBased = new(StringComparer.Ordinal)
    {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>The accepted media types.</summary>
    public static IReadOnlyCollection<string> Allowed { get; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", .. ZipBased, "text/plain", "text/csv"];

    /// <summary>
    /// The accepted media type that <paramref name="declared"/> (a Content-Type value, parameters allowed) names, in lower case
    /// without parameters; false for anything not accepted or not well formed.
    /// </summary>
    public static bool TryNormalise(string? declared, out string mediaType)
    {
        mediaType = "";
        if (string.IsNullOrWhiteSpace(declared))
        {
            return false;
        }
        int semicolon = declared.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? declared[..semicolon] : declared).Trim().ToLowerInvariant();
        if (type == "image/jpg")
        {
            type = "image/jpeg";
        }
        if (!Allowed.Contains(type))
        {
            return false;
        }
        mediaType = type;
        return true;
    }

    /// <summary>Whether the first bytes of a file (up to <see cref="SniffLength"/>) fit the accepted <paramref name="mediaType"/>.</summary>
    public static bool MatchesContent(string mediaType, ReadOnlySpan<byte> head) => mediaType switch
    {
        "image/png" => head.StartsWith(Png),
        "image/jpeg" => head.StartsWith(Jpeg),
        "image/gif" => head.StartsWith(Gif87) || head.StartsWith(Gif89),
        "image/webp" => head.Length >= 12 && head.StartsWith(Riff) && head[8..12].SequenceEqual(Webp),
        "application/pdf" => head.StartsWith(Pdf),
        "text/plain" or "text/csv" => LooksLikeText(head),
        _ when ZipBased.Contains(mediaType) => head.StartsWith(ZipEntry) || head.StartsWith(ZipEmpty),
        _ => false,
    };

    // No NUL byte, no executable header, and no markup a browser would render (HTML, SVG, XML) at the start.
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Contains((byte)0) || StartsWithExecutable(head))
        {
            return false;
        }
        var start = SkipBomAndWhitespace(head);
        return start.Length == 0 || start[0] != (byte)'<';
    }

    private static readonly byte[][] Executables =
    [
        "MZ"u8.ToArray(),                  // PE / DOS
        [0x7F, (byte)'E', (byte)'L', (byte)'F'], // ELF
        [0xCF, 0xFA, 0xED, 0xFE],          // Mach-O 64-bit
        [0xCE, 0xFA, 0xED, 0xFE],          // Mach-O 32-bit
        [0xCA, 0xFE, 0xBA, 0xBE],          // Mach-O universal, Java class
        "#!"u8.ToArray(),                  // script
    ];

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static bool StartsWithExecutable(ReadOnlySpan<byte> head)
    {
        foreach (var signature in Executables)
        {
            if (head.StartsWith(signature))
            {
                return true;
            }
        }
        return false;
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Utf8Bom))
        {
            head = head[3..];
        }
        int i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C)
        {
            i++;
        }
        return head[i..];
    }
}

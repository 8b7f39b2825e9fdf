namespace Confab.Rtc.Sdp;

/// <summary>RFC 5888 §5: a=group:&lt;semantics&gt; *(SP &lt;identification-tag&gt;), e.g. "BUNDLE 0 1".</summary>
public sealed class SdpGroup
{
    public const string Bundle = "BUNDLE";

    public SdpGroup(string semantics, IEnumerable<string> mids)
    {
        Semantics = semantics;
        Mids = [.. mids];
    }

    public string Semantics { get; set; }

    public List<string> Mids { get; }

    public static bool TryParse(string? value, out SdpGroup? group, out string? error)
    {
        group = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length == 0 || !SdpTokens.IsToken(parts[0]))
        {
            error = "group needs a semantics token";
            return false;
        }
        for (int i = 1; i < parts.Length; i++)
        {
            if (!SdpTokens.IsToken(parts[i]))
            {
                error = $"group has an invalid mid '{parts[i]}'";
                return false;
            }
        }
        group = new SdpGroup(parts[0], parts.Skip(1));
        error = null;
        return true;
    }

    public override string ToString() => Mids.Count == 0 ? Semantics : $"{Semantics} {string.Join(' ', Mids)}";
}

/// <summary>
/// draft-ietf-mmusic-msid / Chromium: a=msid-semantic: WMS [stream ids or "*"].
/// </summary>
public sealed class SdpMsidSemantic
{
    public SdpMsidSemantic(string semantic, IEnumerable<string> streamIds)
    {
        Semantic = semantic;
        StreamIds = [.. streamIds];
    }

    public string Semantic { get; set; }

    public List<string> StreamIds { get; }

    public static bool TryParse(string? value, out SdpMsidSemantic? semantic, out string? error)
    {
        semantic = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length == 0 || !SdpTokens.IsToken(parts[0]))
        {
            error = "msid-semantic needs a semantic token";
            return false;
        }
        semantic = new SdpMsidSemantic(parts[0], parts.Skip(1));
        error = null;
        return true;
    }

    /// <summary>Written as Chromium writes it: a space after the colon.</summary>
    public override string ToString() =>
        StreamIds.Count == 0 ? $" {Semantic}" : $" {Semantic} {string.Join(' ', StreamIds)}";
}

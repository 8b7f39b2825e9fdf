namespace Confab.Rtc.Sdp;

/// <summary>RFC 8830 §2: a=msid:&lt;stream id&gt; [&lt;track id&gt;] ("-" as stream id: no stream).</summary>
public sealed record Msid(string StreamId, string? TrackId)
{
    public static bool TryParse(string? value, out Msid? msid, out string? error)
    {
        msid = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length is < 1 or > 2 || !parts.All(p => SdpTokens.IsVisibleAscii(p)))
        {
            error = "msid must be '<stream id> [<track id>]'";
            return false;
        }
        msid = new Msid(parts[0], parts.Length == 2 ? parts[1] : null);
        error = null;
        return true;
    }

    public override string ToString() => TrackId is null ? StreamId : $"{StreamId} {TrackId}";
}

/// <summary>RFC 5576 §4.1: a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;], e.g. "1001 cname:abc".</summary>
public sealed record SsrcAttribute(uint Ssrc, string Name, string? Value)
{
    public static bool TryParse(string? value, out SsrcAttribute? attribute, out string? error)
    {
        attribute = null;
        string[] parts = value is null ? [] : value.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !SdpTokens.TryParseUInt32(parts[0], out uint ssrc))
        {
            error = "ssrc must be '<32-bit ssrc> <attribute>[:<value>]'";
            return false;
        }
        (string name, string? attributeValue) = SdpTokens.SplitAttribute(parts[1]);
        if (!SdpTokens.IsToken(name))
        {
            error = $"ssrc attribute name '{name}' is invalid";
            return false;
        }
        attribute = new SsrcAttribute(ssrc, name, attributeValue);
        error = null;
        return true;
    }

    public override string ToString() =>
        Value is null ? $"{SdpTokens.Invariant(Ssrc)} {Name}" : $"{SdpTokens.Invariant(Ssrc)} {Name}:{Value}";
}

/// <summary>RFC 5576 §4.2: a=ssrc-group:&lt;semantics&gt; *(SP &lt;ssrc-id&gt;), e.g. "FID 1001 1002" or "SIM 1 2 3".</summary>
public sealed class SsrcGroup
{
    public const string FlowIdentification = "FID";
    public const string Simulcast = "SIM";

    public SsrcGroup(string semantics, IEnumerable<uint> ssrcs)
    {
        Semantics = semantics;
        Ssrcs = [.. ssrcs];
    }

    public string Semantics { get; set; }

    public List<uint> Ssrcs { get; }

    public static bool TryParse(string? value, out SsrcGroup? group, out string? error)
    {
        group = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length < 1 || !SdpTokens.IsToken(parts[0]))
        {
            error = "ssrc-group must be '<semantics> <ssrc> ...'";
            return false;
        }
        var ssrcs = new List<uint>(parts.Length - 1);
        for (int i = 1; i < parts.Length; i++)
        {
            if (!SdpTokens.TryParseUInt32(parts[i], out uint ssrc))
            {
                error = $"ssrc-group member '{parts[i]}' is not a 32-bit number";
                return false;
            }
            ssrcs.Add(ssrc);
        }
        group = new SsrcGroup(parts[0], ssrcs);
        error = null;
        return true;
    }

    public override string ToString() =>
        Ssrcs.Count == 0 ? Semantics : $"{Semantics} {string.Join(' ', Ssrcs.Select(s => SdpTokens.Invariant(s)))}";
}

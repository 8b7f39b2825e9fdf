namespace Confab.Rtc.Sdp;

/// <summary>
/// RFC 8285 §7: a=extmap:&lt;id&gt;["/"&lt;direction&gt;] &lt;URI&gt; [&lt;extension attributes&gt;]
/// Ids 1..14 fit the one-byte header form; 1..255 the two-byte form (needs a=extmap-allow-mixed
/// or a two-byte-only stream).
/// </summary>
public sealed class ExtMap
{
    public const int MinId = 1;
    public const int MaxOneByteId = 14;
    public const int MaxTwoByteId = 255;

    public ExtMap(int id, string uri, MediaDirection? direction = null, string? attributes = null)
    {
        Id = id;
        Uri = uri;
        Direction = direction;
        Attributes = attributes;
    }

    public int Id { get; set; }

    public string Uri { get; set; }

    public MediaDirection? Direction { get; set; }

    /// <summary>Extension attributes after the URI, as written (e.g. "associated-with-rid").</summary>
    public string? Attributes { get; set; }

    public bool FitsOneByteHeader => Id is >= MinId and <= MaxOneByteId;

    public static bool TryParse(string? value, out ExtMap? extMap, out string? error)
    {
        extMap = null;
        string[] parts = value is null ? [] : value.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            error = "extmap must be '<id>[/<direction>] <uri>'";
            return false;
        }
        string idText = parts[0];
        MediaDirection? direction = null;
        int slash = idText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!SdpEnums.TryParseDirection(idText[(slash + 1)..], out MediaDirection parsedDirection))
            {
                error = "extmap direction must be sendrecv, sendonly, recvonly or inactive";
                return false;
            }
            direction = parsedDirection;
            idText = idText[..slash];
        }
        if (!SdpTokens.TryParseInRange(idText, MinId, MaxTwoByteId, out int id))
        {
            error = $"extmap id '{idText}' must be {MinId}..{MaxTwoByteId}";
            return false;
        }
        if (!SdpTokens.IsVisibleAscii(parts[1]))
        {
            error = "extmap URI is invalid";
            return false;
        }
        extMap = new ExtMap(id, parts[1], direction, parts.Length > 2 ? parts[2] : null);
        error = null;
        return true;
    }

    public ExtMap Clone() => new(Id, Uri, Direction, Attributes);

    public override string ToString()
    {
        string id = Direction is MediaDirection d ? $"{SdpTokens.Invariant(Id)}/{d.ToSdp()}" : SdpTokens.Invariant(Id);
        return Attributes is null ? $"{id} {Uri}" : $"{id} {Uri} {Attributes}";
    }
}

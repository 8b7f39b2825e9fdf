using System.Text;

namespace Confab.Rtc.Sdp;

/// <summary>RFC 8851 §10: the direction of a rid ("send" or "recv").</summary>
public enum RidDirection
{
    Send,
    Recv,
}

/// <summary>
/// RFC 8851 §10: a=rid:&lt;rid-id&gt; SP &lt;send|recv&gt; [SP pt=&lt;fmt&gt;,... ;&lt;restriction&gt;...],
/// e.g. "q send", "h send pt=96,98;max-width=640;max-height=360".
/// </summary>
public sealed class Rid
{
    /// <summary>Longest rid accepted (an RtpStreamId header value is at most 16 bytes in practice).</summary>
    public const int MaxIdLength = 64;

    private const string PayloadTypesKey = "pt";

    public Rid(string id, RidDirection direction)
    {
        Id = id;
        Direction = direction;
    }

    public string Id { get; set; }

    public RidDirection Direction { get; set; }

    /// <summary>The "pt=" list: the payload types this stream may use (empty: any).</summary>
    public List<int> PayloadTypes { get; } = [];

    /// <summary>Other restrictions in order (max-width, max-height, max-fps, max-br, ...); flags have an empty value.</summary>
    public OrderedDictionary<string, string> Restrictions { get; } = new(StringComparer.Ordinal);

    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxIdLength)
        {
            return false;
        }
        foreach (char c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }

    public static bool TryParse(string? value, out Rid? rid, out string? error)
    {
        rid = null;
        string[] parts = value is null ? [] : value.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !IsValidId(parts[0]))
        {
            error = "rid must be '<id> send|recv [restrictions]' with an id of letters, digits, '-' or '_'";
            return false;
        }
        RidDirection direction;
        switch (parts[1])
        {
            case "send": direction = RidDirection.Send; break;
            case "recv": direction = RidDirection.Recv; break;
            default:
                error = $"rid direction '{parts[1]}' must be send or recv";
                return false;
        }
        var parsed = new Rid(parts[0], direction);
        if (parts.Length == 3 && !TryReadRestrictions(parts[2], parsed, out error))
        {
            return false;
        }
        rid = parsed;
        error = null;
        return true;
    }

    private static bool TryReadRestrictions(string text, Rid rid, out string? error)
    {
        string[] items = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < items.Length; i++)
        {
            string item = items[i];
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? item : item[..equals];
            string val = equals < 0 ? "" : item[(equals + 1)..];
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                || (val.Length > 0 && !SdpTokens.IsVisibleAscii(val)))
            {
                error = $"rid restriction '{item}' is invalid";
                return false;
            }
            if (key == PayloadTypesKey)
            {
                if (i != 0 || !TryReadPayloadTypes(val, rid.PayloadTypes))
                {
                    error = "rid pt= must come first and list payload types 0..127";
                    return false;
                }
                continue;
            }
            rid.Restrictions[key] = val;
        }
        error = null;
        return true;
    }

    private static bool TryReadPayloadTypes(string text, List<int> into)
    {
        foreach (string pt in text.Split(','))
        {
            if (!SdpTokens.TryParseInRange(pt, 0, Codec.MaxPayloadType, out int payloadType))
            {
                return false;
            }
            into.Add(payloadType);
        }
        return into.Count > 0;
    }

    public override string ToString()
    {
        var b = new StringBuilder(Id).Append(' ').Append(Direction == RidDirection.Send ? "send" : "recv");
        char separator = ' ';
        if (PayloadTypes.Count > 0)
        {
            b.Append(separator).Append("pt=").Append(string.Join(',', PayloadTypes.Select(p => SdpTokens.Invariant(p))));
            separator = ';';
        }
        foreach (KeyValuePair<string, string> pair in Restrictions)
        {
            b.Append(separator).Append(pair.Key);
            if (pair.Value.Length > 0)
            {
                b.Append('=').Append(pair.Value);
            }
            separator = ';';
        }
        return b.ToString();
    }
}

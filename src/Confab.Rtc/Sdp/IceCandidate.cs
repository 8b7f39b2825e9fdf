using System.Text;

namespace Confab.Rtc.Sdp;

/// <summary>
/// RFC 8839 §5.1 candidate-attribute:
/// <code>
/// candidate:&lt;foundation&gt; &lt;component-id&gt; &lt;transport&gt; &lt;priority&gt;
///           &lt;connection-address&gt; &lt;port&gt; typ &lt;cand-type&gt;
///           [raddr &lt;rel-addr&gt;] [rport &lt;rel-port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
/// </code>
/// e.g. "candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1".
/// Extensions (generation, ufrag, network-id, network-cost, tcptype, ...) are kept in order.
/// </summary>
public sealed class IceCandidate
{
    private const string AttributePrefix = "candidate:";
    private const int MaxFoundationLength = 32;
    private const int MaxComponentId = 256;
    private const int MaxPort = 65535;
    private const int MinimumFieldCount = 8;

    public string Foundation { get; set; } = "1";

    /// <summary>1 = RTP, 2 = RTCP.</summary>
    public int Component { get; set; } = 1;

    /// <summary>"udp" or "tcp" as written (case kept).</summary>
    public string Transport { get; set; } = "udp";

    public uint Priority { get; set; }

    /// <summary>IP address or FQDN (e.g. an mDNS ".local" name).</summary>
    public string Address { get; set; } = "";

    public int Port { get; set; }

    /// <summary>"host", "srflx", "prflx", "relay" or an extension token.</summary>
    public string Type { get; set; } = "host";

    public string? RelatedAddress { get; set; }

    public int? RelatedPort { get; set; }

    /// <summary>Extension attributes, in order ("generation" → "0", "network-id" → "1", ...).</summary>
    public List<KeyValuePair<string, string>> Extensions { get; } = [];

    /// <summary>The value of an extension attribute, or null.</summary>
    public string? GetExtension(string name)
    {
        foreach (KeyValuePair<string, string> pair in Extensions)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }
        return null;
    }

    /// <summary>
    /// Parses the attribute value, with or without the leading "candidate:" (a trickled
    /// RTCIceCandidate.candidate string carries it; the part after "a=candidate:" does not).
    /// </summary>
    public static bool TryParse(string? text, out IceCandidate? candidate, out string? error)
    {
        candidate = null;
        if (text is null)
        {
            error = "candidate is missing";
            return false;
        }
        if (text.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[AttributePrefix.Length..];
        }
        string[] f = SdpTokens.SplitOnSpaces(text);
        if (f.Length < MinimumFieldCount)
        {
            error = $"candidate needs at least {MinimumFieldCount} fields, got {f.Length}";
            return false;
        }
        if (f[0].Length > MaxFoundationLength || !SdpTokens.IsIceChars(f[0]) || f[0].Length == 0)
        {
            error = "candidate foundation must be 1 to 32 ice-chars";
            return false;
        }
        if (!SdpTokens.TryParseInRange(f[1], 1, MaxComponentId, out int component))
        {
            error = "candidate component id must be 1..256";
            return false;
        }
        if (!SdpTokens.IsToken(f[2]))
        {
            error = "candidate transport must be a token";
            return false;
        }
        if (!SdpTokens.TryParseUInt32(f[3], out uint priority))
        {
            error = "candidate priority must be a 32-bit unsigned number";
            return false;
        }
        if (!SdpTokens.IsVisibleAscii(f[4]))
        {
            error = "candidate address is invalid";
            return false;
        }
        if (!SdpTokens.TryParseInRange(f[5], 0, MaxPort, out int port))
        {
            error = "candidate port must be 0..65535";
            return false;
        }
        if (f[6] != "typ" || !SdpTokens.IsToken(f[7]))
        {
            error = "candidate needs 'typ <type>' after the port";
            return false;
        }
        var parsed = new IceCandidate
        {
            Foundation = f[0], Component = component, Transport = f[2], Priority = priority,
            Address = f[4], Port = port, Type = f[7],
        };
        if (!TryReadTail(f, MinimumFieldCount, parsed, out error))
        {
            return false;
        }
        candidate = parsed;
        return true;
    }

    private static bool TryReadTail(string[] f, int start, IceCandidate parsed, out string? error)
    {
        if ((f.Length - start) % 2 != 0)
        {
            error = "candidate extensions must be name/value pairs";
            return false;
        }
        for (int i = start; i < f.Length; i += 2)
        {
            string name = f[i];
            string value = f[i + 1];
            if (name == "raddr" && parsed.RelatedAddress is null && parsed.Extensions.Count == 0)
            {
                if (!SdpTokens.IsVisibleAscii(value))
                {
                    error = "candidate raddr is invalid";
                    return false;
                }
                parsed.RelatedAddress = value;
            }
            else if (name == "rport" && parsed.RelatedPort is null && parsed.Extensions.Count == 0)
            {
                if (!SdpTokens.TryParseInRange(value, 0, MaxPort, out int relatedPort))
                {
                    error = "candidate rport must be 0..65535";
                    return false;
                }
                parsed.RelatedPort = relatedPort;
            }
            else if (!SdpTokens.IsToken(name) || !SdpTokens.IsVisibleAscii(value))
            {
                error = $"candidate extension '{name}' is invalid";
                return false;
            }
            else
            {
                parsed.Extensions.Add(new KeyValuePair<string, string>(name, value));
            }
        }
        error = null;
        return true;
    }

    /// <summary>The attribute value without the "candidate:" prefix.</summary>
    public override string ToString()
    {
        var b = new StringBuilder(128);
        b.Append(Foundation).Append(' ').Append(SdpTokens.Invariant(Component)).Append(' ').Append(Transport)
            .Append(' ').Append(SdpTokens.Invariant(Priority)).Append(' ').Append(Address).Append(' ')
            .Append(SdpTokens.Invariant(Port)).Append(" typ ").Append(Type);
        if (RelatedAddress is not null)
        {
            b.Append(" raddr ").Append(RelatedAddress);
        }
        if (RelatedPort is int relatedPort)
        {
            b.Append(" rport ").Append(SdpTokens.Invariant(relatedPort));
        }
        foreach (KeyValuePair<string, string> pair in Extensions)
        {
            b.Append(' ').Append(pair.Key).Append(' ').Append(pair.Value);
        }
        return b.ToString();
    }

    /// <summary>The form a trickled RTCIceCandidate carries: "candidate:..." .</summary>
    public string ToCandidateString() => AttributePrefix + ToString();
}

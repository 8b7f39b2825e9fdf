namespace Confab.Rtc.Sdp;

/// <summary>
/// One payload type of an RTP m= section, gathered from its lines:
/// a=rtpmap:&lt;pt&gt; &lt;name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;] (RFC 8866 §6.6),
/// a=fmtp:&lt;pt&gt; &lt;params&gt; (§6.15) and a=rtcp-fb:&lt;pt&gt; &lt;type&gt; [&lt;subtype&gt;] (RFC 4585 §4.2).
/// </summary>
public sealed class Codec
{
    public const int MaxPayloadType = 127;

    public Codec(int payloadType, string name, int clockRate, int? channels = null)
    {
        PayloadType = payloadType;
        Name = name;
        ClockRate = clockRate;
        Channels = channels;
    }

    public int PayloadType { get; set; }

    /// <summary>Encoding name as written ("opus", "VP8", "H264", "rtx"); empty if no rtpmap was given.</summary>
    public string Name { get; set; }

    /// <summary>Clock rate in Hz; 0 if no rtpmap was given.</summary>
    public int ClockRate { get; set; }

    /// <summary>Audio channel count, when the rtpmap carries one.</summary>
    public int? Channels { get; set; }

    /// <summary>fmtp parameters in order; a parameter without "=" (like red's "111/111") has an empty value.</summary>
    public OrderedDictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>rtcp-fb values in order: "nack", "nack pli", "ccm fir", "goog-remb", "transport-cc".</summary>
    public List<string> Feedback { get; } = [];

    public bool HasRtpMap => Name.Length > 0;

    public bool IsNamed(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public string? GetParameter(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;

    public Codec Clone()
    {
        var copy = new Codec(PayloadType, Name, ClockRate, Channels);
        foreach (KeyValuePair<string, string> pair in Parameters)
        {
            copy.Parameters[pair.Key] = pair.Value;
        }
        copy.Feedback.AddRange(Feedback);
        return copy;
    }

    /// <summary>The rtpmap value: "&lt;pt&gt; name/clock[/channels]".</summary>
    public string FormatRtpMap() => Channels is int channels
        ? $"{SdpTokens.Invariant(PayloadType)} {Name}/{SdpTokens.Invariant(ClockRate)}/{SdpTokens.Invariant(channels)}"
        : $"{SdpTokens.Invariant(PayloadType)} {Name}/{SdpTokens.Invariant(ClockRate)}";

    /// <summary>The fmtp parameters joined by ";" (null when there are none).</summary>
    public string? FormatParameters()
    {
        if (Parameters.Count == 0)
        {
            return null;
        }
        return string.Join(';', Parameters.Select(p => p.Value.Length == 0 ? p.Key : $"{p.Key}={p.Value}"));
    }

    /// <summary>Parses "name/clock[/channels]" (the rtpmap value after the payload type).</summary>
    internal static bool TryParseEncoding(string text, out string name, out int clockRate, out int? channels, out string? error)
    {
        name = "";
        clockRate = 0;
        channels = null;
        string[] parts = text.Split('/');
        if (parts.Length is < 2 or > 3 || !SdpTokens.IsToken(parts[0]))
        {
            error = "rtpmap must be '<pt> <name>/<clock rate>[/<channels>]'";
            return false;
        }
        if (!SdpTokens.TryParseInRange(parts[1], 1, int.MaxValue, out clockRate))
        {
            error = $"rtpmap clock rate '{parts[1]}' must be a number above 0";
            return false;
        }
        if (parts.Length == 3)
        {
            if (!SdpTokens.TryParseInRange(parts[2], 1, 255, out int count))
            {
                error = $"rtpmap channel count '{parts[2]}' must be 1..255";
                return false;
            }
            channels = count;
        }
        name = parts[0];
        error = null;
        return true;
    }

    /// <summary>Adds fmtp parameters "a=1;b=2; c" to this codec (later values replace earlier ones).</summary>
    internal bool TryAddParameters(string text, out string? error)
    {
        foreach (string raw in text.Split(';'))
        {
            string item = raw.Trim();
            if (item.Length == 0)
            {
                continue;
            }
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? item : item[..equals].Trim();
            string value = equals < 0 ? "" : item[(equals + 1)..].Trim();
            if (!SdpTokens.IsVisibleAscii(key) || (value.Length > 0 && !SdpTokens.IsVisibleAscii(value)))
            {
                error = $"fmtp parameter '{item}' is invalid";
                return false;
            }
            Parameters[key] = value;
        }
        error = null;
        return true;
    }
}

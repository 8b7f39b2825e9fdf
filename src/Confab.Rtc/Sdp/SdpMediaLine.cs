namespace Confab.Rtc.Sdp;

/// <summary>
/// RFC 8866 §5.14: m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
/// e.g. "video 9 UDP/TLS/RTP/SAVPF 96 97 98".
/// </summary>
internal static class SdpMediaLine
{
    private const int MaxPort = 65535;

    public static bool TryParse(string value, out MediaDescription? media, out string? error)
    {
        media = null;
        string[] parts = SdpTokens.SplitOnSpaces(value);
        if (parts.Length < 4)
        {
            error = "m= must be '<media> <port> <proto> <fmt> ...'";
            return false;
        }
        // proto = token *("/" token)
        if (!SdpTokens.IsToken(parts[0]) || !parts[2].Split('/').All(t => SdpTokens.IsToken(t)))
        {
            error = "m= media type and protocol must be tokens";
            return false;
        }
        var parsed = new MediaDescription { Media = parts[0], Protocol = parts[2] };
        if (!TryReadPort(parts[1], parsed, out error))
        {
            return false;
        }
        bool rtp = parsed.IsRtp;
        for (int i = 3; i < parts.Length; i++)
        {
            string format = parts[i];
            if (rtp && !SdpTokens.TryParseInRange(format, 0, Codec.MaxPayloadType, out _))
            {
                error = $"m= payload type '{format}' must be 0..{Codec.MaxPayloadType}";
                return false;
            }
            if (!SdpTokens.IsToken(format))
            {
                error = $"m= format '{format}' is invalid";
                return false;
            }
            if (parsed.Formats.Contains(format))
            {
                error = $"m= lists format '{format}' twice";
                return false;
            }
            parsed.Formats.Add(format);
        }
        media = parsed;
        return true;
    }

    private static bool TryReadPort(string text, MediaDescription media, out string? error)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string portText = slash < 0 ? text : text[..slash];
        if (!SdpTokens.TryParseInRange(portText, 0, MaxPort, out int port))
        {
            error = $"m= port '{portText}' must be 0..{MaxPort}";
            return false;
        }
        media.Port = port;
        if (slash >= 0)
        {
            if (!SdpTokens.TryParseInRange(text.AsSpan(slash + 1), 1, MaxPort, out int count))
            {
                error = "m= number of ports must be 1..65535";
                return false;
            }
            media.PortCount = count;
        }
        error = null;
        return true;
    }

    public static string Format(MediaDescription media)
    {
        string port = media.PortCount is int count
            ? $"{SdpTokens.Invariant(media.Port)}/{SdpTokens.Invariant(count)}"
            : SdpTokens.Invariant(media.Port);
        return $"{media.Media} {port} {media.Protocol} {string.Join(' ', media.Formats)}";
    }
}

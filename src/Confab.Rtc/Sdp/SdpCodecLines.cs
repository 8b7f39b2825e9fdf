namespace Confab.Rtc.Sdp;

/// <summary>
/// The per-payload-type lines of an RTP m= section: a=rtpmap, a=fmtp (RFC 8866 §6.6, §6.15) and
/// a=rtcp-fb (RFC 4585 §4.2). Each must name a payload type of the m= line.
/// </summary>
internal static class SdpCodecLines
{
    private const string Wildcard = "*";

    public static string? Read(MediaDescription media, string name, string? value)
    {
        string[] parts = value is null ? [] : value.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return $"{name} must be '<payload type> <value>'";
        }
        if (name == "rtcp-fb" && parts[0] == Wildcard)
        {
            return ReadFeedback(media.WildcardFeedback, parts[1]);
        }
        if (!SdpTokens.TryParseInRange(parts[0], 0, Codec.MaxPayloadType, out int payloadType))
        {
            return $"{name} payload type '{parts[0]}' must be 0..{Codec.MaxPayloadType}";
        }
        if (!media.Formats.Contains(parts[0]))
        {
            return $"{name} for payload type {payloadType}, which the m= line does not list";
        }
        Codec codec = GetOrAdd(media, payloadType);
        switch (name)
        {
            case "rtpmap":
                if (codec.HasRtpMap)
                {
                    return $"payload type {payloadType} has two rtpmap lines";
                }
                if (!Codec.TryParseEncoding(parts[1], out string encoding, out int clockRate, out int? channels, out string? error))
                {
                    return error;
                }
                codec.Name = encoding;
                codec.ClockRate = clockRate;
                codec.Channels = channels;
                return null;
            case "fmtp":
                return codec.TryAddParameters(parts[1], out string? fmtpError) ? null : fmtpError;
            default:
                return ReadFeedback(codec.Feedback, parts[1]);
        }
    }

    /// <summary>Puts the codecs in m= line order and adds an empty one for each payload type without lines.</summary>
    public static void OrderByFormats(MediaDescription media)
    {
        var byType = media.Codecs.ToDictionary(c => c.PayloadType);
        media.Codecs.Clear();
        foreach (string format in media.Formats)
        {
            if (SdpTokens.TryParseInRange(format, 0, Codec.MaxPayloadType, out int payloadType))
            {
                media.Codecs.Add(byType.TryGetValue(payloadType, out Codec? codec) ? codec : new Codec(payloadType, "", 0));
            }
        }
    }

    private static Codec GetOrAdd(MediaDescription media, int payloadType)
    {
        Codec? codec = media.FindCodec(payloadType);
        if (codec is null)
        {
            codec = new Codec(payloadType, "", 0);
            media.Codecs.Add(codec);
        }
        return codec;
    }

    private static string? ReadFeedback(List<string> into, string text)
    {
        string[] tokens = SdpTokens.SplitOnSpaces(text);
        if (tokens.Length == 0 || !tokens.All(t => SdpTokens.IsVisibleAscii(t)))
        {
            return "rtcp-fb must be '<payload type> <type> [<parameter>]'";
        }
        into.Add(string.Join(' ', tokens));
        return null;
    }
}

namespace Confab.Rtc.Sdp;

/// <summary>
/// RFC 8866 §5.2: o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;
/// </summary>
public sealed record SdpOrigin(
    string Username, ulong SessionId, ulong SessionVersion, string NetType, string AddressType, string Address)
{
    /// <summary>The origin a WebRTC endpoint writes: "- id version IN IP4 127.0.0.1" (JSEP §5.2.1).</summary>
    public static SdpOrigin ForWebRtc(ulong sessionId, ulong sessionVersion) =>
        new("-", sessionId, sessionVersion, "IN", "IP4", "127.0.0.1");

    public static bool TryParse(string value, out SdpOrigin? origin, out string? error)
    {
        origin = null;
        string[] parts = SdpTokens.SplitOnSpaces(value);
        if (parts.Length != 6)
        {
            error = $"o= needs 6 fields, got {parts.Length}";
            return false;
        }
        if (!SdpTokens.TryParseUInt64(parts[1], out ulong id) || !SdpTokens.TryParseUInt64(parts[2], out ulong version))
        {
            error = "o= session id and version must be decimal numbers";
            return false;
        }
        if (!SdpTokens.IsVisibleAscii(parts[0]) || !SdpTokens.IsToken(parts[3]) || !SdpTokens.IsToken(parts[4])
            || !SdpTokens.IsVisibleAscii(parts[5]))
        {
            error = "o= has an invalid username, network type, address type or address";
            return false;
        }
        origin = new SdpOrigin(parts[0], id, version, parts[3], parts[4], parts[5]);
        error = null;
        return true;
    }

    public override string ToString() =>
        $"{Username} {SdpTokens.Invariant(SessionId)} {SdpTokens.Invariant(SessionVersion)} {NetType} {AddressType} {Address}";
}

/// <summary>RFC 8866 §5.7: c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    public static SdpConnection Ip4Any { get; } = new("IN", "IP4", "0.0.0.0");

    public static bool TryParse(string value, out SdpConnection? connection, out string? error)
    {
        connection = null;
        string[] parts = SdpTokens.SplitOnSpaces(value);
        if (parts.Length != 3 || !SdpTokens.IsToken(parts[0]) || !SdpTokens.IsToken(parts[1])
            || !SdpTokens.IsVisibleAscii(parts[2]))
        {
            error = "c= must be '<nettype> <addrtype> <address>'";
            return false;
        }
        connection = new SdpConnection(parts[0], parts[1], parts[2]);
        error = null;
        return true;
    }

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}

/// <summary>RFC 8866 §5.9: t=&lt;start-time&gt; &lt;stop-time&gt; (NTP seconds; "0 0" = unbounded).</summary>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    public static SdpTiming Unbounded { get; } = new(0, 0);

    public static bool TryParse(string value, out SdpTiming? timing, out string? error)
    {
        timing = null;
        string[] parts = SdpTokens.SplitOnSpaces(value);
        if (parts.Length != 2 || !SdpTokens.TryParseUInt64(parts[0], out ulong start)
            || !SdpTokens.TryParseUInt64(parts[1], out ulong stop))
        {
            error = "t= must be two decimal numbers";
            return false;
        }
        timing = new SdpTiming(start, stop);
        error = null;
        return true;
    }

    public override string ToString() => $"{SdpTokens.Invariant(Start)} {SdpTokens.Invariant(Stop)}";
}

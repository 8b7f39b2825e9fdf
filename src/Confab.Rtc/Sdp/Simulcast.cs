namespace Confab.Rtc.Sdp;

/// <summary>One rid in a simulcast list; "~" before it marks the stream paused (RFC 8853 §5.1).</summary>
public sealed record SimulcastStream(string Rid, bool Paused = false)
{
    public override string ToString() => Paused ? "~" + Rid : Rid;
}

/// <summary>
/// RFC 8853 §5.1:
/// <code>
/// sc-value     = ( sc-send [SP sc-recv] ) / ( sc-recv [SP sc-send] )
/// sc-send      = %s"send" SP sc-str-list
/// sc-recv      = %s"recv" SP sc-str-list
/// sc-str-list  = sc-alt-list *( ";" sc-alt-list )     ; one entry per simulcast stream
/// sc-alt-list  = sc-id *( "," sc-id )                 ; alternative formats of that stream
/// sc-id        = [ "~" ] rid-id                       ; "~" = paused
/// </code>
/// e.g. "send q;h;f" (three streams) or "recv 1,2;3".
/// </summary>
public sealed class Simulcast
{
    /// <summary>Streams this side sends; each entry lists the rids that are alternatives for it.</summary>
    public List<List<SimulcastStream>> Send { get; } = [];

    /// <summary>Streams this side receives.</summary>
    public List<List<SimulcastStream>> Recv { get; } = [];

    /// <summary>All rids named in the send list, in order.</summary>
    public IEnumerable<string> SendRids => Send.SelectMany(a => a).Select(s => s.Rid);

    public static bool TryParse(string? value, out Simulcast? simulcast, out string? error)
    {
        simulcast = null;
        string[] parts = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (parts.Length is not (2 or 4))
        {
            error = "simulcast must be 'send|recv <list>' optionally followed by the other direction";
            return false;
        }
        var parsed = new Simulcast();
        for (int i = 0; i < parts.Length; i += 2)
        {
            List<List<SimulcastStream>> target = parts[i] switch
            {
                "send" => parsed.Send,
                "recv" => parsed.Recv,
                _ => [],
            };
            bool unknownDirection = parts[i] is not ("send" or "recv");
            if (unknownDirection || target.Count > 0)
            {
                error = $"simulcast direction '{parts[i]}' must be send or recv, each at most once";
                return false;
            }
            if (!TryReadList(parts[i + 1], target, out error))
            {
                return false;
            }
        }
        simulcast = parsed;
        error = null;
        return true;
    }

    private static bool TryReadList(string text, List<List<SimulcastStream>> into, out string? error)
    {
        foreach (string alternatives in text.Split(';'))
        {
            var streams = new List<SimulcastStream>();
            foreach (string id in alternatives.Split(','))
            {
                bool paused = id.StartsWith('~');
                string rid = paused ? id[1..] : id;
                if (!Rid.IsValidId(rid))
                {
                    error = $"simulcast rid '{id}' is invalid";
                    return false;
                }
                streams.Add(new SimulcastStream(rid, paused));
            }
            into.Add(streams);
        }
        error = null;
        return true;
    }

    private static string FormatList(List<List<SimulcastStream>> list) =>
        string.Join(';', list.Select(alternatives => string.Join(',', alternatives)));

    public override string ToString()
    {
        if (Send.Count > 0 && Recv.Count > 0)
        {
            return $"send {FormatList(Send)} recv {FormatList(Recv)}";
        }
        return Send.Count > 0 ? $"send {FormatList(Send)}" : $"recv {FormatList(Recv)}";
    }
}

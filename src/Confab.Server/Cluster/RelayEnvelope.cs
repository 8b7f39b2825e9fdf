namespace Confab.Server.Cluster;

/// <summary>What one relay message says (docs/adr/0012).</summary>
internal enum RelayKind
{
    /// <summary>Edge → home: a client connected for a meeting living on the home; the payload is the client's address.</summary>
    Open = 'o',

    /// <summary>Edge → home: one message of the client.</summary>
    In = 'i',

    /// <summary>Edge → home: the client's socket is gone.</summary>
    End = 'e',

    /// <summary>Home → edge: one message for the client.</summary>
    Out = 'x',

    /// <summary>Home → edge: close the client's socket; the payload is the reason.</summary>
    Close = 'c',
}

/// <summary>
/// One relay message on a node's pub/sub channel: <c>kind \n connection \n sender node \n payload</c>. The payload is the
/// client's or the meeting's JSON as it is (it may hold newlines: everything after the third newline is payload).
/// </summary>
internal readonly record struct RelayEnvelope(RelayKind Kind, string Connection, string From, string Payload)
{
    public string Format() => string.Concat(((char)Kind).ToString(), "\n", Connection, "\n", From, "\n", Payload);

    public static bool TryParse(string? text, out RelayEnvelope envelope)
    {
        envelope = default;
        if (text is null || text.Length < 2 || text[1] != '\n' || !Enum.IsDefined((RelayKind)text[0]))
        {
            return false;
        }
        int connectionEnd = text.IndexOf('\n', 2);
        if (connectionEnd <= 2)
        {
            return false;
        }
        int fromEnd = text.IndexOf('\n', connectionEnd + 1);
        if (fromEnd <= connectionEnd + 1)
        {
            return false;
        }
        envelope = new RelayEnvelope((RelayKind)text[0], text[2..connectionEnd], text[(connectionEnd + 1)..fromEnd], text[(fromEnd + 1)..]);
        return true;
    }
}

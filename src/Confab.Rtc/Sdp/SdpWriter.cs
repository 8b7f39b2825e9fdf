using System.Text;

namespace Confab.Rtc.Sdp;

/// <summary>
/// Writes a <see cref="SessionDescription"/> as SDP text with CRLF line ends, in a canonical order:
/// v, o, s, (i, u, e, p), c, (b), t, (r, z, k, extra t), session attributes, then each m= section
/// (see <see cref="SdpMediaWriter"/>). Lines kept as text are written where RFC 8866 §5 places them.
/// </summary>
public static class SdpWriter
{
    internal const string LineEnd = "\r\n";

    public static string Write(SessionDescription sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        var b = new StringBuilder(2048 + (sdp.Media.Count * 1024));
        Line(b, 'v', "0");
        Line(b, 'o', sdp.Origin.ToString());
        Line(b, 's', sdp.SessionName.Length == 0 ? "-" : sdp.SessionName);
        OtherLines(b, sdp.OtherLines, "iuep");
        if (sdp.Connection is not null)
        {
            Line(b, 'c', sdp.Connection.ToString());
        }
        OtherLines(b, sdp.OtherLines, "b");
        Line(b, 't', sdp.Timing.ToString());
        OtherLines(b, sdp.OtherLines, "trzk");
        WriteSessionAttributes(b, sdp);
        foreach (MediaDescription media in sdp.Media)
        {
            SdpMediaWriter.Write(b, media);
        }
        return b.ToString();
    }

    private static void WriteSessionAttributes(StringBuilder b, SessionDescription sdp)
    {
        foreach (SdpGroup group in sdp.Groups)
        {
            Attribute(b, "group", group.ToString());
        }
        if (sdp.ExtMapAllowMixed)
        {
            Attribute(b, "extmap-allow-mixed");
        }
        if (sdp.MsidSemantic is not null)
        {
            Attribute(b, "msid-semantic", sdp.MsidSemantic.ToString());
        }
        if (sdp.IceLite)
        {
            Attribute(b, "ice-lite");
        }
        IceAndDtls(b, sdp.IceUfrag, sdp.IcePwd, sdp.IceOptions, sdp.Fingerprint, sdp.Setup);
        foreach (SdpAttribute attribute in sdp.OtherAttributes)
        {
            Attribute(b, attribute.Name, attribute.Value);
        }
    }

    internal static void IceAndDtls(
        StringBuilder b, string? ufrag, string? pwd, List<string> options, SdpFingerprint? fingerprint, SdpSetupRole? setup)
    {
        if (ufrag is not null)
        {
            Attribute(b, "ice-ufrag", ufrag);
        }
        if (pwd is not null)
        {
            Attribute(b, "ice-pwd", pwd);
        }
        if (options.Count > 0)
        {
            Attribute(b, "ice-options", string.Join(' ', options));
        }
        if (fingerprint is not null)
        {
            Attribute(b, "fingerprint", fingerprint.ToString());
        }
        if (setup is SdpSetupRole role)
        {
            Attribute(b, "setup", role.ToSdp());
        }
    }

    internal static void Line(StringBuilder b, char type, string value) =>
        b.Append(type).Append('=').Append(value).Append(LineEnd);

    internal static void Attribute(StringBuilder b, string name, string? value = null)
    {
        b.Append("a=").Append(name);
        if (value is not null)
        {
            b.Append(':').Append(value);
        }
        b.Append(LineEnd);
    }

    internal static void OtherLines(StringBuilder b, List<SdpLine> lines, string types)
    {
        foreach (SdpLine line in lines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal))
            {
                Line(b, line.Type, line.Value);
            }
        }
    }
}

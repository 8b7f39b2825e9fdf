namespace Confab.Rtc.Sdp;

/// <summary>RFC 8839 §5.4: ice-ufrag is 4..256 ice-chars, ice-pwd 22..256 ice-chars.</summary>
internal static class SdpIceCredentials
{
    public const int MinUfragLength = 4;
    public const int MinPwdLength = 22;
    public const int MaxLength = 256;

    public static string? CheckUfrag(string? value) =>
        value is { Length: >= MinUfragLength and <= MaxLength } && SdpTokens.IsIceChars(value)
            ? null
            : $"ice-ufrag must be {MinUfragLength}..{MaxLength} characters of letters, digits, '+' or '/'";

    public static string? CheckPwd(string? value) =>
        value is { Length: >= MinPwdLength and <= MaxLength } && SdpTokens.IsIceChars(value)
            ? null
            : $"ice-pwd must be {MinPwdLength}..{MaxLength} characters of letters, digits, '+' or '/'";

    public static string? ReadOptions(string? value, List<string> into)
    {
        string[] options = value is null ? [] : SdpTokens.SplitOnSpaces(value);
        if (options.Length == 0 || !options.All(o => SdpTokens.IsToken(o)))
        {
            return "ice-options must list tokens";
        }
        into.AddRange(options);
        return null;
    }
}

/// <summary>Reads the session-level a= lines of RFC 8866 §6 and the WebRTC extensions.</summary>
internal static class SdpSessionAttributeReader
{
    public static string? Read(SessionDescription session, string text)
    {
        (string name, string? value) = SdpTokens.SplitAttribute(text);
        string? error = null;
        switch (name)
        {
            case "group":
                if (SdpGroup.TryParse(value, out SdpGroup? group, out error))
                {
                    session.Groups.Add(group!);
                }
                return error;
            case "msid-semantic":
                if (SdpMsidSemantic.TryParse(value, out SdpMsidSemantic? semantic, out error))
                {
                    session.MsidSemantic = semantic;
                }
                return error;
            case "extmap-allow-mixed" when value is null:
                session.ExtMapAllowMixed = true;
                return null;
            case "ice-lite" when value is null:
                session.IceLite = true;
                return null;
            case "ice-ufrag":
                session.IceUfrag = value;
                return SdpIceCredentials.CheckUfrag(value);
            case "ice-pwd":
                session.IcePwd = value;
                return SdpIceCredentials.CheckPwd(value);
            case "ice-options":
                return SdpIceCredentials.ReadOptions(value, session.IceOptions);
            case "fingerprint":
                if (SdpFingerprint.TryParse(value, out SdpFingerprint? fingerprint, out error))
                {
                    session.Fingerprint = fingerprint;
                }
                return error;
            case "setup":
                if (!SdpEnums.TryParseSetup(value, out SdpSetupRole role))
                {
                    return "setup must be actpass, active, passive or holdconn";
                }
                session.Setup = role;
                return null;
            default:
                if (!SdpTokens.IsToken(name))
                {
                    return $"attribute name '{name}' is invalid";
                }
                session.OtherAttributes.Add(new SdpAttribute(name, value));
                return null;
        }
    }
}

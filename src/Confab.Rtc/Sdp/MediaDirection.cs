namespace Confab.Rtc.Sdp;

/// <summary>RFC 8866 §6.7 / RFC 3264 §5.1: the direction attribute of an m= section.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

/// <summary>DTLS role attribute a=setup (RFC 4145 §4, RFC 8842 §5).</summary>
public enum SdpSetupRole
{
    ActPass,
    Active,
    Passive,
    HoldConn,
}

/// <summary>Names and conversions of <see cref="MediaDirection"/> and <see cref="SdpSetupRole"/>.</summary>
public static class SdpEnums
{
    public static string ToSdp(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static bool TryParseDirection(string name, out MediaDirection direction)
    {
        switch (name)
        {
            case "sendrecv": direction = MediaDirection.SendRecv; return true;
            case "sendonly": direction = MediaDirection.SendOnly; return true;
            case "recvonly": direction = MediaDirection.RecvOnly; return true;
            case "inactive": direction = MediaDirection.Inactive; return true;
            default: direction = MediaDirection.SendRecv; return false;
        }
    }

    /// <summary>Whether the side that wrote this direction sends media.</summary>
    public static bool Sends(this MediaDirection direction) =>
        direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    /// <summary>Whether the side that wrote this direction receives media.</summary>
    public static bool Receives(this MediaDirection direction) =>
        direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    /// <summary>The direction of a side that sends and/or receives.</summary>
    public static MediaDirection FromFlags(bool sends, bool receives) => (sends, receives) switch
    {
        (true, true) => MediaDirection.SendRecv,
        (true, false) => MediaDirection.SendOnly,
        (false, true) => MediaDirection.RecvOnly,
        _ => MediaDirection.Inactive,
    };

    public static string ToSdp(this SdpSetupRole role) => role switch
    {
        SdpSetupRole.Active => "active",
        SdpSetupRole.Passive => "passive",
        SdpSetupRole.HoldConn => "holdconn",
        _ => "actpass",
    };

    public static bool TryParseSetup(string? value, out SdpSetupRole role)
    {
        switch (value)
        {
            case "actpass": role = SdpSetupRole.ActPass; return true;
            case "active": role = SdpSetupRole.Active; return true;
            case "passive": role = SdpSetupRole.Passive; return true;
            case "holdconn": role = SdpSetupRole.HoldConn; return true;
            default: role = SdpSetupRole.ActPass; return false;
        }
    }
}

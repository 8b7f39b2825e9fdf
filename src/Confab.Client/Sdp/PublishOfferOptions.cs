namespace Confab.Client.Sdp;

/// <summary>What goes into a publish offer besides the fixed codec set.</summary>
public sealed record PublishOfferOptions
{
    public required string IceUfrag { get; init; }

    public required string IcePwd { get; init; }

    /// <summary>Our certificate fingerprint, "sha-256 AB:CD:…".</summary>
    public required string Fingerprint { get; init; }

    public bool Audio { get; init; } = true;

    public bool Video { get; init; } = true;

    public uint AudioSsrc { get; init; }

    public uint VideoSsrc { get; init; }

    /// <summary>The RTX (RFC 4588) SSRC paired with the video SSRC by ssrc-group FID.</summary>
    public uint VideoRtxSsrc { get; init; }

    /// <summary>RTCP CNAME (RFC 7022: a random, per-session name).</summary>
    public required string Cname { get; init; }

    /// <summary>The msid stream id (RFC 8830) shared by the audio and video tracks.</summary>
    public required string StreamId { get; init; }

    /// <summary>
    /// A second video section (<see cref="ClientSdp.ScreenMid"/>) for a screen share: VP8 with RTX like the camera's,
    /// named <c>screen</c> in the offer's <c>sources</c>.
    /// </summary>
    public bool Screen { get; init; }

    /// <summary>Writes the screen section rejected (port 0), as a browser does after the transceiver stopped.</summary>
    public bool ScreenStopped { get; init; }

    /// <summary>Writes the screen section inactive, as a browser does after <c>transceiver.direction = "inactive"</c>.</summary>
    public bool ScreenInactive { get; init; }

    public uint ScreenSsrc { get; init; }

    public uint ScreenRtxSsrc { get; init; }

    public string ScreenTrackId { get; init; } = "screen";

    public string AudioTrackId { get; init; } = "audio";

    public string VideoTrackId { get; init; } = "video";

    /// <summary>The header-extension id of sdes:mid in the offer.</summary>
    public int MidExtensionId { get; init; } = 1;

    /// <summary>o= session id and version (JSEP §5.2.1).</summary>
    public ulong SessionId { get; init; } = 1;

    public ulong SessionVersion { get; init; } = 1;
}

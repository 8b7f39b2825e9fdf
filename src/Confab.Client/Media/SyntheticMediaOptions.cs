namespace Confab.Client.Media;

/// <summary>What a <see cref="SyntheticMediaSource"/> publishes.</summary>
public sealed record SyntheticMediaOptions
{
    public bool Audio { get; init; } = true;

    public bool Video { get; init; } = true;

    public uint AudioSsrc { get; init; } = 0x1111_0001;

    public uint VideoSsrc { get; init; } = 0x2222_0001;

    public byte AudioPayloadType { get; init; } = 111;

    public byte VideoPayloadType { get; init; } = 96;

    /// <summary>Opus-sized audio: bytes of RTP payload per packet.</summary>
    public int AudioPayloadBytes { get; init; } = 100;

    /// <summary>Audio packet interval (Opus 20 ms frames: 960 ticks of the 48 kHz clock).</summary>
    public TimeSpan AudioPacketInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Video bitrate in bits per second, counting whole RTP packets (headers included).</summary>
    public int VideoBitrate { get; init; } = 1_500_000;

    public int FrameRate { get; init; } = 30;

    /// <summary>A key frame this often (besides those asked for by PLI or FIR).</summary>
    public TimeSpan KeyFrameInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest RTP packet (header and payload, before SRTP) in bytes.</summary>
    public int MaxPacketBytes { get; init; } = 1200;

    /// <summary>RFC 9143 sdes:mid header extension id (one-byte form); 0 sends no extension.</summary>
    public byte MidExtensionId { get; init; }

    public string AudioMid { get; init; } = "0";

    public string VideoMid { get; init; } = "1";

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 360;

    /// <summary>
    /// Real VP8 frames to publish instead of synthetic ones (looped, one per frame interval), so a browser can
    /// decode the video. Such packets carry no <see cref="MediaProbe"/>.
    /// </summary>
    public IvfFile? RecordedVideo { get; init; }
}

using Confab.Client.Transport;

namespace Confab.Client.Signaling;

/// <summary>How an <see cref="SfuDevClient"/> connects and publishes.</summary>
public sealed record SfuDevClientOptions
{
    /// <summary>Options of the publish and subscribe connections.</summary>
    public ClientPeerConnectionOptions Connection { get; init; } = new();

    /// <summary>Which remote host candidate to check.</summary>
    public AddressFamilyPreference CandidatePreference { get; init; } = AddressFamilyPreference.Loopback;

    /// <summary>Replies (welcome, publish-answer) must come within this time.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Key frames of the synthetic video this often.</summary>
    public TimeSpan KeyFrameInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Joins with <c>video: "selected"</c>: no remote video arrives until chosen with
    /// <see cref="SfuDevClient.SelectVideoAsync"/> (audio always does). False: every video in the room.
    /// </summary>
    public bool SelectVideo { get; init; }

    /// <summary>
    /// With <see cref="SelectVideo"/>, joins with <c>video: "gallery"</c>: the server picks the first videos (a gallery
    /// page) so that the first subscribe offer carries them without a <c>select-video</c>; later selections replace it.
    /// </summary>
    public bool GalleryFirst { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Real VP8 frames to publish instead of synthetic video (see <see cref="Media.SyntheticMediaOptions.RecordedVideo"/>).</summary>
    public Media.IvfFile? RecordedVideo { get; init; }
}

using System.Net;

namespace Confab.Server.Media;

/// <summary>The <c>Confab:Media</c> configuration section.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Confab:Media";

    /// <summary>The one UDP port of the SFU (<c>Confab:Media:Port</c>); 0 picks a free port.</summary>
    public int Port { get; set; } = 40000;

    /// <summary>Address the UDP socket binds (<c>Confab:Media:BindAddress</c>).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Addresses announced to browsers as ICE host candidates (<c>Confab:Media:AnnouncedAddresses</c>): the
    /// server's public or LAN addresses. Loopback is always included so that local browsers connect.
    /// </summary>
    public List<string> AnnouncedAddresses { get; set; } = [];

    /// <summary>
    /// The port written into every announced ICE candidate, loopback included (<c>Confab:Media:AnnouncedPort</c>):
    /// for a server behind a port mapping or a UDP proxy that peers reach on another port than <see cref="Port"/>.
    /// 0 (the default) announces the bound port.
    /// </summary>
    public int AnnouncedPort { get; set; }

    /// <summary>
    /// SCHED_FIFO priority of the SFU's packet thread (<c>Confab:Media:RealtimePriority</c>, 0 to 99; 0: the normal
    /// class). By default 10: a packet is forwarded as soon as it arrives rather than after a time slice of whatever
    /// else the server runs on that core (signaling, HTTP, the runtime's compiler), which held packets for tens of
    /// milliseconds under load. Needs root or CAP_SYS_NICE (or RLIMIT_RTPRIO); without them the server logs a warning
    /// and runs the thread normally.
    /// </summary>
    public int RealtimePriority { get; set; } = 10;

    public int CheckedRealtimePriority() =>
        RealtimePriority is >= 0 and <= Confab.Rtc.Net.RealtimeScheduling.MaxPriority
            ? RealtimePriority
            : throw new InvalidOperationException($"Confab:Media:RealtimePriority is {RealtimePriority}; it must be 0 (normal scheduling) to 99.");

    /// <summary>Serves <c>/dev/sfu.html</c> and its account-free signaling (<c>Confab:Media:DevRoom</c>).</summary>
    public bool DevRoom { get; set; } = true;

    /// <summary>
    /// Most participants in one development room (<c>Confab:Media:MaxPeersPerRoom</c>), 2 to
    /// <see cref="MaxPeersPerRoomLimit"/>.
    /// </summary>
    public int MaxPeersPerRoom { get; set; } = 500;

    /// <summary>
    /// How long a peer that selects its videos has its first subscribe offer held for its first <c>select-video</c>
    /// (<c>Confab:Media:FirstSelectionWaitMilliseconds</c>, 0 to 10000): one offer instead of two before the first picture.
    /// </summary>
    public int FirstSelectionWaitMilliseconds { get; set; } = 250;

    public TimeSpan CheckedFirstSelectionWait() =>
        FirstSelectionWaitMilliseconds is >= 0 and <= 10_000
            ? TimeSpan.FromMilliseconds(FirstSelectionWaitMilliseconds)
            : throw new InvalidOperationException($"Confab:Media:FirstSelectionWaitMilliseconds is {FirstSelectionWaitMilliseconds}; it must be 0 to 10000.");

    public const int MaxPeersPerRoomLimit = 5000;

    /// <summary>
    /// A directory where the first plain packets of each kind are written (<c>Confab:Media:CaptureDirectory</c>),
    /// for building fuzz corpora from real browsers. Empty: off.
    /// </summary>
    public string? CaptureDirectory { get; set; }

    /// <summary>How many packets of each kind (stun, dtls, rtp, rtcp) are captured (<c>Confab:Media:CaptureLimit</c>).</summary>
    public int CaptureLimit { get; set; } = 40;

    public int CheckedMaxPeersPerRoom() =>
        MaxPeersPerRoom is >= 2 and <= MaxPeersPerRoomLimit
            ? MaxPeersPerRoom
            : throw new InvalidOperationException($"Confab:Media:MaxPeersPerRoom is {MaxPeersPerRoom}; it must be 2 to {MaxPeersPerRoomLimit}.");

    public int CheckedAnnouncedPort() =>
        AnnouncedPort is >= 0 and <= IPEndPoint.MaxPort
            ? AnnouncedPort
            : throw new InvalidOperationException(
                $"Confab:Media:AnnouncedPort is {AnnouncedPort}; it must be 0 (announce the bound port) to {IPEndPoint.MaxPort}.");

    public IPAddress ParseBindAddress() =>
        IPAddress.TryParse(BindAddress, out var address)
            ? address
            : throw new InvalidOperationException($"Confab:Media:BindAddress '{BindAddress}' is not an IP address.");

    public IReadOnlyList<IPAddress> ParseAnnouncedAddresses()
    {
        var addresses = new List<IPAddress> { IPAddress.Loopback };
        foreach (var text in AnnouncedAddresses)
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                throw new InvalidOperationException($"Confab:Media:AnnouncedAddresses has '{text}', which is not an IP address.");
            }
            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }
        }
        return addresses;
    }
}

using System.Net;

namespace Confab.Sfu.Transport;

/// <summary>Where a media worker listens and which addresses it announces as ICE host candidates.</summary>
public sealed record MediaWorkerOptions
{
    /// <summary>UDP port shared by every peer (0 picks a free one, for tests).</summary>
    public int Port { get; init; } = 40000;

    /// <summary>Address to bind; any address by default.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>Addresses announced in candidates; loopback is included by default.</summary>
    public IReadOnlyList<IPAddress> AnnouncedAddresses { get; init; } = [IPAddress.Loopback];

    /// <summary>
    /// The port written into every announced candidate; 0 announces the bound port. For a server behind a port
    /// mapping or a UDP proxy, where peers reach the socket on another port than the one it is bound to.
    /// </summary>
    public int AnnouncedPort { get; init; }

    /// <summary>Most transports one worker serves at once; beyond it new transports are refused.</summary>
    public int MaxTransports { get; init; } = 4096;

    /// <summary>Most SSRCs one transport's SRTP contexts track (a subscriber consumes one or two per producer).</summary>
    public int MaxSrtpStreamsPerTransport { get; init; } = 2048;

    /// <summary>
    /// SCHED_FIFO priority of the worker's packet thread (1 to 99; 0, the default: the normal class). With it a
    /// datagram runs the thread at once instead of after the process's other threads' time slices on that core.
    /// See <see cref="Confab.Rtc.Net.RealtimeScheduling"/>.
    /// </summary>
    public int RealtimePriority { get; init; }

    /// <summary>When set, the first plain packets of each kind are written there (see <see cref="PacketCapture"/>).</summary>
    public PacketCapture? Capture { get; init; }
}

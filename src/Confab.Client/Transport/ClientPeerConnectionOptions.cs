using System.Net;

namespace Confab.Client.Transport;

/// <summary>Where a <see cref="ClientPeerConnection"/> binds and how patient it is.</summary>
public sealed record ClientPeerConnectionOptions
{
    /// <summary>Local address of the connection's own UDP socket (port 0: any free port).</summary>
    public IPEndPoint BindTo { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>ICE must succeed within this time.</summary>
    public TimeSpan IceTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First retransmission interval of a connectivity check; doubled up to <see cref="MaxCheckInterval"/>.</summary>
    public TimeSpan InitialCheckInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxCheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>RFC 7675 §5.1: consent checks every 4–6 s (randomised around this value).</summary>
    public TimeSpan ConsentInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>RFC 7675 §5.1: consent lapses after 30 s without a response.</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receiver reports for incoming streams this often.</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>While a video stream has shown no key frame, a PLI this often.</summary>
    public TimeSpan PictureLossInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A fraction (0..1) of incoming media packets (not retransmissions) to discard after decryption, as a lossy
    /// link would: for tests of loss measurement and NACK recovery, and for load runs. 0 discards nothing.
    /// </summary>
    public double SimulatedReceiveLoss { get; init; }

    /// <summary>Seed of the simulated loss, so that a run can be repeated.</summary>
    public int SimulatedLossSeed { get; init; } = 12345;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// A shared I/O thread to serve the connection's socket (many synthetic participants in one process); null: the
    /// socket has its own receive thread.
    /// </summary>
    public Confab.Rtc.Net.MediaIoLoop? Loop { get; init; }
}

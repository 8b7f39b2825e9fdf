namespace Confab.Client.Transport;

/// <summary>What a connection sent, received and dropped (written by its threads, read by anyone).</summary>
public sealed class ConnectionCounters
{
    public long RtpSent { get; internal set; }

    public long RtpBytesSent { get; internal set; }

    /// <summary>RTP handed to the connection while it could not send (not connected yet, or the kernel refused).</summary>
    public long RtpNotSent { get; internal set; }

    public long RtpReceived { get; internal set; }

    public long RtcpSent { get; internal set; }

    public long RtcpReceived { get; internal set; }

    public long SrtpFailures { get; internal set; }

    public long DroppedDatagrams { get; internal set; }

    public long ChecksSent { get; internal set; }

    public long CheckSuccesses { get; internal set; }

    /// <summary>ICE restarts completed (a check with the new credentials succeeded).</summary>
    public long IceRestarts { get; internal set; }

    public long PliReceived { get; internal set; }

    public long FirReceived { get; internal set; }

    public long NackReceived { get; internal set; }

    public long PliSent { get; internal set; }

    public long NackSent { get; internal set; }

    /// <summary>Media packets discarded by <see cref="ClientPeerConnectionOptions.SimulatedReceiveLoss"/>.</summary>
    public long SimulatedDrops { get; internal set; }

    public long ReportsSent { get; internal set; }
}

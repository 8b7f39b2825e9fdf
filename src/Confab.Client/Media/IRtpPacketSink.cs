namespace Confab.Client.Media;

/// <summary>Where a media source hands its RTP packets (plain, not yet protected). The span is valid only during the call.</summary>
public interface IRtpPacketSink
{
    void SendRtp(ReadOnlySpan<byte> packet);
}

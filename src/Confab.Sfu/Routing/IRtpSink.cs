namespace Confab.Sfu.Routing;

/// <summary>
/// Where a consumer's packets go: the subscriber's transport, which protects them (SRTP) in place and sends
/// them. <paramref name="buffer"/> holds the plain packet in its first <paramref name="length"/> bytes and has
/// room after it for the SRTP authentication tag. Called on the media worker's thread.
/// </summary>
public interface IRtpSink
{
    void SendRtp(Span<byte> buffer, int length);
}

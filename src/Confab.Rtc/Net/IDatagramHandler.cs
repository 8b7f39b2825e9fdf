using System.Net;

namespace Confab.Rtc.Net;

/// <summary>
/// Receives what a <see cref="UdpMediaSocket"/> reads, on the socket's own thread. The datagram span and the
/// source address are valid only during the call: copy what must outlive it.
/// </summary>
public interface IDatagramHandler
{
    void OnDatagram(Span<byte> datagram, SocketAddress source);

    /// <summary>
    /// Called at least every <see cref="UdpMediaSocket.TickInterval"/>, between datagrams, and at once after
    /// <see cref="UdpMediaSocket.Wake"/>: for timers and queued commands.
    /// </summary>
    void OnTick();
}

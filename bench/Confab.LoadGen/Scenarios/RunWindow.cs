using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Scenarios;

/// <summary>Counters read at the start and the end of the measured window.</summary>
/// <param name="ServerSocketDrops">Drops at the server's UDP sockets (<see cref="SocketDrops"/>); null: not read.</param>
/// <param name="GeneratorSocketDrops">Drops at the generator's UDP sockets; null: not read.</param>
public readonly record struct WindowMark(ProcessSample Server, ProcessSample Generator, long ForwardedPackets, long UdpReceiveBufferErrors = 0,
    long? ServerSocketDrops = null, long? GeneratorSocketDrops = null)
{
    /// <summary>Reads both processes and the receivers' packet total now; false when a process cannot be read.</summary>
    public static bool TryTake(int serverPid, long forwardedPackets, out WindowMark mark)
    {
        mark = default;
        if (!ProcReader.TryRead(serverPid, out ProcessSample server) || !ProcReader.TryRead(Environment.ProcessId, out ProcessSample generator))
        {
            return false;
        }

        Dictionary<long, long>? socketDrops = SocketDrops.ReadTables(); // read once for both processes
        mark = new WindowMark(server, generator, forwardedPackets, UdpCounters.ReadReceiveBufferErrors(),
            socketDrops is null ? null : SocketDrops.Total(serverPid, socketDrops),
            socketDrops is null ? null : SocketDrops.Total(Environment.ProcessId, socketDrops));
        return true;
    }
}

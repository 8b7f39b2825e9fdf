using Confab.LoadGen.Measurement;

namespace Confab.LoadGen.Scenarios;

/// <summary>Counters read at the start and the end of the measured window.</summary>
public readonly record struct WindowMark(ProcessSample Server, ProcessSample Generator, long ForwardedPackets, long UdpReceiveBufferErrors = 0)
{
    /// <summary>Reads both processes and the receivers' packet total now; false when a process cannot be read.</summary>
    public static bool TryTake(int serverPid, long forwardedPackets, out WindowMark mark)
    {
        mark = default;
        if (!ProcReader.TryRead(serverPid, out ProcessSample server) || !ProcReader.TryRead(Environment.ProcessId, out ProcessSample generator))
        {
            return false;
        }

        mark = new WindowMark(server, generator, forwardedPackets, UdpCounters.ReadReceiveBufferErrors());
        return true;
    }
}

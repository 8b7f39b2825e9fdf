using System.Globalization;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// The machine's UDP counters from <c>/proc/net/snmp</c> (two "Udp:" lines: names, then values), e.g.
/// <code>
/// Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
/// Udp: 1000 0 3 990 3 0 0 0 0
/// </code>
/// RcvbufErrors counts datagrams the kernel dropped because a socket's receive buffer was full: on loopback, the
/// loss a load run sees that neither sender nor server counted.
/// </summary>
public static class UdpCounters
{
    public const string SnmpPath = "/proc/net/snmp";

    /// <summary>Reads RcvbufErrors from the file's text; false when absent or malformed.</summary>
    public static bool TryReadReceiveBufferErrors(string? snmpText, out long errors)
    {
        errors = 0;
        if (snmpText is null)
        {
            return false;
        }

        string[] udp = [.. snmpText.Split('\n').Where(l => l.StartsWith("Udp:", StringComparison.Ordinal))];
        if (udp.Length < 2)
        {
            return false;
        }

        string[] names = udp[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] values = udp[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int index = Array.IndexOf(names, "RcvbufErrors");
        return index > 0 && index < values.Length
            && long.TryParse(values[index], NumberStyles.None, CultureInfo.InvariantCulture, out errors);
    }

    /// <summary>The machine's RcvbufErrors now, or 0 when unreadable.</summary>
    public static long ReadReceiveBufferErrors()
    {
        try
        {
            return TryReadReceiveBufferErrors(File.ReadAllText(SnmpPath), out long errors) ? errors : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}

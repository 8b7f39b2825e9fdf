using System.Globalization;

namespace Confab.LoadGen.Measurement;

/// <summary>
/// Datagrams the kernel dropped at one process's UDP sockets (receive buffer full, or the socket's memory limit), from
/// the <c>drops</c> column of <c>/proc/net/udp</c> and <c>/proc/net/udp6</c> for the socket inodes the process holds
/// open (<c>/proc/PID/fd</c>), e.g.
/// <code>
///   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
///  1: 0100007F:9C41 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41221 2 00000000a1b2c3d4 17
/// </code>
/// Where the machine-wide RcvbufErrors (<see cref="UdpCounters"/>) says a load run lost datagrams to full buffers,
/// this says whose: the server's socket (it did not read fast enough) or the generator's (the receivers did not).
/// </summary>
public static class SocketDrops
{
    public static readonly string[] TablePaths = ["/proc/net/udp", "/proc/net/udp6"];

    // Columns of a socket line split on whitespace (the "sl" column counts as one, "1:").
    private const int InodeColumn = 9;
    private const int DropsColumn = 12;

    /// <summary>Adds each socket line's inode and drops from one table's text to <paramref name="dropsByInode"/>.</summary>
    public static void ParseTable(string tableText, IDictionary<long, long> dropsByInode)
    {
        ArgumentNullException.ThrowIfNull(tableText);
        ArgumentNullException.ThrowIfNull(dropsByInode);
        foreach (string line in tableText.Split('\n').Skip(1))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > DropsColumn
                && long.TryParse(columns[InodeColumn], NumberStyles.None, CultureInfo.InvariantCulture, out long inode)
                && long.TryParse(columns[DropsColumn], NumberStyles.None, CultureInfo.InvariantCulture, out long drops))
            {
                dropsByInode[inode] = drops;
            }
        }
    }

    /// <summary>The inode of an fd link's target when it is a socket (<c>socket:[41221]</c>); false otherwise.</summary>
    public static bool TryParseSocketLink(string? target, out long inode)
    {
        inode = 0;
        const string Prefix = "socket:[";
        return target is not null && target.StartsWith(Prefix, StringComparison.Ordinal) && target.EndsWith(']')
            && long.TryParse(target.AsSpan(Prefix.Length, target.Length - Prefix.Length - 1), NumberStyles.None,
                CultureInfo.InvariantCulture, out inode);
    }

    /// <summary>Every UDP socket's drops by inode, from both tables; null when they cannot be read.</summary>
    public static Dictionary<long, long>? ReadTables()
    {
        try
        {
            var dropsByInode = new Dictionary<long, long>();
            foreach (string path in TablePaths.Where(File.Exists))
            {
                ParseTable(File.ReadAllText(path), dropsByInode);
            }
            return dropsByInode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The drops, in <paramref name="dropsByInode"/> (<see cref="ReadTables"/>), of every UDP socket <paramref name="pid"/>
    /// holds open now (a socket shared by several processes counts for each); null when its descriptors cannot be read.
    /// </summary>
    public static long? Total(int pid, IReadOnlyDictionary<long, long> dropsByInode)
    {
        ArgumentNullException.ThrowIfNull(dropsByInode);
        try
        {
            long total = 0;
            foreach (string fd in Directory.EnumerateFiles($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                if (TryParseSocketLink(LinkTargetOrNull(fd), out long inode) && dropsByInode.TryGetValue(inode, out long drops))
                {
                    total += drops;
                }
            }
            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A descriptor closed since it was listed has no target.
    private static string? LinkTargetOrNull(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

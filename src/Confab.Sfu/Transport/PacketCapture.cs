using System.Globalization;

namespace Confab.Sfu.Transport;

/// <summary>
/// Writes the first plain (unprotected) packets a worker receives into a directory, one file per datagram,
/// named by kind and order: the seed corpus of the parsers' fuzz tests comes from real browsers this way.
/// Off unless configured; when off the packet path pays one null check.
/// </summary>
public sealed class PacketCapture
{
    private readonly string _directory;
    private readonly int _limitPerKind;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public PacketCapture(string directory, int limitPerKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitPerKind);
        _directory = directory;
        _limitPerKind = limitPerKind;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Keeps <paramref name="datagram"/> as "<paramref name="kind"/>-NNNN.bin" until the kind's limit.</summary>
    public void Write(string kind, ReadOnlySpan<byte> datagram)
    {
        _counts.TryGetValue(kind, out int count);
        if (count >= _limitPerKind)
        {
            return;
        }
        _counts[kind] = count + 1;
        string name = string.Create(CultureInfo.InvariantCulture, $"{kind}-{count:D4}.bin");
        File.WriteAllBytes(Path.Combine(_directory, name), datagram.ToArray());
    }
}

using System.Runtime.CompilerServices;

namespace Confab.Rtc.Srtp;

/// <summary>
/// Bounded map from SSRC to <see cref="SsrcStreamState"/>. Lookups never allocate; the table grows only when a
/// new SSRC is added (a stream starts, not a packet), starting small because most contexts carry a handful of
/// streams and a pre-sized table for the limit would cost hundreds of kilobytes per context. An insert beyond the
/// limit is refused, which keeps a flood of unknown SSRCs from growing the state. Packets come in runs of one
/// stream (a video frame's packets to one subscriber), so the last stream found is tried before the index.
/// Not thread-safe: one context, one thread.
/// </summary>
internal sealed class SsrcStreamTable
{
    private const int InitialCapacity = 8;

    private readonly Dictionary<uint, int> _indexes;
    private SsrcStreamState[] _states;
    private uint _lastSsrc;
    private int _lastIndex = -1;

    public SsrcStreamTable(int maxStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        MaxStreams = maxStreams;
        int capacity = Math.Min(maxStreams, InitialCapacity);
        _indexes = new Dictionary<uint, int>(capacity);
        _states = new SsrcStreamState[capacity];
    }

    public int MaxStreams { get; }

    public int Count => _indexes.Count;

    public bool IsFull => _indexes.Count >= MaxStreams;

    /// <summary>The state of <paramref name="ssrc"/>, or a null reference when unknown.</summary>
    public ref SsrcStreamState Find(uint ssrc)
    {
        if (_lastIndex >= 0 && _lastSsrc == ssrc)
        {
            return ref _states[_lastIndex];
        }
        if (!_indexes.TryGetValue(ssrc, out int index))
        {
            return ref Unsafe.NullRef<SsrcStreamState>();
        }
        _lastSsrc = ssrc;
        _lastIndex = index;
        return ref _states[index];
    }

    /// <summary>The state of <paramref name="ssrc"/>, added when new; a null reference when the table is full.</summary>
    public ref SsrcStreamState FindOrAdd(uint ssrc)
    {
        ref SsrcStreamState existing = ref Find(ssrc);
        if (!Unsafe.IsNullRef(ref existing))
        {
            return ref existing;
        }

        if (IsFull)
        {
            return ref Unsafe.NullRef<SsrcStreamState>();
        }

        int index = _indexes.Count;
        if (index == _states.Length)
        {
            Array.Resize(ref _states, Math.Min(MaxStreams, _states.Length * 2));
        }
        _indexes.Add(ssrc, index);
        _states[index] = default;
        _lastSsrc = ssrc;
        _lastIndex = index;
        return ref _states[index];
    }
}

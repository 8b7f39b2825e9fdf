using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Srtp;

/// <summary>
/// Bounded map from SSRC to <see cref="SsrcStreamState"/>. Lookups never allocate; the table grows only when a
/// new SSRC is added (a stream starts, not a packet), starting small because most contexts carry a handful of
/// streams and a pre-sized table for the limit would cost hundreds of kilobytes per context. An insert beyond the
/// limit is refused, which keeps a flood of unknown SSRCs from growing the state.
/// </summary>
internal sealed class SsrcStreamTable
{
    private const int InitialCapacity = 8;

    private readonly Dictionary<uint, SsrcStreamState> _streams;

    public SsrcStreamTable(int maxStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        MaxStreams = maxStreams;
        _streams = new Dictionary<uint, SsrcStreamState>(Math.Min(maxStreams, InitialCapacity));
    }

    public int MaxStreams { get; }

    public int Count => _streams.Count;

    public bool IsFull => _streams.Count >= MaxStreams;

    /// <summary>The state of <paramref name="ssrc"/>, or a null reference when unknown.</summary>
    public ref SsrcStreamState Find(uint ssrc) => ref CollectionsMarshal.GetValueRefOrNullRef(_streams, ssrc);

    /// <summary>The state of <paramref name="ssrc"/>, added when new; a null reference when the table is full.</summary>
    public ref SsrcStreamState FindOrAdd(uint ssrc)
    {
        ref SsrcStreamState existing = ref CollectionsMarshal.GetValueRefOrNullRef(_streams, ssrc);
        if (!Unsafe.IsNullRef(ref existing))
        {
            return ref existing;
        }

        if (IsFull)
        {
            return ref Unsafe.NullRef<SsrcStreamState>();
        }

        return ref CollectionsMarshal.GetValueRefOrAddDefault(_streams, ssrc, out _);
    }
}

using System.Buffers.Binary;

namespace Confab.Rtc.Rtcp;

/// <summary>One SDES chunk (layout in <see cref="SourceDescription"/>): an SSRC and its items.</summary>
public readonly ref struct SdesChunk
{
    private readonly ReadOnlySpan<byte> _items;

    internal SdesChunk(uint ssrc, ReadOnlySpan<byte> items)
    {
        Ssrc = ssrc;
        _items = items;
    }

    public uint Ssrc { get; }

    /// <summary>The CNAME text, or empty when the chunk has none.</summary>
    public ReadOnlySpan<byte> Cname => TryFindItem(SdesItemType.Cname, out var text) ? text : default;

    /// <summary>Finds the first item of <paramref name="type"/>; the items were validated when the packet was read.</summary>
    public bool TryFindItem(SdesItemType type, out ReadOnlySpan<byte> text)
    {
        int position = 0;
        while (position + SourceDescription.ItemHeaderLength <= _items.Length && _items[position] != (byte)SdesItemType.End)
        {
            int length = _items[position + 1];
            int textStart = position + SourceDescription.ItemHeaderLength;
            if (textStart + length > _items.Length)
            {
                break;
            }

            if (_items[position] == (byte)type)
            {
                text = _items.Slice(textStart, length);
                return true;
            }

            position = textStart + length;
        }

        text = default;
        return false;
    }
}

/// <summary>Walks the chunks of a validated SDES packet.</summary>
public ref struct SdesChunkEnumerator
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly int _count;
    private int _index;
    private int _position;

    internal SdesChunkEnumerator(ReadOnlySpan<byte> body, int count)
    {
        _body = body;
        _count = count;
        _index = 0;
        _position = 0;
        Current = default;
    }

    public SdesChunk Current { get; private set; }

    public bool MoveNext()
    {
        if (_index >= _count || !TryMeasureChunk(_body, _position, out int chunkLength, out int itemsLength))
        {
            return false;
        }

        Current = new SdesChunk(
            BinaryPrimitives.ReadUInt32BigEndian(_body[_position..]),
            _body.Slice(_position + SourceDescription.SsrcLength, itemsLength));
        _position += chunkLength;
        _index++;
        return true;
    }

    /// <summary>
    /// Measures the chunk at <paramref name="start"/>: its whole length up to the 32-bit boundary
    /// after the terminating null octet, and the length of its item list. False when an item or
    /// the terminator runs past the body.
    /// </summary>
    internal static bool TryMeasureChunk(ReadOnlySpan<byte> body, int start, out int chunkLength, out int itemsLength)
    {
        chunkLength = 0;
        itemsLength = 0;
        int itemsStart = start + SourceDescription.SsrcLength;
        if (itemsStart > body.Length)
        {
            return false;
        }

        int position = itemsStart;
        while (true)
        {
            if (position >= body.Length)
            {
                return false; // no terminator
            }

            if (body[position] == (byte)SdesItemType.End)
            {
                break;
            }

            if (position + SourceDescription.ItemHeaderLength > body.Length)
            {
                return false;
            }

            position += SourceDescription.ItemHeaderLength + body[position + 1];
        }

        itemsLength = position - itemsStart;
        int end = (position + 1 - start + 3) & ~3; // terminator, then up to the boundary
        if (start + end > body.Length)
        {
            return false;
        }

        chunkLength = end;
        return true;
    }
}

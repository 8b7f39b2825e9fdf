namespace Confab.Sfu.Buffers;

/// <summary>
/// The last <see cref="Capacity"/> packets of a producer, by extended sequence number, so that NACKs from
/// subscribers (RFC 4585 §6.2.1) are answered from the SFU instead of the publisher. A ring of fixed-size slots
/// in one array, allocated at the first packet and reused: storing a packet copies it, nothing else is allocated.
/// </summary>
public sealed class RetransmissionBuffer : IDisposable
{
    public const int MaxPacketSize = 1500;

    private readonly Slot[] _slots;
    private readonly int _mask;
    private byte[]? _storage;

    public RetransmissionBuffer(int capacity = 512)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be a power of two.");
        }
        _slots = new Slot[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Keeps a copy of <paramref name="packet"/>; packets larger than <see cref="MaxPacketSize"/> are not kept.</summary>
    public bool Store(long extendedSequence, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > MaxPacketSize || extendedSequence < 0)
        {
            return false;
        }
        long index = extendedSequence & _mask;
        ref Slot slot = ref _slots[index];
        if (slot.Used && slot.Sequence > extendedSequence)
        {
            return false; // a newer packet already owns this slot: this one is too old to keep
        }
        _storage ??= GC.AllocateUninitializedArray<byte>(_slots.Length * MaxPacketSize);
        packet.CopyTo(_storage.AsSpan((int)index * MaxPacketSize, MaxPacketSize));
        slot.Used = true;
        slot.Length = packet.Length;
        slot.Sequence = extendedSequence;
        return true;
    }

    /// <summary>The stored packet with this sequence, or false when it was never stored or was overwritten.</summary>
    public bool TryGet(long extendedSequence, out ReadOnlySpan<byte> packet)
    {
        packet = default;
        if (extendedSequence < 0)
        {
            return false;
        }
        long index = extendedSequence & _mask;
        ref Slot slot = ref _slots[index];
        if (!slot.Used || slot.Sequence != extendedSequence)
        {
            return false;
        }
        packet = _storage.AsSpan((int)index * MaxPacketSize, slot.Length);
        return true;
    }

    /// <summary>Lets the storage go; the buffer is empty afterwards.</summary>
    public void Dispose()
    {
        _storage = null;
        Array.Clear(_slots);
    }

    private struct Slot
    {
        public bool Used;
        public int Length;
        public long Sequence;
    }
}

using System.Buffers;

namespace Confab.Sfu.Buffers;

/// <summary>
/// The last <see cref="Capacity"/> packets of a producer, by extended sequence number, so that NACKs from
/// subscribers (RFC 4585 §6.2.1) are answered from the SFU instead of the publisher. A ring of slots whose
/// buffers come from the shared pool once and are reused: storing a packet copies it, nothing is allocated.
/// </summary>
public sealed class RetransmissionBuffer : IDisposable
{
    public const int MaxPacketSize = 1500;

    private readonly Slot[] _slots;
    private readonly int _mask;

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
        ref Slot slot = ref _slots[extendedSequence & _mask];
        if (slot.Sequence > extendedSequence && slot.Buffer is not null)
        {
            return false; // a newer packet already owns this slot: this one is too old to keep
        }
        slot.Buffer ??= ArrayPool<byte>.Shared.Rent(MaxPacketSize);
        packet.CopyTo(slot.Buffer);
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
        ref Slot slot = ref _slots[extendedSequence & _mask];
        if (slot.Buffer is null || slot.Sequence != extendedSequence)
        {
            return false;
        }
        packet = slot.Buffer.AsSpan(0, slot.Length);
        return true;
    }

    public void Dispose()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Buffer is { } buffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                _slots[i] = default;
            }
        }
    }

    private struct Slot
    {
        public byte[]? Buffer;
        public int Length;
        public long Sequence;
    }
}

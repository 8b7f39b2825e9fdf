using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// Fixed storage for one recvmmsg/sendmmsg call: <see cref="Capacity"/> slots, each a data buffer of
/// <see cref="SlotSize"/> bytes, a sockaddr_storage and the mmsghdr pointing at both. Every array is allocated once
/// on the pinned heap, so the headers' pointers stay valid for the object's life and no call pins anything.
/// </summary>
internal sealed unsafe class DatagramSlots
{
    private readonly byte[] _data;
    private readonly SockAddrStorage[] _names;
    private readonly IoVec[] _vectors;
    private readonly MMsgHdr[] _headers;

    public DatagramSlots(int capacity, int slotSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSize);
        Capacity = capacity;
        SlotSize = slotSize;
        _data = GC.AllocateUninitializedArray<byte>(capacity * slotSize, pinned: true);
        _names = GC.AllocateArray<SockAddrStorage>(capacity, pinned: true);
        _vectors = GC.AllocateArray<IoVec>(capacity, pinned: true);
        _headers = GC.AllocateArray<MMsgHdr>(capacity, pinned: true);
        byte* data = AddressOf(_data);
        SockAddrStorage* names = AddressOf(_names);
        IoVec* vectors = AddressOf(_vectors);
        for (int i = 0; i < capacity; i++)
        {
            vectors[i].Base = data + (i * slotSize);
            vectors[i].Length = (nuint)slotSize;
            ref MsgHdr header = ref _headers[i].Header;
            header.Name = names + i;
            header.NameLength = SockAddrStorage.Size;
            header.Iov = vectors + i;
            header.IovLength = 1;
        }
    }

    public int Capacity { get; }

    public int SlotSize { get; }

    /// <summary>The first header; the headers are contiguous.</summary>
    public MMsgHdr* Headers => AddressOf(_headers);

    public ref MMsgHdr Header(int slot) => ref _headers[slot];

    /// <summary>The whole data buffer of a slot.</summary>
    public Span<byte> Data(int slot) => _data.AsSpan(slot * SlotSize, SlotSize);

    /// <summary>The whole sockaddr_storage of a slot.</summary>
    public Span<byte> Name(int slot) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<SockAddrStorage, byte>(ref _names[slot]), SockAddrStorage.Size);

    /// <summary>Restores a slot's lengths to the full buffer and address room (recvmmsg shrinks them).</summary>
    public void ResetForReceive(int slot)
    {
        ref MMsgHdr message = ref _headers[slot];
        message.Header.NameLength = SockAddrStorage.Size;
        message.Header.Flags = 0;
        message.Length = 0;
        _vectors[slot].Length = (nuint)SlotSize;
    }

    /// <summary>Sets what a slot sends: the first <paramref name="length"/> data bytes to the address of <paramref name="nameLength"/> bytes.</summary>
    public void SetForSend(int slot, int length, int nameLength)
    {
        ref MMsgHdr message = ref _headers[slot];
        message.Header.NameLength = (uint)nameLength;
        message.Length = 0;
        _vectors[slot].Length = (nuint)length;
    }

    private static T* AddressOf<T>(T[] pinned) where T : unmanaged =>
        (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

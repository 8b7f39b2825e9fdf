using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// Fixed storage for one recvmmsg/sendmmsg call: <see cref="Capacity"/> slots, each a data buffer of
/// <see cref="SlotSize"/> bytes, a sockaddr_storage and the mmsghdr pointing at both. Every array is allocated once
/// on the pinned heap, so the headers' pointers stay valid for the object's life and no call pins anything.
/// With <see cref="ControlSize"/> above 0 each slot also has room for ancillary data (a receive timestamp).
/// </summary>
internal sealed unsafe class DatagramSlots
{
    private readonly byte[] _data;
    private readonly SockAddrStorage[] _names;
    private readonly IoVec[] _vectors;
    private readonly MMsgHdr[] _headers;
    private readonly byte[] _control;

    public DatagramSlots(int capacity, int slotSize, int controlSize = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotSize);
        ArgumentOutOfRangeException.ThrowIfNegative(controlSize);
        Capacity = capacity;
        SlotSize = slotSize;
        ControlSize = controlSize;
        _control = GC.AllocateArray<byte>(Math.Max(1, capacity * controlSize), pinned: true);
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
            if (controlSize > 0)
            {
                header.Control = AddressOf(_control) + (i * controlSize);
                header.ControlLength = (nuint)controlSize;
            }
        }
    }

    /// <summary>Octets of ancillary data room per slot (0: none).</summary>
    public int ControlSize { get; }

    /// <summary>The ancillary data the last receive left in a slot (as long as the kernel said it is).</summary>
    public ReadOnlySpan<byte> Control(int slot) =>
        _control.AsSpan(slot * ControlSize, (int)Math.Min((nuint)ControlSize, _headers[slot].Header.ControlLength));

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
        message.Header.ControlLength = (nuint)ControlSize;
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

    /// <summary>The first element of an array allocated on the pinned heap (its address never changes).</summary>
    internal static T* AddressOf<T>(T[] pinned) where T : unmanaged =>
        (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}

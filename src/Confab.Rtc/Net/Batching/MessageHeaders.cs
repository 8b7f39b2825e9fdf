using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

// The blittable layouts recvmmsg(2) and sendmmsg(2) read and write (<sys/socket.h>, <bits/uio.h>), for 64- and
// 32-bit little-endian Linux: pointer- and size_t-sized fields are nint/nuint, so sequential layout gives the
// C struct's padding.

/// <summary>struct iovec: one buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public byte* Base;
    public nuint Length;
}

/// <summary>struct msghdr: the address, the buffers, no ancillary data.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct mmsghdr: a message header and the byte count the call reports for it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}

/// <summary>struct sockaddr_storage: room for any socket address (128 bytes).</summary>
[InlineArray(Size)]
internal struct SockAddrStorage
{
    public const int Size = 128;

    private byte _first;
}

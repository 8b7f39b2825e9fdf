using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// The two Linux system calls that move many datagrams per call. recvmmsg(2): fills up to <c>vlen</c> message
/// headers; with MSG_WAITFORONE it blocks (up to the socket's SO_RCVTIMEO) for the first datagram only and then
/// takes what is already queued. sendmmsg(2): sends the headers in order and returns how many went out; an error
/// after the first one is not reported (the count is short), an error on the first one is -1 with errno.
/// Both return -1 with ENOSYS where the kernel lacks them.
/// </summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    // <sys/socket.h> flags and <errno.h> values, identical on x86-64 and arm64 Linux.
    public const int MsgTrunc = 0x20;
    public const int MsgDontWait = 0x40;
    public const int MsgWaitForOne = 0x10000;
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoSys = 38;

    [LibraryImport(Library, EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int socket, MMsgHdr* messages, uint count, int flags, nint timeout);

    [LibraryImport(Library, EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int socket, MMsgHdr* messages, uint count, int flags);
}

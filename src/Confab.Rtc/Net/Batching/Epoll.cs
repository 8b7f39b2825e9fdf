using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Confab.Rtc.Net.Batching;

/// <summary>
/// epoll(7): one wait for readiness over many sockets. <c>struct epoll_event</c> is a 32-bit event mask and a
/// 64-bit user word; x86-64 packs it to 12 octets, other architectures align the word to 8 (16 octets), so events
/// are read at offsets rather than through one struct layout.
/// </summary>
internal static unsafe partial class Epoll
{
    private const string Library = "libc";

    public const int CloseOnExec = 0x80000; // EPOLL_CLOEXEC
    public const int Add = 1;                // EPOLL_CTL_ADD
    public const int Delete = 2;             // EPOLL_CTL_DEL
    public const uint In = 0x001;            // EPOLLIN

    /// <summary>Octets per <c>struct epoll_event</c> on this architecture.</summary>
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int Create(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int Control(int epoll, int operation, int fd, byte* eventBytes);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int Wait(int epoll, byte* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>Writes one event (mask and user word) at <paramref name="target"/>.</summary>
    public static void WriteEvent(byte* target, uint events, ulong data)
    {
        *(uint*)target = events;
        Unsafe.WriteUnaligned(target + DataOffset, data);
    }

    /// <summary>The user word of event <paramref name="index"/> in a buffer filled by <see cref="Wait"/>.</summary>
    public static ulong ReadData(byte* events, int index) => Unsafe.ReadUnaligned<ulong>(events + (index * EventSize) + DataOffset);
}

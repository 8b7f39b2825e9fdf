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
    private static partial int WaitMilliseconds(int epoll, byte* events, int maxEvents, int timeoutMilliseconds);

    // epoll_pwait2(2), Linux 5.11 and glibc 2.35: the timeout as a struct timespec, so a wait can end between two
    // milliseconds.
    [LibraryImport(Library, EntryPoint = "epoll_pwait2", SetLastError = true)]
    private static partial int WaitPrecise(int epoll, byte* events, int maxEvents, Timespec* timeout, void* signalMask);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    private static bool s_preciseMissing;

    /// <summary>
    /// Waits up to <paramref name="timeoutNanoseconds"/> for readiness; to the nanosecond where epoll_pwait2(2) exists,
    /// else rounded up to the next millisecond. Returns the number of events (0 on a timeout or an error such as EINTR).
    /// </summary>
    public static int Wait(int epoll, byte* events, int maxEvents, long timeoutNanoseconds)
    {
        if (!s_preciseMissing && IntPtr.Size == 8)
        {
            try
            {
                var timeout = new Timespec { Seconds = (nint)(timeoutNanoseconds / 1_000_000_000), Nanoseconds = (nint)(timeoutNanoseconds % 1_000_000_000) };
                int ready = WaitPrecise(epoll, events, maxEvents, &timeout, null);
                if (ready >= 0 || Marshal.GetLastPInvokeError() != Libc.ENoSys)
                {
                    return Math.Max(ready, 0);
                }
            }
            catch (EntryPointNotFoundException)
            {
            }
            s_preciseMissing = true;
        }
        int milliseconds = (int)Math.Min((timeoutNanoseconds + 999_999) / 1_000_000, int.MaxValue);
        return Math.Max(WaitMilliseconds(epoll, events, maxEvents, milliseconds), 0);
    }

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

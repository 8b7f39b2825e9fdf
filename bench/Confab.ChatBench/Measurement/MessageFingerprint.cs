using System.Runtime.InteropServices;

namespace Confab.ChatBench.Measurement;

/// <summary>
/// An order-free fingerprint of a set of (sequence number, message id) pairs: the wrapping sum of a 64-bit mix of each pair. Two
/// sides that saw the same messages under the same ids have the same sum, so a receiver can be checked against the
/// acknowledgements without keeping every id it got.
/// </summary>
internal static class MessageFingerprint
{
    public static long Of(long sequence, Guid messageId)
    {
        Span<ulong> halves = stackalloc ulong[2];
        MemoryMarshal.Write(MemoryMarshal.AsBytes(halves), in messageId);
        return (long)Mix(halves[0] ^ Mix(halves[1] ^ Mix((ulong)sequence)));
    }

    // splitmix64's finaliser.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

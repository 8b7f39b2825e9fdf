using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Confab.Rtc.Srtp;

/// <summary>How a counter mode numbers its blocks: the counter block for the n-th block of keystream.</summary>
internal interface ICounterBlocks
{
    Vector128<byte> Block(ulong index);
}

/// <summary>
/// Counter-mode keystream on AES-NI, XORed straight onto the data: eight counter blocks per step, then four,
/// then one, then the tail. Shared by AES-CM (RFC 3711 §4.1.1) and GCM's GCTR (NIST SP 800-38D §6.5), which
/// differ only in how they number their counter blocks (<typeparamref name="TCounter"/>, a struct, so the
/// JIT specialises the loop for each and nothing is called through an interface at run time).
/// </summary>
internal static class AesNiKeystream
{
    private const int BlockLength = 16;
    private const int StrideBlocks = 4;
    private const int StrideLength = StrideBlocks * BlockLength;
    private const int WideBlocks = 8;

    public static void Apply<TCounter>(AesNiBlockCipher aes, TCounter counters, Span<byte> data)
        where TCounter : struct, ICounterBlocks
    {
        ref byte target = ref MemoryMarshal.GetReference(data);
        int length = data.Length;
        int offset = 0;
        ulong index = 0;
        Span<Vector128<byte>> eight = stackalloc Vector128<byte>[WideBlocks];
        for (; offset <= length - (WideBlocks * BlockLength); offset += WideBlocks * BlockLength, index += WideBlocks)
        {
            for (int i = 0; i < WideBlocks; i++)
            {
                eight[i] = counters.Block(index + (ulong)i);
            }

            aes.Encrypt8(eight);
            ref byte at = ref Unsafe.Add(ref target, offset);
            for (int i = 0; i < WideBlocks; i++)
            {
                (eight[i] ^ Vector128.LoadUnsafe(ref at, (nuint)(i * BlockLength))).StoreUnsafe(ref at, (nuint)(i * BlockLength));
            }
        }

        for (; offset <= length - StrideLength; offset += StrideLength, index += StrideBlocks)
        {
            Vector128<byte> b0 = counters.Block(index);
            Vector128<byte> b1 = counters.Block(index + 1);
            Vector128<byte> b2 = counters.Block(index + 2);
            Vector128<byte> b3 = counters.Block(index + 3);
            aes.Encrypt4(ref b0, ref b1, ref b2, ref b3);
            ref byte at = ref Unsafe.Add(ref target, offset);
            (b0 ^ Vector128.LoadUnsafe(ref at)).StoreUnsafe(ref at);
            (b1 ^ Vector128.LoadUnsafe(ref at, 16)).StoreUnsafe(ref at, 16);
            (b2 ^ Vector128.LoadUnsafe(ref at, 32)).StoreUnsafe(ref at, 32);
            (b3 ^ Vector128.LoadUnsafe(ref at, 48)).StoreUnsafe(ref at, 48);
        }

        for (; offset <= length - BlockLength; offset += BlockLength, index++)
        {
            ref byte at = ref Unsafe.Add(ref target, offset);
            (aes.Encrypt(counters.Block(index)) ^ Vector128.LoadUnsafe(ref at)).StoreUnsafe(ref at);
        }

        if (offset < length)
        {
            Span<byte> keystream = stackalloc byte[BlockLength];
            aes.Encrypt(counters.Block(index)).CopyTo(keystream);
            AesCounterModeCipher.XorInPlace(data[offset..], keystream);
        }
    }
}

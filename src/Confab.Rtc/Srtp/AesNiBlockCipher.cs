using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AES-128/AES-256 block encryption (FIPS 197) with AES-NI, one block or four interleaved blocks at a
/// time so the AES unit's pipeline stays full. Used for counter-mode keystreams.
/// </summary>
internal sealed class AesNiBlockCipher
{
    private readonly Vector128<byte>[] _roundKeys;
    private readonly int _rounds;

    public AesNiBlockCipher(ReadOnlySpan<byte> key)
    {
        _roundKeys = AesKeySchedule.Expand(key);
        _rounds = _roundKeys.Length - 1;
    }

    public static bool IsSupported => X86Aes.IsSupported && Sse2.IsSupported;

    public Vector128<byte> Encrypt(Vector128<byte> block)
    {
        ref Vector128<byte> keys = ref MemoryMarshal.GetArrayDataReference(_roundKeys);
        block ^= keys;
        for (int round = 1; round < _rounds; round++)
        {
            block = X86Aes.Encrypt(block, Unsafe.Add(ref keys, round));
        }

        return X86Aes.EncryptLast(block, Unsafe.Add(ref keys, _rounds));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encrypt4(ref Vector128<byte> b0, ref Vector128<byte> b1, ref Vector128<byte> b2, ref Vector128<byte> b3)
    {
        ref Vector128<byte> keys = ref MemoryMarshal.GetArrayDataReference(_roundKeys);
        Vector128<byte> k = keys;
        Vector128<byte> x0 = b0 ^ k;
        Vector128<byte> x1 = b1 ^ k;
        Vector128<byte> x2 = b2 ^ k;
        Vector128<byte> x3 = b3 ^ k;
        for (int round = 1; round < _rounds; round++)
        {
            k = Unsafe.Add(ref keys, round);
            x0 = X86Aes.Encrypt(x0, k);
            x1 = X86Aes.Encrypt(x1, k);
            x2 = X86Aes.Encrypt(x2, k);
            x3 = X86Aes.Encrypt(x3, k);
        }

        k = Unsafe.Add(ref keys, _rounds);
        b0 = X86Aes.EncryptLast(x0, k);
        b1 = X86Aes.EncryptLast(x1, k);
        b2 = X86Aes.EncryptLast(x2, k);
        b3 = X86Aes.EncryptLast(x3, k);
    }

    /// <summary>Encrypts eight blocks in place: enough independent work to cover AESENC latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encrypt8(Span<Vector128<byte>> blocks)
    {
        ref Vector128<byte> keys = ref MemoryMarshal.GetArrayDataReference(_roundKeys);
        ref Vector128<byte> b = ref MemoryMarshal.GetReference(blocks[..8]);
        Vector128<byte> k = keys;
        Vector128<byte> x0 = b ^ k;
        Vector128<byte> x1 = Unsafe.Add(ref b, 1) ^ k;
        Vector128<byte> x2 = Unsafe.Add(ref b, 2) ^ k;
        Vector128<byte> x3 = Unsafe.Add(ref b, 3) ^ k;
        Vector128<byte> x4 = Unsafe.Add(ref b, 4) ^ k;
        Vector128<byte> x5 = Unsafe.Add(ref b, 5) ^ k;
        Vector128<byte> x6 = Unsafe.Add(ref b, 6) ^ k;
        Vector128<byte> x7 = Unsafe.Add(ref b, 7) ^ k;
        for (int round = 1; round < _rounds; round++)
        {
            k = Unsafe.Add(ref keys, round);
            x0 = X86Aes.Encrypt(x0, k);
            x1 = X86Aes.Encrypt(x1, k);
            x2 = X86Aes.Encrypt(x2, k);
            x3 = X86Aes.Encrypt(x3, k);
            x4 = X86Aes.Encrypt(x4, k);
            x5 = X86Aes.Encrypt(x5, k);
            x6 = X86Aes.Encrypt(x6, k);
            x7 = X86Aes.Encrypt(x7, k);
        }

        k = Unsafe.Add(ref keys, _rounds);
        b = X86Aes.EncryptLast(x0, k);
        Unsafe.Add(ref b, 1) = X86Aes.EncryptLast(x1, k);
        Unsafe.Add(ref b, 2) = X86Aes.EncryptLast(x2, k);
        Unsafe.Add(ref b, 3) = X86Aes.EncryptLast(x3, k);
        Unsafe.Add(ref b, 4) = X86Aes.EncryptLast(x4, k);
        Unsafe.Add(ref b, 5) = X86Aes.EncryptLast(x5, k);
        Unsafe.Add(ref b, 6) = X86Aes.EncryptLast(x6, k);
        Unsafe.Add(ref b, 7) = X86Aes.EncryptLast(x7, k);
    }

    public void Clear() => Array.Clear(_roundKeys);
}

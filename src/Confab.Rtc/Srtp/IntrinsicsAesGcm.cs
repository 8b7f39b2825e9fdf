using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AES-GCM (NIST SP 800-38D) on AES-NI and PCLMULQDQ, for 96-bit nonces and 16-octet tags:
/// <code>
/// H  = E(K, 0^128)                 J0 = nonce || 0x00000001
/// C  = P XOR E(K, J0+1) || E(K, J0+2) || ...        (32-bit big-endian counter)
/// S  = GHASH_H(A || 0-pad || C || 0-pad || [len(A)]64 || [len(C)]64)
/// T  = E(K, J0) XOR S
/// </code>
/// GHASH works on byte-reversed blocks so that carry-less multiplication applies directly (the
/// "reflected" method of Gueron and Kounavis, Intel white paper on CLMUL for GCM); up to eight blocks are
/// multiplied by H^8..H^1 (three multiplications each, Karatsuba's, with each power's two halves XORed
/// ahead) and reduced once, the AAD, the ciphertext and the lengths block as one sequence
/// (<see cref="GhashInput"/>); where VPCLMULQDQ is, eight whole blocks of ciphertext go two per multiplication
/// (<see cref="WideGroup"/>). Counter blocks are encrypted eight at a time.
/// Decryption checks the tag before it decrypts, so a forged packet is left as it came.
/// No allocation after construction; the round keys and powers of H are read-only, so calls keep no
/// state between them.
/// </summary>
internal sealed partial class IntrinsicsAesGcm : GcmAead
{
    private const int BlockLength = 16;
    private const int StrideBlocks = 8;

    private readonly AesNiBlockCipher _aes;
    private readonly PowersOfH _powers; // H^8 first, as the first block of a stride is multiplied by it
    private readonly WidePowers? _wide; // the same in pairs, for WideGroup; null where that path is off

    public IntrinsicsAesGcm(ReadOnlySpan<byte> key)
        : this(key, wideGhash: WideGhashIsSupported)
    {
    }

    /// <param name="key">The AES key (16 or 32 octets).</param>
    /// <param name="wideGhash">Whether whole groups of eight blocks take the 256-bit path (only where it is supported).</param>
    internal IntrinsicsAesGcm(ReadOnlySpan<byte> key, bool wideGhash)
    {
        _aes = new AesNiBlockCipher(key);
        Vector128<byte> h = _aes.Encrypt(Vector128<byte>.Zero);
        Vector128<ulong> h1 = Reflect(h).AsUInt64();
        Vector128<ulong> power = h1;
        for (int i = StrideBlocks - 1; i >= 0; i--)
        {
            _powers[i] = new HPower(power);
            power = Multiply(power, h1);
        }
        _wide = wideGhash && WideGhashIsSupported ? new WidePowers(_powers) : null;
    }

    /// <summary>A power of H with its two 64-bit halves XORed into the low half, for Karatsuba's middle product.</summary>
    private readonly struct HPower(Vector128<ulong> value)
    {
        public readonly Vector128<ulong> Value = value;
        public readonly Vector128<ulong> Folded = Fold(value);
    }

    [InlineArray(StrideBlocks)]
    private struct PowersOfH
    {
        private HPower _first;
    }

    public static bool IsSupported => AesNiBlockCipher.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

    public override void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> aad)
    {
        Vector128<byte> j0 = InitialCounter(nonce);
        ApplyKeystream(j0, data);
        ComputeTag(j0, aad, data).CopyTo(tag);
    }

    public override bool TryDecrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        Vector128<byte> j0 = InitialCounter(nonce);
        Vector128<byte> expected = ComputeTag(j0, aad, data);
        Span<byte> expectedBytes = stackalloc byte[BlockLength];
        expected.CopyTo(expectedBytes);
        if (!CryptographicOperations.FixedTimeEquals(expectedBytes, tag))
        {
            return false;
        }

        ApplyKeystream(j0, data);
        return true;
    }

    public override void Dispose() => _aes.Clear();

    private static Vector128<byte> InitialCounter(ReadOnlySpan<byte> nonce)
    {
        Span<byte> block = stackalloc byte[BlockLength];
        nonce[..NonceLength].CopyTo(block);
        BinaryPrimitives.WriteUInt32BigEndian(block[NonceLength..], 1);
        return Vector128.Create((ReadOnlySpan<byte>)block);
    }

    private static Vector128<byte> WithCounter(Vector128<byte> j0, uint counter) =>
        j0.AsUInt32().WithElement(3, BinaryPrimitives.ReverseEndianness(counter)).AsByte();

    /// <summary>data ^= E(K, J0+1) || E(K, J0+2) || ... (GCTR from inc32(J0), NIST SP 800-38D §7.1).</summary>
    private void ApplyKeystream(Vector128<byte> j0, Span<byte> data) => AesNiKeystream.Apply(_aes, new GcmCounterBlocks(j0), data);

    // The first keystream block uses counter 2 (counter 1 encrypts the tag).
    private readonly struct GcmCounterBlocks(Vector128<byte> j0) : ICounterBlocks
    {
        private const uint FirstCounter = 2;

        public Vector128<byte> Block(ulong index) => WithCounter(j0, FirstCounter + (uint)index);
    }

    private Vector128<byte> ComputeTag(Vector128<byte> j0, ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext) =>
        _aes.Encrypt(j0) ^ Reflect(Ghash(new GhashInput(aad, ciphertext)).AsByte());

    /// <summary>
    /// GHASH_H(X_1 .. X_m) = X_1*H^m ^ X_2*H^(m-1) ^ ... ^ X_m*H, taken up to eight blocks at a time: each block
    /// multiplied by its own power of H, the products added unreduced and reduced once. The first group takes the
    /// m mod 8 blocks left over (all eight if none are), so that every later group is whole and a short packet (an
    /// audio frame, an RTCP report) is reduced once or twice, not once per block.
    /// </summary>
    private Vector128<ulong> Ghash(GhashInput input)
    {
        int count = input.Count;
        int group = count % StrideBlocks == 0 ? StrideBlocks : count % StrideBlocks;
        Vector128<ulong> x = Vector128<ulong>.Zero;
        for (int first = 0; first < count; first += group, group = StrideBlocks)
        {
            if (_wide is { } wide && group == StrideBlocks && input.AreWholeCiphertext(first, StrideBlocks))
            {
                x = WideGroup(x, ref input.CiphertextBlock(first), wide);
                continue;
            }
            // Block t of a group of g is multiplied by H^(g - t), which _powers holds at StrideBlocks - g + t.
            int power = StrideBlocks - group;
            Vector128<ulong> low = Vector128<ulong>.Zero;
            Vector128<ulong> middle = Vector128<ulong>.Zero;
            Vector128<ulong> high = Vector128<ulong>.Zero;
            AccumulateKaratsuba(x ^ Reflect(input.Block(first)).AsUInt64(), _powers[power], ref low, ref middle, ref high);
            for (int t = 1; t < group; t++)
            {
                AccumulateKaratsuba(Reflect(input.Block(first + t)).AsUInt64(), _powers[power + t], ref low, ref middle, ref high);
            }
            x = Reduce(low, middle ^ low ^ high, high);
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Reflect(Vector128<byte> block) =>
        Ssse3.Shuffle(block, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));

    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        Vector128<ulong> low = Vector128<ulong>.Zero;
        Vector128<ulong> middle = Vector128<ulong>.Zero;
        Vector128<ulong> high = Vector128<ulong>.Zero;
        Accumulate(a, b, ref low, ref middle, ref high);
        return Reduce(low, middle, high);
    }

    /// <summary>Adds the unreduced 256-bit carry-less product a*b as low, middle (cross terms) and high.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(
        Vector128<ulong> a,
        Vector128<ulong> b,
        ref Vector128<ulong> low,
        ref Vector128<ulong> middle,
        ref Vector128<ulong> high)
    {
        low ^= Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        high ^= Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        middle ^= Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
    }

    /// <summary>The two 64-bit halves of <paramref name="value"/> XORed, in the low half.</summary>
    private static Vector128<ulong> Fold(Vector128<ulong> value) => value ^ Sse2.ShiftRightLogical128BitLane(value, 8);

    /// <summary>
    /// Adds a*b as <see cref="Accumulate"/> does with three multiplications instead of four: the cross terms come later
    /// as middle ^ low ^ high, where middle sums (a.hi ^ a.lo) * (b.hi ^ b.lo).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateKaratsuba(
        Vector128<ulong> a,
        in HPower b,
        ref Vector128<ulong> low,
        ref Vector128<ulong> middle,
        ref Vector128<ulong> high)
    {
        low ^= Pclmulqdq.CarrylessMultiply(a, b.Value, 0x00);
        high ^= Pclmulqdq.CarrylessMultiply(a, b.Value, 0x11);
        middle ^= Pclmulqdq.CarrylessMultiply(Fold(a), b.Folded, 0x00);
    }

    /// <summary>
    /// Folds the cross terms, shifts the 256-bit product left by one bit (the reflection) and reduces it
    /// modulo x^128 + x^7 + x^2 + x + 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Reduce(Vector128<ulong> low, Vector128<ulong> middle, Vector128<ulong> high)
    {
        Vector128<uint> lo = (low ^ Sse2.ShiftLeftLogical128BitLane(middle, 8)).AsUInt32();
        Vector128<uint> hi = (high ^ Sse2.ShiftRightLogical128BitLane(middle, 8)).AsUInt32();

        Vector128<uint> loCarry = Sse2.ShiftRightLogical(lo, 31);
        Vector128<uint> hiCarry = Sse2.ShiftRightLogical(hi, 31);
        lo = Sse2.ShiftLeftLogical(lo, 1);
        hi = Sse2.ShiftLeftLogical(hi, 1);
        Vector128<uint> crossCarry = Sse2.ShiftRightLogical128BitLane(loCarry, 12);
        hiCarry = Sse2.ShiftLeftLogical128BitLane(hiCarry, 4);
        loCarry = Sse2.ShiftLeftLogical128BitLane(loCarry, 4);
        lo |= loCarry;
        hi |= hiCarry | crossCarry;

        Vector128<uint> t = Sse2.ShiftLeftLogical(lo, 31) ^ Sse2.ShiftLeftLogical(lo, 30) ^ Sse2.ShiftLeftLogical(lo, 25);
        Vector128<uint> tHigh = Sse2.ShiftRightLogical128BitLane(t, 4);
        t = Sse2.ShiftLeftLogical128BitLane(t, 12);
        lo ^= t;
        Vector128<uint> folded = Sse2.ShiftRightLogical(lo, 1) ^ Sse2.ShiftRightLogical(lo, 2)
            ^ Sse2.ShiftRightLogical(lo, 7) ^ tHigh;
        lo ^= folded;
        return (hi ^ lo).AsUInt64();
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Confab.Rtc.Srtp;

/// <summary>
/// GHASH of eight whole blocks with VPCLMULQDQ on 256-bit vectors: two blocks per carry-less multiplication, each 128-bit
/// lane multiplied by its own power of H (the same Karatsuba products as the 128-bit path), the lanes added and reduced once.
/// </summary>
internal sealed partial class IntrinsicsAesGcm
{
    /// <summary>Whether this machine has the 256-bit carry-less multiplication (VPCLMULQDQ) and byte shuffle (AVX2).</summary>
    internal static bool WideGhashIsSupported => Pclmulqdq.V256.IsSupported && Avx2.IsSupported;

    /// <summary>H^8..H^1 in pairs, the power for a pair's first block in its low lane, with their folded halves.</summary>
    private sealed class WidePowers(PowersOfH powers)
    {
        public readonly Vector256<ulong> Value0 = Vector256.Create(powers[0].Value, powers[1].Value);
        public readonly Vector256<ulong> Value1 = Vector256.Create(powers[2].Value, powers[3].Value);
        public readonly Vector256<ulong> Value2 = Vector256.Create(powers[4].Value, powers[5].Value);
        public readonly Vector256<ulong> Value3 = Vector256.Create(powers[6].Value, powers[7].Value);
        public readonly Vector256<ulong> Folded0 = Vector256.Create(powers[0].Folded, powers[1].Folded);
        public readonly Vector256<ulong> Folded1 = Vector256.Create(powers[2].Folded, powers[3].Folded);
        public readonly Vector256<ulong> Folded2 = Vector256.Create(powers[4].Folded, powers[5].Folded);
        public readonly Vector256<ulong> Folded3 = Vector256.Create(powers[6].Folded, powers[7].Folded);
    }

    /// <summary>((x XOR B_0) * H^8) XOR (B_1 * H^7) XOR ... XOR (B_7 * H), reduced: the eight blocks at <paramref name="blocks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> WideGroup(Vector128<ulong> x, ref byte blocks, WidePowers h)
    {
        Vector256<ulong> a0 = ReflectPair(Vector256.LoadUnsafe(ref blocks)) ^ Vector256.Create(x, Vector128<ulong>.Zero);
        Vector256<ulong> a1 = ReflectPair(Vector256.LoadUnsafe(ref blocks, 32));
        Vector256<ulong> a2 = ReflectPair(Vector256.LoadUnsafe(ref blocks, 64));
        Vector256<ulong> a3 = ReflectPair(Vector256.LoadUnsafe(ref blocks, 96));

        Vector256<ulong> low = Pclmulqdq.V256.CarrylessMultiply(a0, h.Value0, 0x00) ^ Pclmulqdq.V256.CarrylessMultiply(a1, h.Value1, 0x00)
            ^ Pclmulqdq.V256.CarrylessMultiply(a2, h.Value2, 0x00) ^ Pclmulqdq.V256.CarrylessMultiply(a3, h.Value3, 0x00);
        Vector256<ulong> high = Pclmulqdq.V256.CarrylessMultiply(a0, h.Value0, 0x11) ^ Pclmulqdq.V256.CarrylessMultiply(a1, h.Value1, 0x11)
            ^ Pclmulqdq.V256.CarrylessMultiply(a2, h.Value2, 0x11) ^ Pclmulqdq.V256.CarrylessMultiply(a3, h.Value3, 0x11);
        Vector256<ulong> middle = Pclmulqdq.V256.CarrylessMultiply(FoldPair(a0), h.Folded0, 0x00)
            ^ Pclmulqdq.V256.CarrylessMultiply(FoldPair(a1), h.Folded1, 0x00)
            ^ Pclmulqdq.V256.CarrylessMultiply(FoldPair(a2), h.Folded2, 0x00)
            ^ Pclmulqdq.V256.CarrylessMultiply(FoldPair(a3), h.Folded3, 0x00);

        Vector128<ulong> lowSum = low.GetLower() ^ low.GetUpper();
        Vector128<ulong> highSum = high.GetLower() ^ high.GetUpper();
        Vector128<ulong> middleSum = middle.GetLower() ^ middle.GetUpper();
        return Reduce(lowSum, middleSum ^ lowSum ^ highSum, highSum);
    }

    // Each 128-bit lane byte-reversed, as Reflect does for one block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> ReflectPair(Vector256<byte> pair) =>
        Avx2.Shuffle(pair, Vector256.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
            15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)).AsUInt64();

    // Each lane's two 64-bit halves XORed into its low half, as Fold does for one block.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> FoldPair(Vector256<ulong> pair) => pair ^ Avx2.ShiftRightLogical128BitLane(pair, 8);
}

using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Confab.Rtc.Srtp;

/// <summary>AES-128 and AES-256 key expansion (FIPS 197 §5.2) with AESKEYGENASSIST.</summary>
internal static class AesKeySchedule
{
    /// <summary>Round keys: 11 for a 16-octet key, 15 for a 32-octet key.</summary>
    public static Vector128<byte>[] Expand(ReadOnlySpan<byte> key) => key.Length switch
    {
        16 => Expand128(Vector128.Create(key)),
        32 => Expand256(Vector128.Create(key), Vector128.Create(key[16..])),
        _ => throw new ArgumentException("AES key must be 16 or 32 octets.", nameof(key)),
    };

    private static Vector128<byte>[] Expand128(Vector128<byte> key)
    {
        var keys = new Vector128<byte>[11];
        keys[0] = key;
        keys[1] = key = Next(key, X86Aes.KeygenAssist(key, 0x01), 0xFF);
        keys[2] = key = Next(key, X86Aes.KeygenAssist(key, 0x02), 0xFF);
        keys[3] = key = Next(key, X86Aes.KeygenAssist(key, 0x04), 0xFF);
        keys[4] = key = Next(key, X86Aes.KeygenAssist(key, 0x08), 0xFF);
        keys[5] = key = Next(key, X86Aes.KeygenAssist(key, 0x10), 0xFF);
        keys[6] = key = Next(key, X86Aes.KeygenAssist(key, 0x20), 0xFF);
        keys[7] = key = Next(key, X86Aes.KeygenAssist(key, 0x40), 0xFF);
        keys[8] = key = Next(key, X86Aes.KeygenAssist(key, 0x80), 0xFF);
        keys[9] = key = Next(key, X86Aes.KeygenAssist(key, 0x1B), 0xFF);
        keys[10] = Next(key, X86Aes.KeygenAssist(key, 0x36), 0xFF);
        return keys;
    }

    private static Vector128<byte>[] Expand256(Vector128<byte> even, Vector128<byte> odd)
    {
        var keys = new Vector128<byte>[15];
        keys[0] = even;
        keys[1] = odd;
        keys[2] = even = Next(even, X86Aes.KeygenAssist(odd, 0x01), 0xFF);
        keys[3] = odd = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[4] = even = Next(even, X86Aes.KeygenAssist(odd, 0x02), 0xFF);
        keys[5] = odd = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[6] = even = Next(even, X86Aes.KeygenAssist(odd, 0x04), 0xFF);
        keys[7] = odd = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[8] = even = Next(even, X86Aes.KeygenAssist(odd, 0x08), 0xFF);
        keys[9] = odd = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[10] = even = Next(even, X86Aes.KeygenAssist(odd, 0x10), 0xFF);
        keys[11] = odd = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[12] = even = Next(even, X86Aes.KeygenAssist(odd, 0x20), 0xFF);
        keys[13] = Next(odd, X86Aes.KeygenAssist(even, 0x00), 0xAA);
        keys[14] = Next(even, X86Aes.KeygenAssist(keys[13], 0x40), 0xFF);
        return keys;
    }

    /// <summary>w[i..i+3] from w[i-Nk..] and the broadcast word of the key-generation assist.</summary>
    private static Vector128<byte> Next(Vector128<byte> previous, Vector128<byte> assist, byte broadcast)
    {
        Vector128<uint> word = broadcast == 0xFF
            ? Sse2.Shuffle(assist.AsUInt32(), 0xFF)
            : Sse2.Shuffle(assist.AsUInt32(), 0xAA);
        Vector128<uint> key = previous.AsUInt32();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return (key ^ word).AsByte();
    }
}

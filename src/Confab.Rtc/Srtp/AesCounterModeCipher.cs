using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Confab.Rtc.Srtp;

/// <summary>
/// AES in counter mode (RFC 3711 §4.1.1): keystream = E(k, IV) || E(k, IV + 1) || ..., XORed onto the
/// data. With AES-NI the counter blocks are encrypted eight at a time in registers and XORed straight
/// onto the data (<see cref="AesNiKeystream"/>); otherwise the counter blocks of a whole packet go through one AES-ECB call of the
/// platform's crypto library (one call per 2 KiB) and are XORed with vector instructions.
/// Owns its scratch buffers: not thread-safe.
/// </summary>
internal sealed class AesCounterModeCipher : IDisposable
{
    public const int BlockLength = 16;
    private const int ChunkBlocks = 128;
    private const int ChunkLength = ChunkBlocks * BlockLength;

    private readonly AesNiBlockCipher? _aesNi;
    private readonly Aes? _aes;
    private readonly ICryptoTransform? _ecb;
    private readonly byte[] _counterBlocks = [];
    private readonly byte[] _keystream = [];

    public AesCounterModeCipher(ReadOnlySpan<byte> key, bool useAesNi = true)
    {
        if (useAesNi && AesNiBlockCipher.IsSupported)
        {
            _aesNi = new AesNiBlockCipher(key);
            return;
        }

        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
        _counterBlocks = new byte[ChunkLength];
        _keystream = new byte[ChunkLength];
    }

    /// <summary>XORs the keystream that starts at counter block <paramref name="iv"/> onto <paramref name="data"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data) =>
        Apply(BinaryPrimitives.ReadUInt64BigEndian(iv), BinaryPrimitives.ReadUInt64BigEndian(iv[8..]), data);

    /// <summary>
    /// Same, with the 128-bit IV given as two big-endian halves. The block counter is added to the low
    /// half; SRTP IVs end in 16 zero bits and packets are far shorter than 2^16 blocks, so it never carries.
    /// </summary>
    public void Apply(ulong ivHigh, ulong ivLow, Span<byte> data)
    {
        ulong ivHighBigEndian = BinaryPrimitives.ReverseEndianness(ivHigh);
        if (_aesNi is not null)
        {
            ApplyAesNi(ivHighBigEndian, ivLow, data);
            return;
        }

        ulong blockNumber = 0;
        ref byte counters = ref MemoryMarshal.GetArrayDataReference(_counterBlocks);
        while (!data.IsEmpty)
        {
            int chunk = Math.Min(data.Length, ChunkLength);
            int blocks = (chunk + BlockLength - 1) / BlockLength;
            for (int block = 0; block < blocks; block++, blockNumber++)
            {
                ref byte counter = ref Unsafe.Add(ref counters, block * BlockLength);
                Unsafe.WriteUnaligned(ref counter, ivHighBigEndian);
                Unsafe.WriteUnaligned(
                    ref Unsafe.Add(ref counter, 8),
                    BinaryPrimitives.ReverseEndianness(ivLow + blockNumber));
            }

            _ecb!.TransformBlock(_counterBlocks, 0, blocks * BlockLength, _keystream, 0);
            XorInPlace(data[..chunk], _keystream);
            data = data[chunk..];
        }
    }

    /// <summary>The same keystream from AES-NI, XORed straight onto the data.</summary>
    private void ApplyAesNi(ulong ivHighBigEndian, ulong ivLow, Span<byte> data) =>
        AesNiKeystream.Apply(_aesNi!, new SrtpCounterBlocks(ivHighBigEndian, ivLow), data);

    // RFC 3711 §4.1.1: the IV's high half, then its low half plus the block index, big endian.
    private readonly struct SrtpCounterBlocks(ulong ivHighBigEndian, ulong ivLow) : ICounterBlocks
    {
        public Vector128<byte> Block(ulong index) => CounterBlock(ivHighBigEndian, ivLow + index);
    }

    private static Vector128<byte> CounterBlock(ulong ivHighBigEndian, ulong low) =>
        Vector128.Create(ivHighBigEndian, BinaryPrimitives.ReverseEndianness(low)).AsByte();

    /// <summary>data[i] ^= keystream[i] for every octet of <paramref name="data"/>.</summary>
    internal static void XorInPlace(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int length = data.Length;
        ref byte target = ref MemoryMarshal.GetReference(data);
        ref byte source = ref MemoryMarshal.GetReference(keystream[..length]);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                Vector256<byte> mixed = Vector256.LoadUnsafe(ref target, (nuint)i)
                    ^ Vector256.LoadUnsafe(ref source, (nuint)i);
                mixed.StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            Vector128<byte> mixed = Vector128.LoadUnsafe(ref target, (nuint)i)
                ^ Vector128.LoadUnsafe(ref source, (nuint)i);
            mixed.StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref target, i) ^= Unsafe.Add(ref source, i);
        }
    }

    public void Dispose()
    {
        _aesNi?.Clear();
        _ecb?.Dispose();
        _aes?.Dispose();
        CryptographicOperations.ZeroMemory(_keystream);
    }
}

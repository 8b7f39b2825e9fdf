using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Confab.Rtc.Srtp;

/// <summary>
/// The blocks GHASH takes for a GCM tag (NIST SP 800-38D §7.1 step 5), as one sequence without copying:
/// <code>A || 0-pad || C || 0-pad || [len(A)]64 || [len(C)]64</code>
/// Whole blocks of C are read in place; the two padded blocks and the lengths block are built once.
/// </summary>
internal ref struct GhashInput
{
    private const int BlockLength = 16;

    private readonly ReadOnlySpan<byte> _aad;
    private readonly ReadOnlySpan<byte> _ciphertext;
    private readonly int _aadBlocks;
    private readonly int _wholeCiphertextBlocks;
    private readonly Vector128<byte> _lastCiphertext; // C's zero-padded last block, when C does not end on a block
    private readonly Vector128<byte> _lengths;

    public GhashInput(ReadOnlySpan<byte> aad, ReadOnlySpan<byte> ciphertext)
    {
        _aad = aad;
        _ciphertext = ciphertext;
        _aadBlocks = (aad.Length + BlockLength - 1) / BlockLength;
        _wholeCiphertextBlocks = ciphertext.Length / BlockLength;
        int ciphertextBlocks = (ciphertext.Length + BlockLength - 1) / BlockLength;
        _lastCiphertext = ciphertextBlocks > _wholeCiphertextBlocks ? Padded(ciphertext[(_wholeCiphertextBlocks * BlockLength)..]) : default;
        _lengths = Vector128.Create(
            BinaryPrimitives.ReverseEndianness((ulong)aad.Length * 8),
            BinaryPrimitives.ReverseEndianness((ulong)ciphertext.Length * 8)).AsByte();
        Count = _aadBlocks + ciphertextBlocks + 1;
    }

    /// <summary>How many blocks: those of A and C, each padded to a whole block, and the lengths block.</summary>
    public int Count { get; }

    /// <summary>Whether blocks <paramref name="first"/> to <paramref name="first"/> + <paramref name="blocks"/> - 1 are all whole blocks of C.</summary>
    public readonly bool AreWholeCiphertext(int first, int blocks)
    {
        int inCiphertext = first - _aadBlocks;
        return inCiphertext >= 0 && inCiphertext + blocks <= _wholeCiphertextBlocks;
    }

    /// <summary>The first byte of block <paramref name="index"/>, a whole block of C (see <see cref="AreWholeCiphertext"/>).</summary>
    public readonly ref byte CiphertextBlock(int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetReference(_ciphertext), (index - _aadBlocks) * BlockLength);

    /// <summary>Block <paramref name="index"/> (0 to <see cref="Count"/> - 1), as it stands in memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly Vector128<byte> Block(int index)
    {
        int inCiphertext = index - _aadBlocks;
        if ((uint)inCiphertext < (uint)_wholeCiphertextBlocks)
        {
            return Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(_ciphertext), (nuint)(inCiphertext * BlockLength));
        }
        return OtherBlock(index, inCiphertext);
    }

    private readonly Vector128<byte> OtherBlock(int index, int inCiphertext)
    {
        if (index == Count - 1)
        {
            return _lengths;
        }
        if (inCiphertext >= 0)
        {
            return _lastCiphertext;
        }
        int offset = index * BlockLength;
        return _aad.Length - offset >= BlockLength
            ? Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(_aad), (nuint)offset)
            : Padded(_aad[offset..]);
    }

    private static Vector128<byte> Padded(ReadOnlySpan<byte> tail)
    {
        Span<byte> block = stackalloc byte[BlockLength];
        block.Clear();
        tail.CopyTo(block);
        return Vector128.Create((ReadOnlySpan<byte>)block);
    }
}

using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Confab.Client.Media;

/// <summary>One VP8 frame of a recording, and whether it is a key frame (RFC 6386 §9.1, P bit clear).</summary>
public sealed record Vp8Frame(ReadOnlyMemory<byte> Data, bool IsKeyFrame);

/// <summary>
/// A VP8 recording in the IVF container (what libvpx and ffmpeg write):
/// <code>
/// file header (32 bytes, little endian):
///   0  "DKIF"   4  version (0)   6  header length (32)   8  FourCC "VP80"
///   12 width    14 height        16 frame rate           20 time scale     24 frame count   28 unused
/// each frame: 4 bytes frame size, 8 bytes timestamp, then the frame
/// </code>
/// Real encoded frames let a browser decode what Confab.Client publishes.
/// </summary>
public sealed class IvfFile
{
    private const int FileHeaderLength = 32;
    private const int FrameHeaderLength = 12;
    private const int MaxFrameBytes = 4 * 1024 * 1024;
    private const byte InverseKeyFrameBit = 0x01;
    private static ReadOnlySpan<byte> Signature => "DKIF"u8;
    private static ReadOnlySpan<byte> Vp8FourCc => "VP80"u8;

    private IvfFile(int width, int height, IReadOnlyList<Vp8Frame> frames)
    {
        Width = width;
        Height = height;
        Frames = frames;
    }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<Vp8Frame> Frames { get; }

    public static bool TryRead(ReadOnlyMemory<byte> file, [NotNullWhen(true)] out IvfFile? ivf, [NotNullWhen(false)] out string? error)
    {
        ivf = null;
        ReadOnlySpan<byte> span = file.Span;
        if (span.Length < FileHeaderLength || !span[..4].SequenceEqual(Signature))
        {
            error = "not an IVF file (no DKIF header)";
            return false;
        }
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        if (headerLength < FileHeaderLength || headerLength > span.Length)
        {
            error = $"IVF header length {headerLength} is impossible";
            return false;
        }
        if (!span.Slice(8, 4).SequenceEqual(Vp8FourCc))
        {
            error = "the IVF file does not hold VP8";
            return false;
        }
        int width = BinaryPrimitives.ReadUInt16LittleEndian(span[12..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(span[14..]);
        var frames = new List<Vp8Frame>();
        int offset = headerLength;
        while (offset < span.Length)
        {
            if (span.Length - offset < FrameHeaderLength)
            {
                error = $"truncated frame header at byte {offset}";
                return false;
            }
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
            offset += FrameHeaderLength;
            if (size == 0 || size > MaxFrameBytes || size > (uint)(span.Length - offset))
            {
                error = $"frame of {size} bytes at byte {offset} does not fit the file";
                return false;
            }
            var data = file.Slice(offset, (int)size);
            frames.Add(new Vp8Frame(data, (data.Span[0] & InverseKeyFrameBit) == 0));
            offset += (int)size;
        }
        if (frames.Count == 0 || !frames[0].IsKeyFrame)
        {
            error = "the recording must start with a key frame";
            return false;
        }
        ivf = new IvfFile(width, height, frames);
        error = null;
        return true;
    }
}

using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Confab.Rtc.Srtp;

namespace Confab.Benchmarks.Srtp;

/// <summary>
/// Protect and unprotect of a 1200-octet RTP payload, Confab beside libsrtp2, for AES-CM-128 +
/// HMAC-SHA1-80 ("cm") and AEAD-AES-128-GCM ("gcm").
/// Protect works in place on one buffer and advances the sequence number every call (libsrtp refuses
/// a repeated index on send). Unprotect replays <see cref="PacketCount"/> distinct packets protected
/// in setup: each call copies the next one into the work buffer (the same copy for both libraries),
/// and after the last one the receiver is recreated so the replay window accepts them again; that
/// cost is spread over <see cref="PacketCount"/> calls.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public unsafe class SrtpBenchmarks
{
    private const int PayloadLength = 1200;
    private const int HeaderLength = 12;
    private const int PlainLength = HeaderLength + PayloadLength;
    private const int Stride = 1248;
    private const int WorkLength = PlainLength + LibSrtp.MaxTrailerLength;
    private const int PacketCount = 1024;
    private const uint Ssrc = 0x1234_5678;

    private byte[] _masterKey = [];
    private byte[] _masterSalt = [];
    private byte[] _work = [];
    private byte[] _protected = [];
    private int _protectedLength;
    private ushort _sequence;
    private int _next;
    private byte* _workPointer;

    private SrtpContext? _confabSender;
    private SrtpContext? _confabReceiver;
    private LibSrtpSession? _libSender;
    private LibSrtpSession? _libReceiver;

    [Params("cm", "gcm")]
    public string Suite { get; set; } = "cm";

    private bool Gcm => Suite == "gcm";

    private SrtpProfile Profile => Gcm ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12345);
        _masterKey = new byte[Profile.GetMasterKeyLength()];
        _masterSalt = new byte[Profile.GetMasterSaltLength()];
        random.NextBytes(_masterKey);
        random.NextBytes(_masterSalt);

        _work = GC.AllocateArray<byte>(WorkLength, pinned: true);
        fixed (byte* pointer = _work)
        {
            _workPointer = pointer;
        }

        _confabSender = SrtpContext.Create(Profile, _masterKey, _masterSalt);
        _confabReceiver = SrtpContext.Create(Profile, _masterKey, _masterSalt);
        _libSender = new LibSrtpSession(Gcm, outbound: true, _masterKey, _masterSalt);
        _libReceiver = new LibSrtpSession(Gcm, outbound: false, _masterKey, _masterSalt);

        // PacketCount distinct SRTP packets, seq 0..PacketCount-1. Both libraries produce the same bytes
        // for the same key and packet; that is checked here so the comparison is like for like.
        using var referenceSender = new LibSrtpSession(Gcm, outbound: true, _masterKey, _masterSalt);
        using SrtpContext confabSender = SrtpContext.Create(Profile, _masterKey, _masterSalt);
        _protected = GC.AllocateArray<byte>(Stride * PacketCount, pinned: true);
        byte[] mine = new byte[WorkLength];
        byte[] theirs = GC.AllocateArray<byte>(WorkLength, pinned: true);
        for (int i = 0; i < PacketCount; i++)
        {
            WritePlainPacket(theirs, (ushort)i, random);
            theirs.CopyTo(mine, 0);
            fixed (byte* pointer = theirs)
            {
                _protectedLength = referenceSender.Protect(pointer, PlainLength);
            }

            if (!confabSender.TryProtectRtp(mine, PlainLength, out int length, out SrtpError error)
                || length != _protectedLength
                || !mine.AsSpan(0, length).SequenceEqual(theirs.AsSpan(0, length)))
            {
                throw new InvalidOperationException($"Confab and libsrtp2 disagree on packet {i}: {error}.");
            }

            theirs.AsSpan(0, length).CopyTo(_protected.AsSpan(i * Stride, Stride));
        }

        WritePlainPacket(_work, 0, random);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _confabSender?.Dispose();
        _confabReceiver?.Dispose();
        _libSender?.Dispose();
        _libReceiver?.Dispose();
    }

    [Benchmark]
    public int ConfabProtect()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_work.AsSpan(2), ++_sequence);
        _confabSender!.TryProtectRtp(_work, PlainLength, out int length);
        return length;
    }

    [Benchmark]
    public int Libsrtp2Protect()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_work.AsSpan(2), ++_sequence);
        return _libSender!.Protect(_workPointer, PlainLength);
    }

    [Benchmark]
    public int ConfabUnprotect()
    {
        int slot = NextSlot();
        if (slot == 0)
        {
            _confabReceiver!.Dispose();
            _confabReceiver = SrtpContext.Create(Profile, _masterKey, _masterSalt);
        }

        _protected.AsSpan(slot * Stride, _protectedLength).CopyTo(_work);

        if (!_confabReceiver!.TryUnprotectRtp(_work, _protectedLength, out int length, out SrtpError error))
        {
            throw new InvalidOperationException(error.ToString());
        }

        return length;
    }

    [Benchmark]
    public int Libsrtp2Unprotect()
    {
        int slot = NextSlot();
        if (slot == 0)
        {
            _libReceiver!.Dispose();
            _libReceiver = new LibSrtpSession(Gcm, outbound: false, _masterKey, _masterSalt);
        }

        _protected.AsSpan(slot * Stride, _protectedLength).CopyTo(_work);

        int length = _libReceiver!.Unprotect(_workPointer, _protectedLength);
        if (length < 0)
        {
            throw new InvalidOperationException($"srtp_unprotect failed: {-length}.");
        }

        return length;
    }

    /// <summary>The slot to unprotect now; slot 0 starts a new round with a fresh receiver.</summary>
    private int NextSlot()
    {
        int slot = _next;
        _next = (_next + 1) % PacketCount;
        return slot;
    }

    private static void WritePlainPacket(Span<byte> packet, ushort sequence, Random random)
    {
        packet[0] = 0x80; // V=2
        packet[1] = 96;   // PT=96
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], 90_000u * sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], Ssrc);
        random.NextBytes(packet.Slice(HeaderLength, PayloadLength));
    }

    /// <summary>One short in-process job so the whole comparison runs in a few minutes.</summary>
}

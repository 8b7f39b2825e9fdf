using System.Buffers.Binary;
using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>
/// Chromium offers DTLS 1.3 next to 1.2, with a post-quantum key share that makes its ClientHello (about 1.4 kB)
/// travel in two fragments. The server must reassemble it and answer with a DTLS 1.2 ServerHello carrying use_srtp.
/// The ClientHello here is a real one from our client, extended with those two extensions and split in two records.
/// </summary>
public sealed class ChromiumLikeClientHelloTests
{
    private const int RecordHeaderBytes = 13;
    private const int HandshakeHeaderBytes = 12;
    private const byte HandshakeContentType = 22;
    private const byte ClientHelloType = 1;
    private const byte ServerHelloType = 2;
    private const ushort SupportedVersionsExtension = 43; // RFC 8446 §4.2.1
    private const ushort KeyShareExtension = 51;          // RFC 8446 §4.2.8
    private const ushort UseSrtpExtension = 14;           // RFC 5764 §4.1.1
    private const ushort X25519MlKem768Group = 0x11EC;    // hybrid post-quantum group Chromium sends
    private const int X25519MlKem768ShareBytes = 1216;

    [Fact]
    public async Task Fragmented_ClientHello_offering_DTLS_13_gets_a_DTLS_12_ServerHello_with_use_srtp()
    {
        var certificate = DtlsCertificate.Generate();
        var original = await CaptureClientHelloBodyAsync(certificate);
        var extended = AddChromiumExtensions(original);
        Assert.True(extended.Length > 1300);

        var serverHello = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var toClient = new DatagramLink
        {
            Drop = (_, datagram) =>
            {
                if (datagram.Length > RecordHeaderBytes + HandshakeHeaderBytes && datagram[RecordHeaderBytes] == ServerHelloType)
                {
                    serverHello.TrySetResult(datagram.ToArray());
                }

                return true;
            },
        };
        using var server = new DtlsEndpoint(certificate, toClient);
        var handshake = server.HandshakeAsync(DtlsRole.Server, certificate.SdpFingerprint);

        const int firstFragmentBytes = 700;
        server.OnDatagram(Record(sequence: 0, Fragment(extended, 0, firstFragmentBytes)));
        server.OnDatagram(Record(sequence: 1, Fragment(extended, firstFragmentBytes, extended.Length - firstFragmentBytes)));

        var reply = await serverHello.Task.WaitAsync(DtlsPair.TestTimeout);
        var body = reply.AsSpan(RecordHeaderBytes + HandshakeHeaderBytes);
        Assert.Equal(0xFEFD, BinaryPrimitives.ReadUInt16BigEndian(body)); // server_version: DTLS 1.2
        Assert.True(TryFindServerHelloExtension(body, UseSrtpExtension, out var useSrtp));
        // profiles length 2, profile SRTP_AEAD_AES_128_GCM, empty MKI
        Assert.Equal(new byte[] { 0x00, 0x02, 0x00, 0x07, 0x00 }, useSrtp);
        Assert.False(TryFindServerHelloExtension(body, SupportedVersionsExtension, out _));

        server.Dispose();
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));
    }

    /// <summary>Runs a client endpoint just long enough to capture its ClientHello message body.</summary>
    private static async Task<byte[]> CaptureClientHelloBodyAsync(DtlsCertificate certificate)
    {
        var captured = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var link = new DatagramLink
        {
            Drop = (_, datagram) =>
            {
                captured.TrySetResult(datagram.ToArray());
                return true;
            },
        };
        using var client = new DtlsEndpoint(certificate, link);
        var handshake = client.HandshakeAsync(DtlsRole.Client, certificate.SdpFingerprint);
        var record = await captured.Task.WaitAsync(DtlsPair.TestTimeout);
        client.Dispose();
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));

        Assert.Equal(HandshakeContentType, record[0]);
        Assert.Equal(ClientHelloType, record[RecordHeaderBytes]);
        return record[(RecordHeaderBytes + HandshakeHeaderBytes)..];
    }

    /// <summary>
    /// ClientHello body (RFC 6347 §4.2.1): client_version(2) random(32) session_id(1+n) cookie(1+n)
    /// cipher_suites(2+n) compression_methods(1+n) extensions(2+n). Appends supported_versions
    /// {DTLS 1.3, DTLS 1.2} and a key_share with one X25519MLKEM768 share.
    /// </summary>
    private static byte[] AddChromiumExtensions(byte[] body)
    {
        var at = 2 + 32;
        at += 1 + body[at];                                              // session_id
        at += 1 + body[at];                                              // cookie
        at += 2 + BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at)); // cipher_suites
        at += 1 + body[at];                                              // compression_methods
        var extensionsLengthAt = at;
        var extensionsLength = BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at));

        var added = new List<byte>();
        // supported_versions: extension type, length 5, list length 4, FE FC (DTLS 1.3), FE FD (DTLS 1.2)
        added.AddRange([0x00, (byte)SupportedVersionsExtension, 0x00, 0x05, 0x04, 0xFE, 0xFC, 0xFE, 0xFD]);
        // key_share: extension type, length, client_shares length, group, key_exchange length, key_exchange
        var shareEntryBytes = 2 + 2 + X25519MlKem768ShareBytes;
        added.AddRange([0x00, (byte)KeyShareExtension]);
        added.AddRange(BigEndian16(2 + shareEntryBytes));
        added.AddRange(BigEndian16(shareEntryBytes));
        added.AddRange(BigEndian16(X25519MlKem768Group));
        added.AddRange(BigEndian16(X25519MlKem768ShareBytes));
        var share = new byte[X25519MlKem768ShareBytes];
        new Random(12345).NextBytes(share);
        added.AddRange(share);

        var result = new byte[body.Length + added.Count];
        body.CopyTo(result, 0);
        added.CopyTo(result, body.Length);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(extensionsLengthAt), (ushort)(extensionsLength + added.Count));
        return result;
    }

    /// <summary>Handshake header (RFC 6347 §4.2.2): msg_type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3).</summary>
    private static byte[] Fragment(byte[] body, int offset, int length)
    {
        var fragment = new byte[HandshakeHeaderBytes + length];
        fragment[0] = ClientHelloType;
        WriteUInt24(fragment.AsSpan(1), body.Length);
        // message_seq 0
        WriteUInt24(fragment.AsSpan(6), offset);
        WriteUInt24(fragment.AsSpan(9), length);
        body.AsSpan(offset, length).CopyTo(fragment.AsSpan(HandshakeHeaderBytes));
        return fragment;
    }

    /// <summary>Record header (RFC 6347 §4.1): type(1)=22 version(2)=FE FF epoch(2)=0 sequence_number(6) length(2).</summary>
    private static byte[] Record(long sequence, byte[] fragment)
    {
        var record = new byte[RecordHeaderBytes + fragment.Length];
        record[0] = HandshakeContentType;
        record[1] = 0xFE; // Chromium's first records say DTLS 1.0 (FE FF)
        record[2] = 0xFF;
        record[9] = (byte)(sequence >> 8);
        record[10] = (byte)sequence;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(11), (ushort)fragment.Length);
        fragment.CopyTo(record, RecordHeaderBytes);
        return record;
    }

    /// <summary>
    /// ServerHello body: server_version(2) random(32) session_id(1+n) cipher_suite(2) compression_method(1)
    /// extensions(2+n), each extension type(2) length(2) data.
    /// </summary>
    private static bool TryFindServerHelloExtension(ReadOnlySpan<byte> body, ushort type, out byte[] data)
    {
        data = [];
        var at = 2 + 32;
        at += 1 + body[at] + 2 + 1;
        var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
        at += 2;
        while (at + 4 <= end)
        {
            var extensionType = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
            if (extensionType == type)
            {
                data = body.Slice(at + 4, length).ToArray();
                return true;
            }

            at += 4 + length;
        }

        return false;
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}

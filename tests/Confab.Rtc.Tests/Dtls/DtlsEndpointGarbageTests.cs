using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>Bad input of any kind reaches the endpoint from the network: it must be dropped or fail cleanly.</summary>
public sealed class DtlsEndpointGarbageTests
{
    private const int RecordHeaderBytes = 13;
    private const int HandshakeHeaderBytes = 12;
    private const byte HandshakeContentType = 22;

    [Fact]
    public async Task Garbage_flood_before_and_during_the_handshake_is_bounded_and_harmless()
    {
        var random = new Random(12345);
        const int queueLimit = 32;
        var serverOptions = new DtlsEndpointOptions { MaxQueuedDatagrams = queueLimit, MaxQueuedBytes = queueLimit * 1200 };
        using var pair = new DtlsPair(serverOptions);

        // Before the handshake starts nobody reads: the queue fills up and the rest is dropped and counted.
        for (var i = 0; i < 1000; i++)
        {
            pair.Server.OnDatagram(RandomDtlsLookingDatagram(random));
        }

        Assert.Equal(queueLimit, pair.Server.QueuedDatagrams);
        Assert.Equal(1000 - queueLimit, pair.Server.DroppedDatagrams);

        // During the handshake, a garbage datagram precedes every real one in both directions. (A flight of five
        // messages then makes ten datagrams, within the queue limit; when the queue overflows, the lost real datagrams
        // are recovered by retransmission like any loss.)
        var injectLock = new object();
        pair.ClientToServer.BeforeDeliver = target => InjectGarbage(target, random, injectLock);
        pair.ServerToClient.BeforeDeliver = target => InjectGarbage(target, random, injectLock);

        var (server, client) = await pair.ConnectAsync();

        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    [Fact]
    public async Task Oversized_and_empty_datagrams_are_dropped_and_counted()
    {
        using var pair = new DtlsPair();

        pair.Server.OnDatagram([]);
        pair.Server.OnDatagram(new byte[64 * 1024]);

        Assert.Equal(2, pair.Server.DroppedDatagrams);
        var (server, client) = await pair.ConnectAsync();
        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
    }

    [Fact]
    public async Task Random_handshake_records_and_zero_length_fragments_never_crash_the_server()
    {
        var random = new Random(12345);
        for (var round = 0; round < 20; round++)
        {
            var endpoint = new DtlsEndpoint(DtlsCertificate.Generate(), new DatagramLink(),
                new DtlsEndpointOptions { MaxQueuedDatagrams = 1024, MaxQueuedBytes = 1024 * 1200 });
            var handshake = endpoint.HandshakeAsync(DtlsRole.Server, endpoint.LocalFingerprint);

            for (var i = 0; i < 50; i++)
            {
                endpoint.OnDatagram(RandomHandshakeRecord(random));
            }

            // Either the server gave up with a clear error, or it still waits for a real ClientHello: closing it ends
            // the wait. No other exception type, no hang.
            endpoint.Dispose();
            var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    [Fact]
    public async Task Mutated_real_ClientHellos_end_in_a_clear_failure_or_a_wait_never_a_crash()
    {
        var random = new Random(12345);
        var certificate = DtlsCertificate.Generate();
        var clientHello = await CaptureClientHelloAsync(certificate);

        for (var round = 0; round < 40; round++)
        {
            var mutated = clientHello.ToArray();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var server = new DtlsEndpoint(certificate, new DatagramLink());
            var handshake = server.HandshakeAsync(DtlsRole.Server, certificate.SdpFingerprint);
            server.OnDatagram(mutated);
            // A ClientHello that still parses gets a ServerHello flight and a wait for the client's answer.
            await Eventually.TrueAsync(() => server.QueuedDatagrams == 0 || handshake.IsCompleted);

            server.Dispose();
            var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
    }

    private static async Task<byte[]> CaptureClientHelloAsync(DtlsCertificate certificate)
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
        var clientHello = await captured.Task.WaitAsync(DtlsPair.TestTimeout);
        client.Dispose();
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(DtlsPair.TestTimeout));
        return clientHello;
    }

    [Fact]
    public async Task Garbage_after_the_handshake_leaves_the_association_working()
    {
        var random = new Random(12345);
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.ApplicationDataReceived += data => received.TrySetResult(data.ToArray());

        for (var i = 0; i < 200; i++)
        {
            pair.Server.OnDatagram(i % 2 == 0 ? RandomDtlsLookingDatagram(random) : RandomHandshakeRecord(random));
            pair.Server.OnDatagram(RandomRecord(random, contentType: 23, epoch: 1));
            // Let the server drain its bounded queue, so that the real record below is not dropped as overflow.
            await Eventually.TrueAsync(() => pair.Server.QueuedDatagrams == 0 || pair.Server.State != DtlsEndpointState.Connected);
        }

        Assert.Equal(DtlsEndpointState.Connected, pair.Server.State);
        pair.Client.Send("still here"u8);

        Assert.Equal("still here"u8.ToArray(), await received.Task.WaitAsync(DtlsPair.TestTimeout));
        Assert.Equal(DtlsEndpointState.Connected, pair.Server.State);
    }

    private static void InjectGarbage(DtlsEndpoint target, Random random, object randomLock)
    {
        byte[] garbage;
        lock (randomLock)
        {
            garbage = RandomDtlsLookingDatagram(random);
        }

        target.OnDatagram(garbage);
    }

    /// <summary>Random bytes whose first byte falls in the DTLS range of RFC 7983 (20..63).</summary>
    private static byte[] RandomDtlsLookingDatagram(Random random)
    {
        var datagram = new byte[random.Next(1, 1300)];
        random.NextBytes(datagram);
        datagram[0] = (byte)random.Next(DtlsRecordDemux.FirstDtlsByte, DtlsRecordDemux.LastDtlsByte + 1);
        return datagram;
    }

    /// <summary>
    /// A well-formed DTLS 1.2 record header (RFC 6347 §4.1) carrying a handshake header (§4.2.2) with random
    /// msg_type, length, message_seq and fragment fields, often a zero-length fragment:
    /// <code>
    /// type(1)=22 | version(2)=FE FD | epoch(2)=0 | sequence_number(6) | length(2)
    /// msg_type(1) | length(3) | message_seq(2) | fragment_offset(3) | fragment_length(3) | fragment
    /// </code>
    /// </summary>
    private static byte[] RandomHandshakeRecord(Random random)
    {
        var fragmentLength = random.Next(4) == 0 ? 0 : random.Next(0, 200);
        var body = new byte[HandshakeHeaderBytes + fragmentLength];
        random.NextBytes(body);
        body[0] = (byte)random.Next(0, 25);                  // msg_type: client_hello=1 .. finished=20, and beyond
        WriteUInt24(body.AsSpan(1), random.Next(0, 2000));   // length
        body[4] = 0;                                         // message_seq high byte
        body[5] = (byte)random.Next(0, 3);                   // message_seq low byte
        WriteUInt24(body.AsSpan(6), random.Next(0, 2000));   // fragment_offset
        WriteUInt24(body.AsSpan(9), random.Next(3) == 0 ? fragmentLength : random.Next(0, 2000)); // fragment_length
        return WrapInRecord(random, HandshakeContentType, epoch: 0, body);
    }

    private static byte[] RandomRecord(Random random, byte contentType, int epoch)
    {
        var body = new byte[random.Next(0, 300)];
        random.NextBytes(body);
        return WrapInRecord(random, contentType, epoch, body);
    }

    private static byte[] WrapInRecord(Random random, byte contentType, int epoch, byte[] body)
    {
        var record = new byte[RecordHeaderBytes + body.Length];
        record[0] = contentType;
        record[1] = 0xFE;                                    // DTLS 1.2 = {254, 253}
        record[2] = 0xFD;
        record[3] = (byte)(epoch >> 8);
        record[4] = (byte)epoch;
        var sequence = new byte[6];
        random.NextBytes(sequence);
        sequence.CopyTo(record, 5);
        record[11] = (byte)(body.Length >> 8);
        record[12] = (byte)body.Length;
        body.CopyTo(record, RecordHeaderBytes);
        return record;
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}

using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsEndpointHandshakeTests
{
    private static readonly TimeSpan s_timeout = DtlsPair.TestTimeout;

    [Fact]
    public async Task Handshake_over_lossless_link_gives_both_sides_mirrored_srtp_keys()
    {
        using var pair = new DtlsPair();

        var (server, client) = await pair.ConnectAsync();

        Assert.Equal(DtlsRole.Server, server.Role);
        Assert.Equal(DtlsRole.Client, client.Role);
        // Chromium-like client offer of all four profiles: our server prefers AEAD_AES_128_GCM.
        Assert.Equal(SrtpProtectionProfile.AeadAes128Gcm, server.SrtpKeys.ProfileId);
        Assert.Equal(server.SrtpKeys.ProfileId, client.SrtpKeys.ProfileId);
        Assert.Equal(server.SrtpKeys.KeyingMaterial, client.SrtpKeys.KeyingMaterial);
        Assert.Equal(2 * (16 + 12), server.SrtpKeys.KeyingMaterial.Length);
        Assert.Equal(client.SrtpKeys.LocalKey, server.SrtpKeys.RemoteKey);
        Assert.Equal(client.SrtpKeys.LocalSalt, server.SrtpKeys.RemoteSalt);
        Assert.Equal(server.SrtpKeys.LocalKey, client.SrtpKeys.RemoteKey);
        Assert.Equal(server.SrtpKeys.LocalSalt, client.SrtpKeys.RemoteSalt);
        Assert.NotEqual(server.SrtpKeys.LocalKey, server.SrtpKeys.RemoteKey);
        Assert.Equal(pair.ClientCertificate.Der.ToArray(), server.PeerCertificate);
        Assert.Equal(pair.ServerCertificate.Der.ToArray(), client.PeerCertificate);
        Assert.Equal(server.CipherSuite, client.CipherSuite);
        Assert.Contains(server.CipherSuite, new[]
        {
            Org.BouncyCastle.Tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            Org.BouncyCastle.Tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            Org.BouncyCastle.Tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        });
        Assert.Equal(DtlsEndpointState.Connected, pair.Server.State);
        Assert.Equal(DtlsEndpointState.Connected, pair.Client.State);
    }

    [Fact]
    public async Task Client_expecting_another_fingerprint_fails_and_server_sees_the_alert()
    {
        using var pair = new DtlsPair();
        var wrong = DtlsCertificate.Generate().SdpFingerprint;

        var (server, client) = pair.Start(clientExpects: wrong);

        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client.WaitAsync(s_timeout));
        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.WaitAsync(s_timeout));
        Assert.Equal(DtlsFailureReason.FingerprintMismatch, clientError.Reason);
        Assert.Contains("does not match the SDP fingerprint", clientError.Message, StringComparison.Ordinal);
        Assert.Equal(DtlsFailureReason.AlertReceived, serverError.Reason);
        Assert.Contains("bad_certificate", serverError.Message, StringComparison.Ordinal);
        Assert.Equal(DtlsEndpointState.Failed, pair.Client.State);
        Assert.Equal(DtlsEndpointState.Failed, pair.Server.State);
    }

    [Fact]
    public async Task Server_expecting_another_fingerprint_fails_and_client_sees_the_alert()
    {
        using var pair = new DtlsPair();
        var wrong = DtlsCertificate.Generate().SdpFingerprint;

        var (server, client) = pair.Start(serverExpects: wrong);

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.WaitAsync(s_timeout));
        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client.WaitAsync(s_timeout));
        Assert.Equal(DtlsFailureReason.FingerprintMismatch, serverError.Reason);
        Assert.Equal(DtlsFailureReason.AlertReceived, clientError.Reason);
        Assert.Contains("bad_certificate", clientError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fingerprint_with_another_hash_function_is_checked_with_that_function()
    {
        using var pair = new DtlsPair();
        var clientBySha512 = DtlsFingerprint.Compute(DtlsFingerprint.Sha512, pair.ClientCertificate.Der).ToString();
        var serverBySha1 = DtlsFingerprint.Compute(DtlsFingerprint.Sha1, pair.ServerCertificate.Der).ToString();

        var (server, client) = pair.Start(serverExpects: clientBySha512, clientExpects: serverBySha1);

        Assert.NotNull(await server.WaitAsync(s_timeout));
        Assert.NotNull(await client.WaitAsync(s_timeout));
    }

    [Fact]
    public void Malformed_expected_fingerprint_is_rejected_before_any_handshake()
    {
        using var pair = new DtlsPair();

        var error = Assert.Throws<ArgumentException>(() => { _ = pair.Server.HandshakeAsync(DtlsRole.Server, "md5 AB:CD"); });

        Assert.Contains("not a supported SDP fingerprint", error.Message, StringComparison.Ordinal);
        Assert.Equal(DtlsEndpointState.New, pair.Server.State);
    }

    [Fact]
    public async Task Second_handshake_on_the_same_endpoint_is_refused()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => pair.Server.HandshakeAsync(DtlsRole.Server, pair.ClientCertificate.SdpFingerprint));
    }

    [Fact]
    public async Task Handshake_without_a_peer_times_out_with_a_clear_reason()
    {
        var options = new DtlsEndpointOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) };
        using var endpoint = new DtlsEndpoint(DtlsCertificate.Generate(), new DatagramLink(), options);

        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(
            () => endpoint.HandshakeAsync(DtlsRole.Client, endpoint.LocalFingerprint).WaitAsync(s_timeout));

        Assert.Equal(DtlsFailureReason.Timeout, error.Reason);
        Assert.Contains("did not complete within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canceling_the_handshake_ends_it_with_OperationCanceledException()
    {
        using var endpoint = new DtlsEndpoint(DtlsCertificate.Generate(), new DatagramLink());
        using var cancel = new CancellationTokenSource();

        var handshake = endpoint.HandshakeAsync(DtlsRole.Server, endpoint.LocalFingerprint, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handshake.WaitAsync(s_timeout));
        Assert.Equal(DtlsEndpointState.Failed, endpoint.State);
    }

    [Fact]
    public async Task Disposing_during_the_handshake_ends_it_as_closed()
    {
        var endpoint = new DtlsEndpoint(DtlsCertificate.Generate(), new DatagramLink());

        var handshake = endpoint.HandshakeAsync(DtlsRole.Server, endpoint.LocalFingerprint);
        endpoint.Dispose();

        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => handshake.WaitAsync(s_timeout));
        Assert.Equal(DtlsFailureReason.Closed, error.Reason);
    }

    public static TheoryData<DtlsEndpointOptions> InvalidOptions => new()
    {
        new DtlsEndpointOptions { MtuBytes = 64 },
        new DtlsEndpointOptions { MaxQueuedDatagrams = 0 },
        new DtlsEndpointOptions { MaxQueuedBytes = 100 },
        new DtlsEndpointOptions { HandshakeTimeout = TimeSpan.Zero },
        new DtlsEndpointOptions { ServerSrtpPreference = [] },
        new DtlsEndpointOptions { ClientSrtpOffer = [0x0003] },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Out_of_range_options_are_refused_at_construction(DtlsEndpointOptions options)
    {
        Assert.Throws<ArgumentException>(() => new DtlsEndpoint(DtlsCertificate.Generate(), new DatagramLink(), options));
    }

    [Fact]
    public async Task ClientHello_arriving_before_the_server_starts_is_kept_and_answered()
    {
        using var pair = new DtlsPair();
        var clientHelloQueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.ClientToServer.Drop = (_, _) =>
        {
            clientHelloQueued.TrySetResult();
            return false;
        };

        // The SFU's receive loop may see the browser's ClientHello before it has started the server handshake.
        var client = pair.Client.HandshakeAsync(DtlsRole.Client, pair.ServerCertificate.SdpFingerprint);
        await clientHelloQueued.Task.WaitAsync(s_timeout);
        await Eventually.TrueAsync(() => pair.Server.QueuedDatagrams > 0);
        Assert.Equal(DtlsEndpointState.New, pair.Server.State);
        var server = pair.Server.HandshakeAsync(DtlsRole.Server, pair.ClientCertificate.SdpFingerprint);

        Assert.Equal((await server.WaitAsync(s_timeout)).SrtpKeys.KeyingMaterial,
            (await client.WaitAsync(s_timeout)).SrtpKeys.KeyingMaterial);
    }

    [Fact]
    public async Task Failing_application_data_subscriber_does_not_break_the_association()
    {
        using var pair = new DtlsPair();
        await pair.ConnectAsync();
        var calls = 0;
        var second = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.ApplicationDataReceived += data =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("subscriber bug");
            }

            second.TrySetResult(data.ToArray());
        };

        pair.Client.Send([1]);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) >= 1);
        pair.Client.Send([2]);

        Assert.Equal(new byte[] { 2 }, await second.Task.WaitAsync(s_timeout));
        Assert.Equal(DtlsEndpointState.Connected, pair.Server.State);
    }
}

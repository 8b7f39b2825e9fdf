using Confab.Rtc.Dtls;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>
/// RFC 8827 §6.5 / RFC 5763 §5: both ends authenticate by certificate. A client that answers the server's
/// CertificateRequest with no certificate must be refused.
/// </summary>
public sealed class DtlsServerMutualAuthenticationTests
{
    /// <summary>A plain DTLS 1.2 client offering use_srtp that has no certificate to give.</summary>
    private sealed class CertificatelessClient(BcTlsCrypto crypto) : DefaultTlsClient(crypto)
    {
        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            var extensions = base.GetClientExtensions() ?? new Dictionary<int, byte[]>();
            TlsSrtpUtilities.AddUseSrtpExtension(extensions,
                new UseSrtpData([Confab.Rtc.Dtls.SrtpProtectionProfile.Aes128CmHmacSha1_80], TlsUtilities.EmptyBytes));
            return extensions;
        }

        public override TlsAuthentication GetAuthentication() => new AnonymousClientAuthentication();

        private sealed class AnonymousClientAuthentication : TlsAuthentication
        {
            public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
            {
            }

            public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) => null!;
        }
    }

    private sealed class ToEndpoint(DtlsEndpoint? target) : IDatagramSender
    {
        public DtlsEndpoint? Target { get; set; } = target;

        public void Send(ReadOnlySpan<byte> datagram) => Target?.OnDatagram(datagram);
    }

    private sealed class ToTransport : IDatagramSender
    {
        public QueuedDatagramTransport? Target { get; set; }

        public void Send(ReadOnlySpan<byte> datagram) => Target?.TryEnqueue(datagram);
    }

    [Fact]
    public async Task Client_without_a_certificate_is_refused_by_the_server()
    {
        var toClient = new ToTransport();
        using var server = new DtlsEndpoint(DtlsCertificate.Generate(), toClient);
        var toServer = new ToEndpoint(server);
        var clientTransport = new QueuedDatagramTransport(toServer, 1200, 64, 64 * 1200);
        toClient.Target = clientTransport;
        var anyFingerprint = DtlsCertificate.Generate().SdpFingerprint;

        var serverHandshake = server.HandshakeAsync(DtlsRole.Server, anyFingerprint);
        var clientHandshake = Task.Factory.StartNew(
            () => new DtlsClientProtocol().Connect(new CertificatelessClient(new BcTlsCrypto(new SecureRandom())), clientTransport),
            TaskCreationOptions.LongRunning);

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => serverHandshake.WaitAsync(DtlsPair.TestTimeout));
        var clientError = await Assert.ThrowsAsync<TlsFatalAlertReceived>(() => clientHandshake.WaitAsync(DtlsPair.TestTimeout));
        Assert.Equal(DtlsFailureReason.NoPeerCertificate, serverError.Reason);
        Assert.Equal(AlertDescription.handshake_failure, clientError.AlertDescription);
    }
}

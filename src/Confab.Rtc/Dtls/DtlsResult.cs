namespace Confab.Rtc.Dtls;

/// <summary>Outcome of a successful DTLS-SRTP handshake.</summary>
/// <param name="Role">The role we played.</param>
/// <param name="SrtpKeys">Negotiated SRTP profile and keys for our direction.</param>
/// <param name="PeerCertificate">DER encoding of the certificate the peer presented (already checked against its fingerprint).</param>
/// <param name="CipherSuite">Negotiated TLS cipher suite number (IANA).</param>
public sealed record DtlsResult(DtlsRole Role, DtlsSrtpKeys SrtpKeys, byte[] PeerCertificate, int CipherSuite);

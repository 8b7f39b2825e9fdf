namespace Confab.Rtc.Srtp;

/// <summary>
/// The two contexts of a DTLS-SRTP association: <see cref="Local"/> protects what this endpoint sends,
/// <see cref="Remote"/> unprotects what it receives.
/// </summary>
public sealed class SrtpKeys : IDisposable
{
    private SrtpKeys(SrtpContext local, SrtpContext remote)
    {
        Local = local;
        Remote = remote;
    }

    /// <summary>Protects outgoing packets (keyed with this endpoint's write key).</summary>
    public SrtpContext Local { get; }

    /// <summary>Unprotects incoming packets (keyed with the peer's write key).</summary>
    public SrtpContext Remote { get; }

    /// <summary>
    /// Splits the output of the DTLS exporter with label "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2):
    /// <code>
    /// client_write_SRTP_master_key | server_write_SRTP_master_key |
    /// client_write_SRTP_master_salt | server_write_SRTP_master_salt
    /// </code>
    /// The client sends with the client keys; the server with the server keys.
    /// Throws <see cref="ArgumentException"/> when the material is not
    /// <see cref="SrtpProfileExtensions.GetKeyingMaterialLength"/> octets.
    /// </summary>
    public static SrtpKeys FromDtlsExporter(
        SrtpProfile profile,
        ReadOnlySpan<byte> keyingMaterial,
        bool isClient,
        int maxStreams = SrtpContext.DefaultMaxStreams)
    {
        if (!profile.IsSupported())
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP protection profile.");
        }

        int keyLength = profile.GetMasterKeyLength();
        int saltLength = profile.GetMasterSaltLength();
        if (keyingMaterial.Length != profile.GetKeyingMaterialLength())
        {
            throw new ArgumentException(
                $"{profile} needs {profile.GetKeyingMaterialLength()} octets of keying material.",
                nameof(keyingMaterial));
        }

        ReadOnlySpan<byte> clientKey = keyingMaterial[..keyLength];
        ReadOnlySpan<byte> serverKey = keyingMaterial.Slice(keyLength, keyLength);
        ReadOnlySpan<byte> clientSalt = keyingMaterial.Slice(2 * keyLength, saltLength);
        ReadOnlySpan<byte> serverSalt = keyingMaterial.Slice((2 * keyLength) + saltLength, saltLength);

        SrtpContext client = SrtpContext.Create(profile, clientKey, clientSalt, maxStreams);
        SrtpContext server = SrtpContext.Create(profile, serverKey, serverSalt, maxStreams);
        return isClient ? new SrtpKeys(client, server) : new SrtpKeys(server, client);
    }

    public void Dispose()
    {
        Local.Dispose();
        Remote.Dispose();
    }
}

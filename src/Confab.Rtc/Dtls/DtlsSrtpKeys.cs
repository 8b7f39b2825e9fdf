namespace Confab.Rtc.Dtls;

/// <summary>
/// SRTP master keys and salts from a DTLS-SRTP handshake, already assigned to our direction:
/// <see cref="LocalKey"/>/<see cref="LocalSalt"/> protect what we send, <see cref="RemoteKey"/>/<see cref="RemoteSalt"/>
/// unprotect what the peer sends.
/// </summary>
/// <param name="ProfileId">Negotiated protection profile (<see cref="SrtpProtectionProfile"/>).</param>
/// <param name="KeyingMaterial">The raw exporter output, 2 * (key + salt) bytes.</param>
public sealed record DtlsSrtpKeys(
    int ProfileId,
    byte[] KeyingMaterial,
    byte[] LocalKey,
    byte[] LocalSalt,
    byte[] RemoteKey,
    byte[] RemoteSalt)
{
    /// <summary>RFC 5764 §4.2: the exporter label for DTLS-SRTP keying material.</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>Length of keying material to export for a profile: 2 * (key + salt); 0 for an unknown profile.</summary>
    public static int KeyingMaterialLength(int profileId) =>
        SrtpProtectionProfile.TryGetKeyLengths(profileId, out var key, out var salt) ? 2 * (key + salt) : 0;

    /// <summary>
    /// RFC 5764 §4.2: splits the exported keying material
    /// <code>
    /// client_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
    /// server_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
    /// client_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
    /// server_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
    /// </code>
    /// and assigns the client's or the server's half to our sending side according to <paramref name="role"/>.
    /// </summary>
    public static bool TrySplit(int profileId, ReadOnlySpan<byte> keyingMaterial, DtlsRole role, out DtlsSrtpKeys? keys)
    {
        keys = null;
        if (!SrtpProtectionProfile.TryGetKeyLengths(profileId, out var keyLength, out var saltLength)
            || keyingMaterial.Length != 2 * (keyLength + saltLength))
        {
            return false;
        }

        var clientKey = keyingMaterial.Slice(0, keyLength).ToArray();
        var serverKey = keyingMaterial.Slice(keyLength, keyLength).ToArray();
        var clientSalt = keyingMaterial.Slice(2 * keyLength, saltLength).ToArray();
        var serverSalt = keyingMaterial.Slice((2 * keyLength) + saltLength, saltLength).ToArray();

        keys = role == DtlsRole.Client
            ? new DtlsSrtpKeys(profileId, keyingMaterial.ToArray(), clientKey, clientSalt, serverKey, serverSalt)
            : new DtlsSrtpKeys(profileId, keyingMaterial.ToArray(), serverKey, serverSalt, clientKey, clientSalt);
        return true;
    }
}

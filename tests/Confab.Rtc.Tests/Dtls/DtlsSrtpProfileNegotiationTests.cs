using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsSrtpProfileNegotiationTests
{
    private const int Cm80 = SrtpProtectionProfile.Aes128CmHmacSha1_80;
    private const int Cm32 = SrtpProtectionProfile.Aes128CmHmacSha1_32;
    private const int Gcm128 = SrtpProtectionProfile.AeadAes128Gcm;
    private const int Gcm256 = SrtpProtectionProfile.AeadAes256Gcm;

    public static TheoryData<int[], int[], int, int, int> Cases => new()
    {
        // server preference, client offer, expected profile, key bytes, salt bytes
        { [Gcm128, Cm80, Gcm256, Cm32], [Cm80, Gcm256, Gcm128], Gcm128, 16, 12 }, // Chromium's offer order: 1, 8, 7
        { [Gcm128, Cm80, Gcm256, Cm32], [Cm32, Cm80], Cm80, 16, 14 },
        { [Gcm128, Cm80, Gcm256, Cm32], [Cm32, Gcm256], Gcm256, 32, 12 },
        { [Gcm128, Cm80, Gcm256, Cm32], [Cm32], Cm32, 16, 14 },
        { [Gcm128, Cm80, Gcm256, Cm32], [Cm80], Cm80, 16, 14 },
        { [Gcm256, Gcm128], [Gcm128, Gcm256], Gcm256, 32, 12 }, // the server's order wins, not the client's
        { [Cm80], [Gcm128, Gcm256, Cm32, Cm80], Cm80, 16, 14 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Server_picks_the_first_profile_of_its_preference_that_the_client_offers(
        int[] serverPreference, int[] clientOffer, int expected, int keyBytes, int saltBytes)
    {
        using var pair = new DtlsPair(
            new DtlsEndpointOptions { ServerSrtpPreference = serverPreference },
            new DtlsEndpointOptions { ClientSrtpOffer = clientOffer });

        var (server, client) = await pair.ConnectAsync();

        Assert.Equal(expected, server.SrtpKeys.ProfileId);
        Assert.Equal(expected, client.SrtpKeys.ProfileId);
        Assert.Equal(2 * (keyBytes + saltBytes), client.SrtpKeys.KeyingMaterial.Length);
        Assert.Equal(keyBytes, client.SrtpKeys.LocalKey.Length);
        Assert.Equal(saltBytes, client.SrtpKeys.LocalSalt.Length);
        Assert.Equal(client.SrtpKeys.LocalKey, server.SrtpKeys.RemoteKey);
        Assert.Equal(client.SrtpKeys.LocalSalt, server.SrtpKeys.RemoteSalt);
        Assert.Equal(server.SrtpKeys.LocalKey, client.SrtpKeys.RemoteKey);
        Assert.Equal(server.SrtpKeys.LocalSalt, client.SrtpKeys.RemoteSalt);
    }

    [Fact]
    public async Task No_profile_in_common_fails_both_sides_with_a_clear_reason()
    {
        using var pair = new DtlsPair(
            new DtlsEndpointOptions { ServerSrtpPreference = [Cm80] },
            new DtlsEndpointOptions { ClientSrtpOffer = [Gcm128, Gcm256] });

        var (server, client) = pair.Start();

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.WaitAsync(DtlsPair.TestTimeout));
        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client.WaitAsync(DtlsPair.TestTimeout));
        Assert.Equal(DtlsFailureReason.NoSrtpProfile, serverError.Reason);
        Assert.Contains("SRTP_AEAD_AES_128_GCM, SRTP_AEAD_AES_256_GCM", serverError.Message, StringComparison.Ordinal);
        Assert.Equal(DtlsFailureReason.AlertReceived, clientError.Reason);
        Assert.Contains("handshake_failure", clientError.Message, StringComparison.Ordinal);
    }
}

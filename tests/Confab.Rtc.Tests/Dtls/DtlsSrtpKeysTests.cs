using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

/// <summary>RFC 5764 §4.2: keying material = client key | server key | client salt | server salt.</summary>
public sealed class DtlsSrtpKeysTests
{
    [Theory]
    [InlineData(SrtpProtectionProfile.Aes128CmHmacSha1_80, 16, 14)]
    [InlineData(SrtpProtectionProfile.Aes128CmHmacSha1_32, 16, 14)]
    [InlineData(SrtpProtectionProfile.AeadAes128Gcm, 16, 12)]
    [InlineData(SrtpProtectionProfile.AeadAes256Gcm, 32, 12)]
    public void Split_follows_the_RFC_layout_and_our_role(int profile, int key, int salt)
    {
        // Byte i of the material has value i, so every slice names its own offsets.
        var material = Enumerable.Range(0, 2 * (key + salt)).Select(i => (byte)i).ToArray();
        var clientKey = Enumerable.Range(0, key).Select(i => (byte)i).ToArray();
        var serverKey = Enumerable.Range(key, key).Select(i => (byte)i).ToArray();
        var clientSalt = Enumerable.Range(2 * key, salt).Select(i => (byte)i).ToArray();
        var serverSalt = Enumerable.Range((2 * key) + salt, salt).Select(i => (byte)i).ToArray();

        Assert.Equal(material.Length, DtlsSrtpKeys.KeyingMaterialLength(profile));
        Assert.True(DtlsSrtpKeys.TrySplit(profile, material, DtlsRole.Client, out var asClient));
        Assert.True(DtlsSrtpKeys.TrySplit(profile, material, DtlsRole.Server, out var asServer));

        Assert.Equal(profile, asClient!.ProfileId);
        Assert.Equal(material, asClient.KeyingMaterial);
        Assert.Equal(clientKey, asClient.LocalKey);
        Assert.Equal(clientSalt, asClient.LocalSalt);
        Assert.Equal(serverKey, asClient.RemoteKey);
        Assert.Equal(serverSalt, asClient.RemoteSalt);
        Assert.Equal(serverKey, asServer!.LocalKey);
        Assert.Equal(serverSalt, asServer.LocalSalt);
        Assert.Equal(clientKey, asServer.RemoteKey);
        Assert.Equal(clientSalt, asServer.RemoteSalt);
    }

    [Fact]
    public void Wrong_length_or_unknown_profile_is_refused()
    {
        Assert.False(DtlsSrtpKeys.TrySplit(SrtpProtectionProfile.Aes128CmHmacSha1_80, new byte[59], DtlsRole.Client, out var shortKeys));
        Assert.False(DtlsSrtpKeys.TrySplit(SrtpProtectionProfile.Aes128CmHmacSha1_80, new byte[61], DtlsRole.Client, out _));
        Assert.False(DtlsSrtpKeys.TrySplit(0x0003, new byte[60], DtlsRole.Client, out _));
        Assert.Null(shortKeys);
        Assert.Equal(0, DtlsSrtpKeys.KeyingMaterialLength(0x0003));
    }

    [Theory]
    [InlineData(0x0001, "SRTP_AES128_CM_HMAC_SHA1_80")]
    [InlineData(0x0002, "SRTP_AES128_CM_HMAC_SHA1_32")]
    [InlineData(0x0007, "SRTP_AEAD_AES_128_GCM")]
    [InlineData(0x0008, "SRTP_AEAD_AES_256_GCM")]
    [InlineData(0x0005, "0x0005")]
    public void Profile_ids_are_the_IANA_ones(int id, string name)
    {
        Assert.Equal(name, SrtpProtectionProfile.NameOf(id));
    }
}

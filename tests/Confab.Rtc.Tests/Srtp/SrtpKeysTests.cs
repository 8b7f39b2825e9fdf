using Confab.Rtc.Srtp;
using static Confab.Rtc.Tests.Srtp.SrtpTestPackets;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>Splitting the DTLS-SRTP exporter output (RFC 5764 §4.2) into local and remote contexts.</summary>
public class SrtpKeysTests
{
    public static TheoryData<SrtpProfile> Profiles => SrtpTestPackets.Profiles();

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ClientAndServer_EachUnprotectWhatTheOtherProtects(SrtpProfile profile)
    {
        byte[] material = new byte[profile.GetKeyingMaterialLength()];
        new Random(12345).NextBytes(material);
        using SrtpKeys client = SrtpKeys.FromDtlsExporter(profile, material, isClient: true);
        using SrtpKeys server = SrtpKeys.FromDtlsExporter(profile, material, isClient: false);

        byte[] plain = SrtpTestPackets.Rtp(77);
        Assert.Equal(plain, UnprotectRtp(server.Remote, ProtectRtp(client.Local, plain)).Plain);
        Assert.Equal(plain, UnprotectRtp(client.Remote, ProtectRtp(server.Local, plain)).Plain);

        // The two directions use different keys: a packet does not verify with the sender's own direction.
        Assert.Equal(SrtpError.AuthFailed, UnprotectRtp(client.Remote, ProtectRtp(client.Local, SrtpTestPackets.Rtp(78))).Error);
    }

    [Fact]
    public void ClientLocal_IsKeyedWithClientWriteKeyAndSalt()
    {
        SrtpProfile profile = SrtpProfile.Aes128CmHmacSha1_80;
        byte[] clientKey = Hex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] clientSalt = Hex("0EC675AD498AFEEBB6960B3AABE6");
        byte[] serverKey = new byte[16];
        byte[] serverSalt = new byte[14];
        byte[] material = [.. clientKey, .. serverKey, .. clientSalt, .. serverSalt];

        using SrtpKeys client = SrtpKeys.FromDtlsExporter(profile, material, isClient: true);
        using var reference = SrtpContext.Create(profile, clientKey, clientSalt);
        byte[] plain = SrtpTestPackets.Rtp(5);
        Assert.Equal(ProtectRtp(reference, plain), ProtectRtp(client.Local, plain));
    }

    [Fact]
    public void WrongMaterialLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => SrtpKeys.FromDtlsExporter(SrtpProfile.Aes128CmHmacSha1_80, new byte[56], true));
        Assert.Throws<ArgumentException>(() => SrtpKeys.FromDtlsExporter(SrtpProfile.AeadAes128Gcm, new byte[60], true));
    }
}

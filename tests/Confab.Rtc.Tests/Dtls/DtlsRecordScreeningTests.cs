using Confab.Rtc.Dtls;

namespace Confab.Rtc.Tests.Dtls;

public sealed class DtlsRecordScreeningTests
{
    [Theory]
    [InlineData(new byte[0], false)]
    [InlineData(new byte[] { 0 }, false)]    // STUN
    [InlineData(new byte[] { 3 }, false)]    // STUN
    [InlineData(new byte[] { 19 }, false)]   // ZRTP
    [InlineData(new byte[] { 20 }, true)]    // change_cipher_spec
    [InlineData(new byte[] { 22 }, true)]    // handshake
    [InlineData(new byte[] { 23 }, true)]    // application_data
    [InlineData(new byte[] { 63 }, true)]
    [InlineData(new byte[] { 64 }, false)]   // TURN channel
    [InlineData(new byte[] { 128 }, false)]  // RTP/RTCP
    public void Demux_follows_RFC_7983(byte[] datagram, bool isDtls)
    {
        Assert.Equal(isDtls, DtlsRecordDemux.IsDtls(datagram));
    }

    [Theory]
    // type | version | epoch | sequence_number | length | fragment...
    [InlineData("17 FEFD 0001 000000000001 0018" + "000000000000000000000000000000000000000000000000", true)]  // epoch 1, 24 bytes: GCM minimum
    [InlineData("17 FEFD 0001 000000000001 0017" + "0000000000000000000000000000000000000000000000", false)]   // epoch 1, 23 bytes: too short
    [InlineData("16 FEFD 0000 000000000001 0001" + "00", true)]                                             // epoch 0, plaintext: engine's business
    [InlineData("15 FEFD 0001 000000000001 0002" + "0100", false)]                                          // epoch 1 alert, 2 bytes: unprotected-looking
    [InlineData("16 FEFD 0000 000000000001 0001" + "00" + "17 FEFD 0001 000000000002 0003" + "000000", false)] // second record short
    [InlineData("17 FEFD 0001 0000", true)]                                                                  // truncated header: left to the engine
    public void Undersized_protected_records_are_screened_out(string hex, bool passes)
    {
        var datagram = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

        Assert.Equal(passes, DtlsRecordFilter.HasNoUndersizedProtectedRecord(datagram, DtlsRecordFilter.AesGcmMinProtectedBytes));
    }

    [Fact]
    public void Random_datagrams_never_throw()
    {
        var random = new Random(12345);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = new byte[random.Next(0, 200)];
            random.NextBytes(datagram);
            _ = DtlsRecordFilter.HasNoUndersizedProtectedRecord(datagram, DtlsRecordFilter.AesGcmMinProtectedBytes);
        }
    }
}

using System.Buffers.Binary;
using Confab.Rtc.Dtls;
using Confab.Rtc.Rtcp;
using Confab.Rtc.Rtp;
using Confab.Rtc.Stun;
using Confab.Rtc.Tests.Rtcp;

namespace Confab.Rtc.Tests.Fuzz;

/// <summary>
/// The parsers against what Chromium really sends: every captured datagram parses, and 5,000 seeded mutations of
/// each kind never make a parser throw (the fuzz targets, seeded with real packets).
/// </summary>
public class ChromiumCorpusTests
{
    private const int MutationsPerKind = 5_000;

    // RFC 6347 §4.1: content type (1), version (2), epoch (2), sequence number (6), length (2).
    private const int DtlsRecordHeaderLength = 13;

    [Fact]
    public void EveryCapturedStunMessageParsesWithItsFingerprint()
    {
        foreach (var datagram in ChromiumCorpus.Load("stun"))
        {
            Assert.True(StunMessage.TryRead(datagram, out var message));
            Assert.True(message.VerifyFingerprint());
            Assert.True(message.TryGetUsername(out _));
        }
    }

    [Fact]
    public void EveryCapturedRtpPacketParsesWithWellFormedExtensions()
    {
        foreach (var packet in ChromiumCorpus.Load("rtp"))
        {
            Assert.True(RtpHeader.TryRead(packet, out var header));
            Assert.Equal(packet.Length, header.PacketLength);
            var elements = RtpHeaderExtensions.Enumerate(packet, header);
            while (elements.MoveNext())
            {
            }
            Assert.False(elements.IsMalformed);
        }
    }

    [Fact]
    public void EveryCapturedRtcpCompoundIsWellFormed()
    {
        foreach (var compound in ChromiumCorpus.Load("rtcp"))
        {
            Assert.True(RtcpCompoundReader.IsWellFormed(compound));
        }
    }

    [Fact]
    public void EveryCapturedDtlsDatagramIsASequenceOfWholeRecords()
    {
        foreach (var datagram in ChromiumCorpus.Load("dtls"))
        {
            int offset = 0;
            while (offset < datagram.Length)
            {
                Assert.True(datagram.Length - offset >= DtlsRecordHeaderLength);
                Assert.InRange(datagram[offset], 20, 23);  // change_cipher_spec, alert, handshake, application_data
                Assert.Equal(0xFE, datagram[offset + 1]);   // DTLS versions are 0xFEFF / 0xFEFD
                offset += DtlsRecordHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(offset + 11));
            }
            Assert.Equal(datagram.Length, offset);
        }
    }

    [Theory]
    [InlineData("stun")]
    [InlineData("rtp")]
    [InlineData("rtcp")]
    [InlineData("dtls")]
    public void MutatedCapturesNeverMakeAParserThrow(string kind)
    {
        var seeds = ChromiumCorpus.Load(kind);
        var random = new Random(12345);
        var parsers = new WireParsers();
        var buffer = new byte[2048];
        for (int i = 0; i < MutationsPerKind; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            seed.CopyTo(buffer, 0);
            int length = seed.Length;
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                length = ChromiumCorpus.Mutate(random, buffer, length);
            }
            var data = buffer.AsSpan(0, length);
            parsers.Exercise(data);
            if (StunMessage.TryRead(data, out var message))
            {
                message.VerifyFingerprint();
                message.TryGetXorMappedAddress(out _);
            }
            DtlsRecordFilter.HasNoUndersizedProtectedRecord(data, DtlsRecordFilter.AesGcmMinProtectedBytes);
        }
    }
}

using System.Buffers.Binary;
using Confab.Rtc.Srtp;

namespace Confab.Rtc.Tests.Srtp;

/// <summary>Hex parsing and RTP/RTCP packet builders shared by the SRTP tests.</summary>
internal static class SrtpTestPackets
{
    public const int Slack = 64;

    public static readonly SrtpProfile[] AllProfiles =
    [
        SrtpProfile.Aes128CmHmacSha1_80,
        SrtpProfile.Aes128CmHmacSha1_32,
        SrtpProfile.AeadAes128Gcm,
        SrtpProfile.AeadAes256Gcm,
    ];

    public static TheoryData<SrtpProfile> Profiles()
    {
        var data = new TheoryData<SrtpProfile>();
        foreach (SrtpProfile profile in AllProfiles)
        {
            data.Add(profile);
        }

        return data;
    }

    /// <summary>Parses hex, ignoring spaces and line breaks.</summary>
    public static byte[] Hex(string text) =>
        Convert.FromHexString(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));

    /// <summary>A master key and salt for <paramref name="profile"/>, filled from a seed.</summary>
    public static (byte[] Key, byte[] Salt) MasterKeys(SrtpProfile profile, int seed = 7)
    {
        var random = new Random(seed);
        byte[] key = new byte[profile.GetMasterKeyLength()];
        byte[] salt = new byte[profile.GetMasterSaltLength()];
        random.NextBytes(key);
        random.NextBytes(salt);
        return (key, salt);
    }

    /// <summary>A sender and a receiver context sharing one master key.</summary>
    public static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile, int maxStreams = SrtpContext.DefaultMaxStreams)
    {
        (byte[] key, byte[] salt) = MasterKeys(profile);
        return (SrtpContext.Create(profile, key, salt, maxStreams), SrtpContext.Create(profile, key, salt, maxStreams));
    }

    /// <summary>
    /// An RTP packet: V=2, PT=96, the given CSRC count, an optional one-byte-header extension of
    /// <paramref name="extensionWords"/> words, and a payload of <paramref name="payloadLength"/> octets.
    /// </summary>
    public static byte[] Rtp(
        ushort sequenceNumber,
        uint ssrc = 0x1234_5678,
        int payloadLength = 40,
        int csrcCount = 0,
        int extensionWords = -1,
        int seed = 1)
    {
        bool hasExtension = extensionWords >= 0;
        int headerLength = 12 + (4 * csrcCount) + (hasExtension ? 4 + (4 * extensionWords) : 0);
        byte[] packet = new byte[headerLength + payloadLength];
        packet[0] = (byte)(0x80 | (hasExtension ? 0x10 : 0) | csrcCount);
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), 0xCAFE_0000u + sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (int i = 0; i < csrcCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12 + (4 * i)), 0x0C5C_0000u + (uint)i);
        }

        if (hasExtension)
        {
            int at = 12 + (4 * csrcCount);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), (ushort)extensionWords);
            packet.AsSpan(at + 4, 4 * extensionWords).Fill(0xEE);
        }

        new Random(seed + sequenceNumber).NextBytes(packet.AsSpan(headerLength));
        return packet;
    }

    /// <summary>An RTCP receiver report (PT=201) of the given SSRC padded with report-like octets.</summary>
    public static byte[] Rtcp(uint ssrc = 0x1234_5678, int bodyLength = 24, int seed = 3)
    {
        byte[] packet = new byte[8 + bodyLength];
        packet[0] = 0x81;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(((8 + bodyLength) / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        new Random(seed).NextBytes(packet.AsSpan(8));
        return packet;
    }

    /// <summary>Copies a packet into a buffer with room for any trailer.</summary>
    public static byte[] WithSlack(byte[] packet)
    {
        byte[] buffer = new byte[packet.Length + Slack];
        packet.CopyTo(buffer, 0);
        return buffer;
    }

    /// <summary>Protects a copy of an RTP packet and returns exactly the SRTP bytes.</summary>
    public static byte[] ProtectRtp(SrtpContext sender, byte[] packet)
    {
        byte[] buffer = WithSlack(packet);
        Assert.True(sender.TryProtectRtp(buffer, packet.Length, out int length, out SrtpError error), error.ToString());
        return buffer[..length];
    }

    /// <summary>Protects a copy of an RTCP packet and returns exactly the SRTCP bytes.</summary>
    public static byte[] ProtectRtcp(SrtpContext sender, byte[] packet)
    {
        byte[] buffer = WithSlack(packet);
        Assert.True(sender.TryProtectRtcp(buffer, packet.Length, out int length, out SrtpError error), error.ToString());
        return buffer[..length];
    }

    /// <summary>Unprotects a copy of an SRTP packet; returns the error (None on success) and the plain bytes.</summary>
    public static (SrtpError Error, byte[] Plain) UnprotectRtp(SrtpContext receiver, byte[] srtp)
    {
        byte[] buffer = (byte[])srtp.Clone();
        bool ok = receiver.TryUnprotectRtp(buffer, buffer.Length, out int length, out SrtpError error);
        Assert.Equal(ok, error == SrtpError.None);
        return (error, buffer[..length]);
    }

    /// <summary>Unprotects a copy of an SRTCP packet; returns the error (None on success) and the plain bytes.</summary>
    public static (SrtpError Error, byte[] Plain) UnprotectRtcp(SrtpContext receiver, byte[] srtcp)
    {
        byte[] buffer = (byte[])srtcp.Clone();
        bool ok = receiver.TryUnprotectRtcp(buffer, buffer.Length, out int length, out SrtpError error);
        Assert.Equal(ok, error == SrtpError.None);
        return (error, buffer[..length]);
    }
}

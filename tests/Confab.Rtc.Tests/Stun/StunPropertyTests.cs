using System.Text;
using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

/// <summary>Random and mutated inputs: the reader and the checks answer, never throw.</summary>
public class StunPropertyTests
{
    private const int Iterations = 10_000;
    private static readonly byte[] Password = Encoding.UTF8.GetBytes(Rfc5769Vectors.Password);

    [Fact]
    public void RandomInputs_NeverThrow()
    {
        var random = new Random(12345);
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (i % 4 == 0 && bytes.Length >= StunConstants.HeaderSize)
            {
                // A quarter look like STUN up to the header, so the attribute walk gets exercised.
                bytes[0] &= 0x03;
                bytes[2] = (byte)((bytes.Length - StunConstants.HeaderSize) >> 8);
                bytes[3] = (byte)(bytes.Length - StunConstants.HeaderSize);
                bytes[4] = 0x21;
                bytes[5] = 0x12;
                bytes[6] = 0xA4;
                bytes[7] = 0x42;
            }

            if (Exercise(bytes))
            {
                accepted++;
            }
        }

        // Some header-shaped inputs with an empty or lucky attribute walk do parse; every one that
        // parsed agreed with the quick check (asserted in Exercise).
        Assert.True(accepted > 0, "no random input parsed: the header-shaped quarter should produce some");
    }

    [Fact]
    public void MutatedValidMessages_NeverThrow()
    {
        var random = new Random(12345);
        byte[][] seeds =
        [
            Rfc5769Vectors.SampleRequest,
            Rfc5769Vectors.SampleIPv4Response,
            Rfc5769Vectors.SampleIPv6Response,
            Rfc5769Vectors.SampleLongTermRequest,
        ];
        int stillVerified = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] seed = seeds[random.Next(seeds.Length)];
            byte[] bytes = Mutate(seed, random);
            if (Exercise(bytes) && StunMessage.TryRead(bytes, out StunMessageView m) && m.VerifyFingerprint()
                && m.VerifyMessageIntegrity(Password) && !bytes.AsSpan().SequenceEqual(seed))
            {
                stillVerified++;
            }
        }

        // A mutation that keeps both the CRC-32 and the HMAC valid would be a forgery: only a flip
        // inside padding or after MESSAGE-INTEGRITY's coverage (none here besides FINGERPRINT) could.
        Assert.True(stillVerified < Iterations / 100, $"{stillVerified} mutated messages still verified");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] bytes = [.. seed];
        switch (random.Next(4))
        {
            case 0: // bit flips
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // truncation
                return bytes[..random.Next(bytes.Length)];
            case 2: // random byte overwritten, header length kept
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            default: // truncation with the header length fixed up to match
                int size = StunConstants.HeaderSize + (random.Next(bytes.Length - StunConstants.HeaderSize) & ~3);
                byte[] cut = bytes[..size];
                cut[2] = (byte)((size - StunConstants.HeaderSize) >> 8);
                cut[3] = (byte)(size - StunConstants.HeaderSize);
                return cut;
        }
    }

    /// <summary>Reads and runs every accessor; true when the input parsed.</summary>
    private static bool Exercise(byte[] bytes)
    {
        bool quick = StunMessage.IsStun(bytes);
        if (!StunMessage.TryRead(bytes, out StunMessageView m))
        {
            return false;
        }

        // RFC 7983 only routes first bytes 0..3 to STUN; methods above 0xFF give 4..63 and are
        // valid STUN that a shared media port does not take.
        Assert.True(quick || bytes[0] > 3, "a message TryRead accepts with first byte 0..3 must pass IsStun");

        _ = m.VerifyFingerprint();
        _ = m.VerifyMessageIntegrity(Password);
        _ = m.TryGetUsername(out _);
        _ = m.TryGetPriority(out _);
        _ = m.TryGetIceControlled(out _);
        _ = m.TryGetIceControlling(out _);
        _ = m.TryGetXorMappedAddress(out _);
        _ = m.TryGetMappedAddress(out _);
        _ = m.TryGetErrorCode(out _, out _);
        _ = m.TryGetUnknownAttributes(out _);
        _ = m.TryGetUnknownRequiredAttribute(out _);
        _ = m.TryGetAttribute(StunAttributeType.Software, out _);
        _ = m.HasUseCandidate;
        return true;
    }
}

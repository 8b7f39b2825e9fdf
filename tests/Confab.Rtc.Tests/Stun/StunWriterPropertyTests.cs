using Confab.Rtc.Stun;

namespace Confab.Rtc.Tests.Stun;

/// <summary>Random attribute sets written and read back: every value comes back as written.</summary>
public class StunWriterPropertyTests
{
    private const int Messages = 2_000;

    [Fact]
    public void RandomAttributeSets_RoundTrip()
    {
        var random = new Random(12345);
        var buffer = new byte[4096];
        byte[] key = "round-trip-password-0001"u8.ToArray();
        for (int n = 0; n < Messages; n++)
        {
            var transactionId = new byte[StunConstants.TransactionIdSize];
            random.NextBytes(transactionId);
            var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, transactionId);

            var username = new byte[random.Next(1, 64)];
            random.NextBytes(username);
            uint priority = (uint)random.NextInt64(0, uint.MaxValue + 1L);
            ulong tieBreaker = (ulong)random.NextInt64();
            var software = new byte[random.Next(0, 40)];
            random.NextBytes(software);
            bool useCandidate = random.Next(2) == 0;

            Assert.True(writer.TryAddAttribute(StunAttributeType.Software, software));
            Assert.True(writer.TryAddAttribute(StunAttributeType.Username, username));
            Assert.True(writer.TryAddUInt32(StunAttributeType.Priority, priority));
            Assert.True(writer.TryAddUInt64(StunAttributeType.IceControlling, tieBreaker));
            if (useCandidate)
            {
                Assert.True(writer.TryAddFlag(StunAttributeType.UseCandidate));
            }

            Assert.True(writer.TryAddMessageIntegrity(key));
            Assert.True(writer.TryAddFingerprint());

            Assert.True(StunMessage.TryRead(writer.Written, out StunMessageView m), $"message {n}");
            Assert.Equal(transactionId, m.TransactionIdBytes.ToArray());
            Assert.True(m.TryGetSoftware(out ReadOnlySpan<byte> readSoftware));
            Assert.Equal(software, readSoftware.ToArray());
            Assert.True(m.TryGetUsername(out ReadOnlySpan<byte> readUsername));
            Assert.Equal(username, readUsername.ToArray());
            Assert.True(m.TryGetPriority(out uint readPriority));
            Assert.Equal(priority, readPriority);
            Assert.True(m.TryGetIceControlling(out ulong readTieBreaker));
            Assert.Equal(tieBreaker, readTieBreaker);
            Assert.Equal(useCandidate, m.HasUseCandidate);
            Assert.True(m.VerifyMessageIntegrity(key));
            Assert.True(m.VerifyFingerprint());
            Assert.Equal(0, writer.Length % 4);
        }
    }
}

using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

/// <summary>Mutated checks and responses through the ICE decisions: answers, never exceptions, never forgeries.</summary>
public class IcePropertyTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void MutatedChecks_ThroughTheDemux_NeverThrowAndNeverAuthenticate()
    {
        var random = new Random(12345);
        var demux = new IceUfragDemux();
        demux.TryAdd(new IceSession(Server, new ManualTimeProvider()));
        byte[] valid = (ValidCheck with { UseCandidate = true }).Build();
        var response = new byte[1500];
        System.Net.SocketAddress source = BrowserWifi.Serialize();
        int authenticated = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] mutated = Mutate(valid, random);
            IceBindingResult result = demux.HandleBindingRequest(mutated, source, response, out _);
            Assert.InRange(result.ResponseLength, 0, response.Length);
            if (!result.Authenticated && result.ResponseLength > 0)
            {
                Assert.True(result.ResponseLength <= mutated.Length, "an unauthenticated answer must not amplify");
            }

            if (result.Authenticated && !mutated.AsSpan().SequenceEqual(valid))
            {
                authenticated++;
            }
        }

        // Flips inside the fingerprint's own value are caught by the CRC; anything else changes the
        // HMAC input. Only a mutation confined to bytes no check covers could pass, and there are none.
        Assert.Equal(0, authenticated);
    }

    [Fact]
    public void MutatedResponses_ThroughTheChecker_NeverThrowAndNeverSucceed()
    {
        var random = new Random(12345);
        var checker = new IceControllingChecker(Browser, Server, 99);
        var request = new byte[256];
        int length = checker.WriteBindingRequest(request, 1, true, out StunTransactionId id);
        var response = new byte[256];
        IceBindingResult served = IceLiteResponder.Respond(request.AsSpan(0, length), TransportAddress.FromEndPoint(BrowserWifi), Server, response);
        byte[] valid = response[..served.ResponseLength];
        Assert.Equal(IceCheckStatus.Success, checker.ReadResponse(valid, id, out _, out _, out _));

        int succeeded = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] mutated = Mutate(valid, random);
            if (checker.ReadResponse(mutated, id, out _, out _, out _) == IceCheckStatus.Success && !mutated.AsSpan().SequenceEqual(valid))
            {
                succeeded++;
            }
        }

        Assert.Equal(0, succeeded);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] bytes = [.. seed];
        switch (random.Next(3))
        {
            case 0:
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            default:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
        }
    }
}

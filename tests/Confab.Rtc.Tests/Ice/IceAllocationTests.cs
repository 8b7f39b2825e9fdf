using Confab.Rtc.Ice;
using Confab.Rtc.Stun;
using static Confab.Rtc.Tests.Ice.IceTestData;

namespace Confab.Rtc.Tests.Ice;

/// <summary>The per-packet path allocates nothing (a count of bytes, not a timing).</summary>
public class IceAllocationTests
{
    private const int Iterations = 1_000;

    [Fact]
    public void ReadVerifyRespond_AllocatesNothingPerPacket()
    {
        var clock = new ManualTimeProvider();
        var demux = new IceUfragDemux();
        var session = new IceSession(Server, clock);
        demux.TryAdd(session);
        byte[] request = (ValidCheck with { UseCandidate = true }).Build();
        System.Net.SocketAddress source = BrowserWifi.Serialize();
        var response = new byte[1500];
        TransportAddress from = TransportAddress.FromEndPoint(BrowserWifi);

        // Warm up: the first check selects the address (allocating its copy) and binds it.
        Assert.Equal(IceBindingOutcome.Success, demux.HandleBindingRequest(request, source, response, out _).Outcome);
        RunOnce(request, source, response, from, demux);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int successes = 0;
        for (int i = 0; i < Iterations; i++)
        {
            successes += RunOnce(request, source, response, from, demux);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Iterations, successes);
        Assert.Equal(0, allocated);
    }

    private static int RunOnce(byte[] request, System.Net.SocketAddress source, byte[] response, TransportAddress from, IceUfragDemux demux)
    {
        if (!StunMessage.IsStun(request) || !StunMessage.TryRead(request, out StunMessageView view)
            || !view.VerifyFingerprint() || !view.VerifyMessageIntegrity(Server.PasswordBytes)
            || !TransportAddress.TryFromSocketAddress(source, out TransportAddress parsed) || parsed != from
            || !demux.TryResolve(request, parsed, out _))
        {
            return 0;
        }

        IceBindingResult result = demux.HandleBindingRequest(request, source, response, out _);
        return result.Outcome == IceBindingOutcome.Success && result.ResponseLength > 0 ? 1 : 0;
    }
}

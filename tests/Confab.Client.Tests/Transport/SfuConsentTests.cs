using Confab.Client.Transport;
using Confab.Rtc.Ice;
using Confab.Sfu.Transport;

namespace Confab.Client.Tests.Transport;

/// <summary>RFC 7675 on the SFU side: without the peer's checks for 30 s the transport stops sending; a check brings it back.</summary>
public class SfuConsentTests
{
    [Fact]
    public async Task ConsentLapsesThirtySecondsAfterTheLastCheckAndTheNextCheckRestoresIt()
    {
        var clock = new ManualTimeProvider();
        using var sfu = new SfuHarness(clock);
        using var client = new ClientPeerConnection();
        var transport = await sfu.ConnectAsync("consent", client);
        long checksBefore = sfu.Worker.Counters.StunAnswered;

        // The SFU's clock jumps past the consent timeout: its next tick finds consent lapsed.
        clock.Advance(IceSession.ConsentTimeout + TimeSpan.FromSeconds(1));
        await SfuHarness.WaitUntilAsync(() => transport.State == TransportState.Disconnected, "the transport to lose consent");

        // The client's next consent check (every few seconds) is answered and reconnects the transport.
        await SfuHarness.WaitUntilAsync(() => transport.State == TransportState.Connected, "the next check to restore consent");
        Assert.True(sfu.Worker.Counters.StunAnswered > checksBefore);
    }

    [Fact]
    public async Task TransportsTickInSlotsSpreadEvenlyAndEverySlotComesRound()
    {
        var clock = new ManualTimeProvider();
        using var sfu = new SfuHarness(clock);
        var clients = Enumerable.Range(0, 7).Select(_ => new ClientPeerConnection()).ToList();
        try
        {
            var transports = new List<WebRtcTransport>();
            for (int i = 0; i < clients.Count; i++)
            {
                transports.Add(await sfu.ConnectAsync($"slot-{i}", clients[i]));
            }
            int[] perSlot = [.. transports.GroupBy(t => t.TickSlot).Select(g => g.Count())];
            Assert.True(perSlot.Length > 1, "all transports in one slot");
            Assert.InRange(perSlot.Max() - perSlot.Min(), 0, 1);

            // Each transport finds its consent lapsed at its own slot's tick: all of them do.
            clock.Advance(IceSession.ConsentTimeout + TimeSpan.FromSeconds(1));
            await SfuHarness.WaitUntilAsync(() => transports.All(t => t.State == TransportState.Disconnected),
                "every transport to lose consent");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}

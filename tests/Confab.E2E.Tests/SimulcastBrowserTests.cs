namespace Confab.E2E.Tests;

/// <summary>Chromium publishing three simulcast layers through the SFU: the answer makes it send them, a subscriber decodes one.</summary>
public class SimulcastBrowserTests
{
    [Fact]
    public async Task ASimulcastPublisherSendsItsLayersAndASubscriberDecodesOne()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var publisher = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "layers", "ana", simulcast: true);
            var subscriber = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "layers", "ben");

            await subscriber.WaitForMediaGrowingFromAsync([publisher.PeerId]);
            // The SFU answered with a=simulcast:recv and the rids, so Chromium sends more than one layer.
            await publisher.WaitForSendingLayersAsync(2);
            Assert.Empty(await subscriber.ErrorsAsync());
            Assert.Empty(await publisher.ErrorsAsync());
        }
    }
}

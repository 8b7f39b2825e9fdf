namespace Confab.E2E.Tests;

/// <summary>Real Chromium pages publishing to and receiving from Confab's SFU through the development room.</summary>
public class DevRoomBrowserTests
{
    [Fact]
    public async Task ThreePagesSeeAndHearEachOtherAndALateFourthReceivesEveryone()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var a = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "e2e", "ana");
            var b = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "e2e", "ben");
            var c = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "e2e", "cai");

            await a.WaitForMediaGrowingFromAsync([b.PeerId, c.PeerId]);
            await b.WaitForMediaGrowingFromAsync([a.PeerId, c.PeerId]);
            await c.WaitForMediaGrowingFromAsync([a.PeerId, b.PeerId]);
            foreach (var page in new[] { a, b, c })
            {
                await page.WaitForReportsFromTheSfuAsync();
            }

            // C leaves: A and B drop C's tile and keep receiving each other, with no errors.
            await c.LeaveAsync();
            foreach (var page in new[] { a, b })
            {
                await page.Page.WaitForFunctionAsync(
                    "id => !window.confab.state.peers.has(id) && !document.querySelector(`[data-peer-id='${id}']`)", c.PeerId);
            }
            await a.WaitForMediaGrowingFromAsync([b.PeerId]);
            await b.WaitForMediaGrowingFromAsync([a.PeerId]);

            // D joins late and receives everyone present; they receive D.
            var d = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "e2e", "dee");
            await d.WaitForMediaGrowingFromAsync([a.PeerId, b.PeerId]);
            await a.WaitForMediaGrowingFromAsync([b.PeerId, d.PeerId]);
            await b.WaitForMediaGrowingFromAsync([a.PeerId, d.PeerId]);

            foreach (var page in new[] { a, b, d })
            {
                Assert.Empty(await page.ErrorsAsync());
            }
        }
    }
}

using Microsoft.Playwright;

namespace Confab.E2E.Tests;

public class ServerSmokeTests
{
    [Fact]
    public async Task ChromiumReachesTheServerAndHasMediaDevices()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var response = await page.GotoAsync(new Uri(server.BaseUrl, "healthz").ToString());
            Assert.NotNull(response);
            Assert.True(response!.Ok, server.Output);
            int devices = await page.EvaluateAsync<int>(
                "async () => (await navigator.mediaDevices.getUserMedia({audio: true, video: true})).getTracks().length");
            Assert.Equal(2, devices);
        }
    }
}

using System.Net;

namespace Confab.E2E.Tests;

public class DevRoomSwitchTests
{
    [Fact]
    public async Task TheDevRoomIsServedByDefault()
    {
        await using var server = await ServerProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var page = await http.GetAsync("dev/sfu.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("sfu.js", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConfigurationSwitchesTheDevRoomOff()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["Confab__Media__DevRoom"] = "false" });
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dev/sfu.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dev/sfu.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("sfu/ws")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }
}

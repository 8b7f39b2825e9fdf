using System.Net;
using System.Net.WebSockets;
using System.Text;

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
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        // The signaling socket stays (meetings use it) but refuses development-room joins.
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.SignalingEndpoint, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"join","room":"r","name":"x"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"dev-room-off\"", Encoding.UTF8.GetString(buffer, 0, result.Count), StringComparison.Ordinal);
    }
}

using Confab.Client.Signaling;
using Confab.Rtc.Sdp;

namespace Confab.E2E.Tests;

/// <summary>Confab's own C# WebRTC client and Chromium in one room, through the SFU, both ways.</summary>
public class ClientBrowserInteropTests
{
    [Fact]
    public async Task ChromiumDecodesWhatConfabClientPublishesAndTheClientReceivesChromium()
    {
        var recording = await RecordedVp8.EncodeAsync();
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await DevRoomPage.JoinAsync(browser, server.BaseUrl, "interop", "chromium");
            await using var client = new SfuDevClient(
                new Uri(server.BaseUrl.ToString().Replace("http", "ws", StringComparison.Ordinal) + "sfu/ws"),
                new SfuDevClientOptions { RecordedVideo = recording });
            var welcome = await client.JoinAsync("interop", "confab-client");
            await client.PublishAsync(audio: true, video: true);

            // Chromium decodes the client's VP8 frames and receives its audio packets.
            await page.WaitForMediaGrowingFromAsync([client.PeerId!]);

            // The client receives Chromium's audio and video, key frames included, with no loss to speak of.
            var deadline = DateTime.UtcNow.AddSeconds(45);
            while (true)
            {
                var streams = client.GetReceiveStats().GetValueOrDefault(page.PeerId) ?? [];
                var video = streams.FirstOrDefault(s => s.Kind == MediaKind.Video && s.KeyFrames > 0 && s.FramesCompleted > 30);
                var audio = streams.FirstOrDefault(s => s.Kind == MediaKind.Audio && s.Packets > 50);
                if (video is not null && audio is not null)
                {
                    Assert.True(video.Lost <= video.Expected / 100, $"video lost {video.Lost} of {video.Expected}");
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline,
                    $"the client did not receive Chromium's media: {string.Join("; ", streams)}");
                await Task.Delay(50); // poll the condition above; the deadline bounds the wait
            }
            Assert.Contains(welcome.Peers, p => p.PeerId == page.PeerId);
            Assert.Empty(await page.ErrorsAsync());
        }
    }
}

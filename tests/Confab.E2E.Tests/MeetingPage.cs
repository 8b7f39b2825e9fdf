using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Confab.E2E.Tests;

/// <summary>One person in a meeting of the web client (/m/&lt;id&gt;): the buttons they press and what their page receives.</summary>
internal sealed class MeetingPage
{
    private static readonly TimeSpan MediaTimeout = TimeSpan.FromSeconds(45);

    public MeetingPage(IPage page, string name)
    {
        Page = page;
        Name = name;
    }

    public IPage Page { get; }

    public string Name { get; }

    /// <summary>
    /// Signs up a host, starts an instant meeting from home ("New meeting", the waiting room on by default) and joins
    /// it; returns the host's page and the meeting's join link.
    /// </summary>
    public static async Task<(MeetingPage Host, string JoinLink)> StartInstantMeetingAsync(IBrowser browser, Uri baseUrl, string name = "Ada Lovelace")
    {
        var host = new MeetingPage(await (await WebClientSession.NewContextAsync(browser, baseUrl, 1280, 720)).NewPageAsync(), name);
        await WebClientSession.SignUpAsync(host.Page, name, WebClientSession.UniqueEmail("host"), "correct-horse-42");
        await host.Button("New meeting").ClickAsync();
        await host.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/j/\d+\?pwd="));
        var joinLink = host.Page.Url;
        await host.JoinFromPreJoinAsync();
        await host.WaitUntilInMeetingAsync();
        return (host, joinLink);
    }

    /// <summary>A guest with its own browser context opens the join link, types the name and presses Join.</summary>
    public static async Task<MeetingPage> GuestJoinsAsync(IBrowser browser, Uri baseUrl, string joinLink, string name, int width = 1280, int height = 720)
    {
        var guest = new MeetingPage(await (await WebClientSession.NewContextAsync(browser, baseUrl, width, height)).NewPageAsync(), name);
        await guest.Page.GotoAsync(joinLink);
        await guest.JoinFromPreJoinAsync(name);
        return guest;
    }

    public Task<string> ParticipantIdAsync() => Page.EvaluateAsync<string>("() => window.confabMeeting.roster.selfId");

    /// <summary>On the pre-join screen: types the name (when given), presses Join, and waits for the meeting page.</summary>
    public async Task JoinFromPreJoinAsync(string? typeName = null)
    {
        await WebClientSession.WaitForLivePreviewAsync(Page);
        if (typeName is not null)
        {
            await Page.GetByLabel("Your name").FillAsync(typeName);
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/m/", StringComparison.Ordinal));
    }

    public Task WaitUntilInMeetingAsync() =>
        Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Meeting controls" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Toasts => Page.GetByTestId("toasts");

    public async Task OpenParticipantsAsync()
    {
        if (await Page.Locator("aside.participants").IsHiddenAsync())
        {
            await Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Participants \\(") }).ClickAsync();
        }
        await Expect(Page.Locator("aside.participants")).ToBeVisibleAsync();
    }

    /// <summary>Opens a person's action menu in the participants panel and presses one of its buttons.</summary>
    public async Task PersonActionAsync(string personName, string action)
    {
        await OpenParticipantsAsync();
        var person = Page.Locator("aside.participants li.person", new() { HasText = personName });
        await person.Locator("summary").ClickAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = $"{action} {personName}", Exact = true }).ClickAsync();
    }

    public async Task<ReceivedMedia> ReceivedFromAsync(string participantId)
    {
        var text = await Page.EvaluateAsync<string>("async id => JSON.stringify((await window.confabMeeting.counts())[id] ?? null)", participantId);
        if (text == "null")
        {
            return new ReceivedMedia(0, 0, 0, 0);
        }
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return new ReceivedMedia(
            root.GetProperty("framesDecoded").GetInt64(),
            root.GetProperty("screenFramesDecoded").GetInt64(),
            root.GetProperty("audioPacketsReceived").GetInt64(),
            root.GetProperty("totalAudioEnergy").GetDouble());
    }

    /// <summary>Waits until what <paramref name="measure"/> reads from <paramref name="participantId"/>'s media grows by more than <paramref name="by"/> from now.</summary>
    public async Task WaitForGrowthAsync(string participantId, Func<ReceivedMedia, double> measure, double by, string what)
    {
        var start = measure(await ReceivedFromAsync(participantId));
        var deadline = DateTime.UtcNow + MediaTimeout;
        while (true)
        {
            var now = await ReceivedFromAsync(participantId);
            if (measure(now) > start + by)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: {what} from {participantId} did not grow past {start} + {by}; last {now}");
            }
            // Stats change at the browser's pace: wait for the next animation frames rather than a fixed delay.
            await Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        }
    }

    /// <summary>Sees (video frames decoded) and hears (audio packets, with sound in them) <paramref name="participantId"/>.</summary>
    public async Task WaitToSeeAndHearAsync(string participantId)
    {
        await WaitForGrowthAsync(participantId, m => m.FramesDecoded, 10, "video frames");
        await WaitForGrowthAsync(participantId, m => m.AudioPacketsReceived, 25, "audio packets");
        await WaitForGrowthAsync(participantId, m => m.TotalAudioEnergy, 0, "audio energy");
    }

    /// <summary>The events this page received so far, in order.</summary>
    public Task<string[]> EventsAsync() => Page.EvaluateAsync<string[]>("() => window.confabMeeting.events");

    public Task ScreenshotAsync(string file) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(WebClientSession.ScreenshotDirectory, file) });
}

internal sealed record ReceivedMedia(long FramesDecoded, long ScreenFramesDecoded, long AudioPacketsReceived, double TotalAudioEnergy);

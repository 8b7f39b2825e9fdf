using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Confab.E2E.Tests;

/// <summary>The web client in real Chromium against the real server: account, home, scheduling, pre-join.</summary>
public class WebClientBrowserTests
{
    private const string Password = "correct-horse-42";

    [Fact]
    public async Task SignUpScheduleARecurringMeetingCopyItsInvitationAndReachThePreJoinScreen()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 1280, 720);
            var page = await context.NewPageAsync();
            await WebClientSession.SignUpAsync(page, "Ada Lovelace", WebClientSession.UniqueEmail("ada"), Password);

            // Schedule a weekly series with the waiting room on.
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await page.GetByLabel("Topic").FillAsync("Design review");
            await page.GetByLabel("Repeats").SelectOptionAsync("weekly");
            var waitingRoom = page.GetByLabel("Waiting room: admit participants yourself");
            await waitingRoom.CheckAsync();
            await page.GetByLabel("Occurrences").FillAsync("6");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save meeting" }).ClickAsync();

            // It is listed, with its next occurrences.
            var item = page.Locator("li.meeting", new() { HasText = "Design review" });
            await Expect(item).ToBeVisibleAsync();
            await Expect(item.Locator(".occurrences")).ToContainTextAsync("Next:");
            var meetingId = await item.GetAttributeAsync("data-meeting-id");
            Assert.Matches(@"^\d{11}$", meetingId);

            // The server stored what the form said.
            var stored = await page.EvaluateAsync<string>(
                "async id => { const t = JSON.parse(localStorage.getItem('confab.tokens')); "
                + "const r = await fetch('/v2/meetings/' + id, { headers: { Authorization: 'Bearer ' + t.accessToken } }); "
                + "const m = await r.json(); return [m.type, m.settings.waiting_room, m.recurrence.type, m.occurrences.length].join(','); }",
                meetingId);
            Assert.Equal("8,True,2,6", stored, ignoreCase: true);

            // Copy invitation: the confirmation shows and the clipboard holds the invitation.
            await item.GetByRole(AriaRole.Button, new() { Name = "Copy invitation" }).ClickAsync();
            await Expect(item.GetByText("Copied", new() { Exact = true })).ToBeVisibleAsync();
            var clipboard = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            Assert.Contains("Design review", clipboard, StringComparison.Ordinal);
            Assert.Contains($"/j/{meetingId}?pwd=", clipboard, StringComparison.Ordinal);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebClientSession.ScreenshotDirectory, "home.png") });

            // Its join link opens the pre-join screen with a live preview and the name filled in.
            await item.GetByRole(AriaRole.Link, new() { Name = "Start Design review" }).ClickAsync();
            await page.WaitForURLAsync(new Regex($@"/j/{meetingId}\?pwd="));
            await WebClientSession.WaitForLivePreviewAsync(page);
            await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Ada Lovelace");
            await Expect(page.GetByLabel("Camera", new() { Exact = true })).Not.ToBeEmptyAsync();
            await Expect(page.GetByLabel("Meeting passcode")).ToHaveCountAsync(0);
            var join = page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true });
            await Expect(join).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebClientSession.ScreenshotDirectory, "prejoin.png") });

            // Mute on the pre-join screen is kept: the host enters the meeting muted.
            await page.GetByRole(AriaRole.Button, new() { Name = "Mute" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unmute" })).ToHaveAttributeAsync("aria-pressed", "true");
            await join.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/m/{meetingId}");
            var meeting = new MeetingPage(page, "Ada");
            await meeting.WaitUntilInMeetingAsync();
            await Expect(meeting.Button("Unmute")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Design review" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task ASignedOutVisitToHomeLandsOnSignIn()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 1280, 720);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join a meeting" })).ToBeVisibleAsync();

            // The join box goes to the meeting's pre-join screen, and its passcode spares the prompt there.
            await page.GetByLabel("Meeting ID").FillAsync("123 4567 8901");
            await page.GetByLabel("Passcode").FillAsync("abc123");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join a meeting" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/j/12345678901");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Meeting passcode")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task HomeAndPreJoinFitA390PixelWidePhone()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 390, 844);
            var page = await context.NewPageAsync();
            await WebClientSession.SignUpAsync(page, "Grace Brewster Murray Hopper", WebClientSession.UniqueEmail("grace"), Password);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upcoming meetings" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await page.GetByLabel("Repeats").SelectOptionAsync("weekly");
            Assert.False(await WebClientSession.OverflowsHorizontallyAsync(page), "The home page overflows at 390 px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebClientSession.ScreenshotDirectory, "home-narrow.png"), FullPage = true });

            // A link without its token: the pre-join screen asks for the passcode.
            await page.GotoAsync("/j/98765432109");
            await WebClientSession.WaitForLivePreviewAsync(page);
            await Expect(page.GetByLabel("Meeting passcode")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true })).ToBeVisibleAsync();
            Assert.False(await WebClientSession.OverflowsHorizontallyAsync(page), "The pre-join screen overflows at 390 px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WebClientSession.ScreenshotDirectory, "prejoin-narrow.png"), FullPage = true });

            // Join without the passcode is refused on the spot.
            await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Enter the meeting passcode." })).ToBeVisibleAsync();
            Assert.EndsWith("/j/98765432109", page.Url, StringComparison.Ordinal);
        }
    }
}

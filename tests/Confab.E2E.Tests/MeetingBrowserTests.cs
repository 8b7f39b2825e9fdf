using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Confab.E2E.Tests;

/// <summary>
/// Meetings in the web client, in real Chromium against the real server: waiting room, seeing and hearing each
/// other, host controls, screen share, host hand-over.
/// </summary>
public class MeetingBrowserTests
{
    private const string Password = "correct-horse-42";

    [Fact]
    public async Task AGuestWaitsIsAdmittedBothSeeAndHearThenMuteAllUnmuteOnlyWhenAllowedAndRemoval()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // The host schedules a meeting with the waiting room on and starts it.
            var hostContext = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 1280, 720);
            var host = new MeetingPage(await hostContext.NewPageAsync(), "Ada");
            await WebClientSession.SignUpAsync(host.Page, "Ada Lovelace", WebClientSession.UniqueEmail("ada"), Password);
            await host.Page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await host.Page.GetByLabel("Topic").FillAsync("Weekly sync");
            await host.Page.GetByLabel("Waiting room: admit participants yourself").CheckAsync();
            await host.Page.GetByRole(AriaRole.Button, new() { Name = "Save meeting" }).ClickAsync();
            var item = host.Page.Locator("li.meeting", new() { HasText = "Weekly sync" });
            await item.GetByRole(AriaRole.Link, new() { Name = "Start Weekly sync" }).ClickAsync();
            await host.Page.WaitForURLAsync(new Regex(@"/j/\d+\?pwd="));
            var joinLink = host.Page.Url;
            await host.JoinFromPreJoinAsync();
            await host.WaitUntilInMeetingAsync();

            // The guest opens the join link and waits; neither media nor the meeting's events reach them.
            var guestContext = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 1280, 720);
            var guest = new MeetingPage(await guestContext.NewPageAsync(), "Grace");
            await guest.Page.GotoAsync(joinLink);
            await guest.JoinFromPreJoinAsync("Grace Hopper");
            await Expect(guest.Page.GetByTestId("waiting-room")).ToContainTextAsync("the host will let you in soon");

            // The host is told and admits.
            var notice = host.Page.Locator(".host-notice");
            await Expect(notice).ToContainTextAsync("Grace Hopper is in the waiting room");
            await notice.GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
            await guest.WaitUntilInMeetingAsync();
            var hostId = await host.ParticipantIdAsync();
            var guestId = await guest.ParticipantIdAsync();
            await Expect(host.Toasts).ToContainTextAsync("Grace Hopper joined");

            // Both see and hear each other.
            await host.WaitToSeeAndHearAsync(guestId);
            await guest.WaitToSeeAndHearAsync(hostId);
            await Expect(host.Page.Locator($".tile[data-participant-id='{guestId}']")).ToContainTextAsync("Grace Hopper");

            // Mute all, with participants not allowed to unmute themselves.
            await host.OpenParticipantsAsync();
            var allowUnmute = host.Page.GetByLabel("Allow participants to unmute themselves");
            await allowUnmute.UncheckAsync();
            await host.Button("Mute all").ClickAsync();
            await Expect(guest.Toasts).ToContainTextAsync("Ada Lovelace muted you");
            await Expect(guest.Button("Unmute")).ToHaveAttributeAsync("aria-pressed", "true");
            await guest.Button("Unmute").ClickAsync();
            await Expect(guest.Toasts).ToContainTextAsync("not allowed participants to unmute");
            await Expect(guest.Button("Unmute")).ToBeVisibleAsync();
            var heardWhileMuted = (await host.ReceivedFromAsync(guestId)).AudioPacketsReceived;

            // Allowed again: the guest unmutes and is heard.
            await allowUnmute.CheckAsync();
            await Expect(allowUnmute).ToBeCheckedAsync();
            await host.Page.WaitForFunctionAsync("() => window.confabMeeting.roster.settings.allowParticipantsUnmute === true");
            await guest.Page.WaitForFunctionAsync("() => window.confabMeeting.roster.settings.allowParticipantsUnmute === true");
            await guest.Button("Unmute").ClickAsync();
            await Expect(guest.Button("Mute")).ToHaveAttributeAsync("aria-pressed", "false");
            await host.WaitForGrowthAsync(guestId, m => m.AudioPacketsReceived, 25, "audio packets after unmuting");
            Assert.True((await host.ReceivedFromAsync(guestId)).AudioPacketsReceived > heardWhileMuted + 25);

            // The host removes the guest, who cannot come back.
            await host.PersonActionAsync("Grace Hopper", "Remove");
            await Expect(guest.Page.GetByTestId("meeting-over")).ToContainTextAsync("You were removed from the meeting");
            await Expect(host.Page.Locator($".tile[data-participant-id='{guestId}']")).ToHaveCountAsync(0);
            await guest.Page.GotoAsync(joinLink);
            await guest.JoinFromPreJoinAsync("Grace Hopper");
            await Expect(guest.Page.GetByTestId("meeting-over")).ToContainTextAsync("Could not join");
            await Expect(guest.Page.GetByTestId("meeting-over")).ToContainTextAsync("removed from this meeting");
        }
    }
}

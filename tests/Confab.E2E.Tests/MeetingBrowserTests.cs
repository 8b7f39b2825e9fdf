using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Confab.E2E.Tests.Network;
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

            // The guest, on a phone-sized screen, opens the join link and waits.
            var guestContext = await WebClientSession.NewContextAsync(browser, server.BaseUrl, 390, 844);
            var guest = new MeetingPage(await guestContext.NewPageAsync(), "Grace");
            await guest.Page.GotoAsync(joinLink);
            await guest.JoinFromPreJoinAsync("Grace Hopper");
            await Expect(guest.Page.GetByTestId("waiting-room")).ToContainTextAsync("the host will let you in soon");

            // The host is told and admits.
            var notice = host.Page.Locator(".host-notice");
            await Expect(notice).ToContainTextAsync("Grace Hopper is in the waiting room");
            await notice.GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
            await Expect(host.Toasts).ToContainTextAsync("Grace Hopper joined"); // a toast lasts 5 s: checked at once
            await guest.WaitUntilInMeetingAsync();
            var hostId = await host.ParticipantIdAsync();
            var guestId = await guest.ParticipantIdAsync();

            // Both see and hear each other.
            await host.WaitToSeeAndHearAsync(guestId);
            await guest.WaitToSeeAndHearAsync(hostId);
            await Expect(host.Page.Locator($".tile[data-participant-id='{guestId}']")).ToContainTextAsync("Grace Hopper");
            Assert.False(await WebClientSession.OverflowsHorizontallyAsync(guest.Page), "the meeting is wider than a phone");
            await Expect(guest.Button("Leave")).ToBeInViewportAsync();
            await guest.ScreenshotAsync("meeting-narrow.png");

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

            // Asked (never forced): the guest chooses to unmute from the request, and is heard.
            await host.PersonActionAsync("Grace Hopper", "Ask to unmute");
            var request = guest.Toasts.Locator(".toast", new() { HasText = "Ada Lovelace asks you to unmute" });
            await Expect(guest.Button("Unmute")).ToHaveAttributeAsync("aria-pressed", "true");
            await request.GetByRole(AriaRole.Button, new() { Name = "Unmute me", Exact = true }).ClickAsync();
            await Expect(guest.Button("Mute")).ToHaveAttributeAsync("aria-pressed", "false");
            await host.WaitForGrowthAsync(guestId, m => m.AudioPacketsReceived, 25, "audio packets after the asked unmute");

            // The request was good once: muted again, the guest cannot unmute until the host allows it.
            await guest.Button("Mute").ClickAsync();
            await Expect(guest.Button("Unmute")).ToHaveAttributeAsync("aria-pressed", "true");
            await guest.Button("Unmute").ClickAsync();
            await Expect(guest.Toasts.Locator(".toast", new() { HasText = "not allowed participants to unmute" })).ToHaveCountAsync(1, new() { Timeout = 10_000 });
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

            // A raised hand and a reaction reach the host; the host lowers the hand.
            await guest.Button("Raise hand").ClickAsync();
            await Expect(host.Toasts).ToContainTextAsync("Grace Hopper raised a hand");
            await Expect(host.Page.Locator($".tile[data-participant-id='{guestId}'] .hand")).ToBeVisibleAsync();
            await host.PersonActionAsync("Grace Hopper", "Lower hand");
            await Expect(guest.Button("Raise hand")).ToHaveAttributeAsync("aria-pressed", "false");
            await guest.Button("Reactions").ClickAsync();
            await guest.Page.GetByRole(AriaRole.Button, new() { Name = "React 👍" }).ClickAsync();
            await Expect(host.Page.GetByLabel("Grace Hopper reacted 👍")).ToBeVisibleAsync();

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

    [Fact]
    public async Task FourPeopleInAGalleryACoHostSharesTheirScreenAndBecomesHostWhenTheHostLeaves()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // The host starts an instant meeting (the waiting room is on by default).
            var (host, joinLink) = await MeetingPage.StartInstantMeetingAsync(browser, server.BaseUrl);

            // Bob has an account; Grace and Linus come as guests. All three wait until the host admits them all.
            var bob = new MeetingPage(await (await WebClientSession.NewContextAsync(browser, server.BaseUrl, 1280, 720)).NewPageAsync(), "Bob");
            await WebClientSession.SignUpAsync(bob.Page, "Bob Kahn", WebClientSession.UniqueEmail("bob"), Password);
            await bob.Page.GotoAsync(joinLink);
            await bob.JoinFromPreJoinAsync();
            var others = new List<MeetingPage> { bob };
            foreach (var name in new[] { "Grace Hopper", "Linus Torvalds" })
            {
                others.Add(await MeetingPage.GuestJoinsAsync(browser, server.BaseUrl, joinLink, name));
            }
            foreach (var waiting in others)
            {
                await Expect(waiting.Page.GetByTestId("waiting-room")).ToBeVisibleAsync();
            }
            var notice = host.Page.Locator(".host-notice");
            await Expect(notice).ToContainTextAsync("3 people are in the waiting room");
            await notice.GetByRole(AriaRole.Button, new() { Name = "Admit all", Exact = true }).ClickAsync();
            foreach (var admitted in others)
            {
                await admitted.WaitUntilInMeetingAsync();
            }

            // A 4-person gallery: the host sees and hears the three others, each in a tile.
            await Expect(host.Page.Locator(".stage .tile")).ToHaveCountAsync(4);
            foreach (var other in others)
            {
                var id = await other.ParticipantIdAsync();
                await host.WaitToSeeAndHearAsync(id);
                await host.Page.WaitForFunctionAsync(
                    "id => { const v = document.querySelector(`.tile[data-participant-id='${id}'] video`); return !!v && v.videoWidth > 0 && v.readyState >= 2; }", id);
            }
            await host.ScreenshotAsync("meeting-gallery.png");

            // The participants panel, with the host controls; Bob becomes co-host.
            await host.PersonActionAsync("Bob Kahn", "Make co-host");
            await Expect(bob.Toasts).ToContainTextAsync("You are now a co-host");
            await Expect(host.Page.Locator("aside.participants li.person", new() { HasText = "Bob Kahn" })).ToContainTextAsync("(Co-host)");
            await host.ScreenshotAsync("meeting-participants.png");

            // Bob shares his screen: the host's page shows it large and decodes it; stopping ends it.
            var bobId = await bob.ParticipantIdAsync();
            await bob.Button("Share screen").ClickAsync();
            await Expect(bob.Button("Stop share")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(host.Toasts).ToContainTextAsync("Bob Kahn started sharing");
            await Expect(host.Page.Locator(".tile.screen-tile")).ToContainTextAsync("Bob Kahn's screen");
            await host.WaitForGrowthAsync(bobId, m => m.ScreenFramesDecoded, 5, "screen frames");
            await host.Page.WaitForFunctionAsync("() => { const v = document.querySelector('.tile.screen-tile video'); return !!v && v.videoWidth > 0; }");
            await host.ScreenshotAsync("meeting-share.png");
            await bob.Button("Stop share").ClickAsync();
            await Expect(host.Page.Locator(".tile.screen-tile")).ToHaveCountAsync(0);

            // The host leaves; the co-host becomes host, and everyone hears of it.
            await host.Button("Leave").ClickAsync();
            await host.Button("Leave meeting").ClickAsync();
            await Expect(host.Page.GetByTestId("meeting-over")).ToContainTextAsync("You left the meeting");
            await Expect(bob.Toasts).ToContainTextAsync("You are now the host");
            await bob.OpenParticipantsAsync();
            await Expect(bob.Page.Locator("aside.participants li.person", new() { HasText = "Bob Kahn" })).ToContainTextAsync("(Host, me)");
            await others[1].OpenParticipantsAsync();
            await Expect(others[1].Page.Locator("aside.participants li.person", new() { HasText = "Bob Kahn" })).ToContainTextAsync("(Host)");
            // As host, Bob's controls work: he mutes Grace.
            await bob.PersonActionAsync("Grace Hopper", "Mute");
            await Expect(others[1].Toasts).ToContainTextAsync("Bob Kahn muted you");
        }
    }

    [Fact]
    public async Task APageLosesItsNetworkForTenSecondsAndComesBackAsTheSameParticipantWithMediaUnseenByTheOthers()
    {
        // The server announces the relay's port: every page's media goes through it, and it can cut one page's.
        await using var relay = new UdpCutRelay();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Confab__Media__AnnouncedPort"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        relay.Start(server.MediaPort);
        await using var proxy = new TcpCutProxy(server.BaseUrl);
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var (host, joinLink) = await MeetingPage.StartInstantMeetingAsync(browser, server.BaseUrl);

            // The guest's page reaches the server only through the proxy (signaling) and the relay (media).
            var guest = await MeetingPage.GuestJoinsAsync(browser, proxy.BaseUrl, new Uri(joinLink).PathAndQuery, "Grace Hopper");
            await host.Page.Locator(".host-notice").GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
            await guest.WaitUntilInMeetingAsync();
            var hostId = await host.ParticipantIdAsync();
            var guestId = await guest.ParticipantIdAsync();
            await host.WaitToSeeAndHearAsync(guestId);
            await guest.WaitToSeeAndHearAsync(hostId);
            int hostEventsBefore = (await host.EventsAsync()).Length;

            // The guest's network goes away for 10 seconds: signaling reset and refused, every media datagram dropped.
            var ufrags = await guest.Page.EvaluateAsync<string[]>("() => window.confabMeeting.iceUfrags()");
            Assert.Equal(2, ufrags.Length);
            relay.Cut(ufrags);
            proxy.Cut();
            await Expect(guest.Page.GetByText("Connection lost. Reconnecting…")).ToBeVisibleAsync();
            int droppedAtCut = relay.Dropped;
            await Task.Delay(TimeSpan.FromSeconds(10)); // The length of the outage is the scenario itself.
            Assert.True(relay.Dropped > droppedAtCut, "the cut dropped no media: the page's media did not go through the relay");
            relay.Restore();
            proxy.Restore();

            // It comes back by itself as the same participant, and media flows both ways again.
            await Expect(guest.Page.GetByText("Connection lost. Reconnecting…")).ToBeHiddenAsync(new() { Timeout = 30_000 });
            await Expect(guest.Toasts).ToContainTextAsync("Reconnected");
            Assert.Equal(guestId, await guest.ParticipantIdAsync());
            // Both connections restarted ICE (new ufrags), keeping their DTLS and tracks.
            await guest.Page.WaitForFunctionAsync("old => { const now = window.confabMeeting.iceUfrags(); return now.length === 2 && now.every(u => !old.includes(u)); }", ufrags);
            await host.WaitToSeeAndHearAsync(guestId);
            await guest.WaitToSeeAndHearAsync(hostId);

            // The host saw nobody leave or join, and the guest's tile never went away.
            var hostEvents = await host.EventsAsync();
            Assert.DoesNotContain("participant-left", hostEvents[hostEventsBefore..]);
            Assert.DoesNotContain("participant-joined", hostEvents[hostEventsBefore..]);
            await Expect(host.Page.Locator($".tile[data-participant-id='{guestId}']")).ToHaveCountAsync(1);
        }
    }
}

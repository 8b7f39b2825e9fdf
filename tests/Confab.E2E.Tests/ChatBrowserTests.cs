using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Confab.E2E.Tests;

/// <summary>The chat panel of the web client in real Chromium: public and private messages, reactions, text shown as text, a file.</summary>
public class ChatBrowserTests
{
    [Fact]
    public async Task PublicAndPrivateMessagesReachExactlyTheirPeopleWithReactionsMarkupShownAsTextAndAFile()
    {
        await using var server = await ServerProcess.StartAsync();
        var (playwright, browser) = await ChromiumBrowser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var (host, joinLink) = await MeetingPage.StartInstantMeetingAsync(browser, server.BaseUrl);
            var guests = new List<MeetingPage>();
            foreach (var name in new[] { "Grace Hopper", "Linus Torvalds" })
            {
                var guest = await MeetingPage.GuestJoinsAsync(browser, server.BaseUrl, joinLink, name);
                await Expect(guest.Page.GetByTestId("waiting-room")).ToBeVisibleAsync();
                guests.Add(guest);
            }
            var (grace, linus) = (guests[0], guests[1]);

            // A message sent while the guests wait (the server keeps it from the waiting room, see the signaling tests)
            // is in the history they get once admitted.
            await OpenChatAsync(host);
            await SendAsync(host, "Everyone", "Welcome, starting in a minute");
            await Expect(ChatMessages(host)).ToContainTextAsync("Welcome, starting in a minute");
            await host.Page.Locator(".host-notice").GetByRole(AriaRole.Button, new() { Name = "Admit all", Exact = true }).ClickAsync();
            await grace.WaitUntilInMeetingAsync();
            await linus.WaitUntilInMeetingAsync();

            await OpenChatAsync(grace);
            await Expect(ChatMessages(grace)).ToContainTextAsync("Welcome, starting in a minute");

            // Public, with markup in it: everyone gets it once, as text.
            await OpenChatAsync(linus);
            await SendAsync(grace, "Everyone", "<b>Hello</b> <img src=x onerror=alert(1)>");
            foreach (var page in new[] { host, grace, linus })
            {
                var message = ChatMessages(page).Filter(new() { HasText = "<b>Hello</b>" });
                await Expect(message).ToHaveCountAsync(1);
                await Expect(message.Locator("b, img")).ToHaveCountAsync(0);
            }

            // Private: the host writes to Grace only; Linus gets nothing of it (a later public message shows he is caught up).
            await SendAsync(host, "Grace Hopper", "Can you present next?");
            await Expect(ChatMessages(grace).Filter(new() { HasText = "Can you present next?" })).ToContainTextAsync("privately");
            await SendAsync(host, "Everyone", "Thanks all");
            await Expect(ChatMessages(linus).Filter(new() { HasText = "Thanks all" })).ToHaveCountAsync(1);
            await Expect(ChatMessages(linus).Filter(new() { HasText = "Can you present next?" })).ToHaveCountAsync(0);

            // A reaction on the public message shows under it for everyone.
            var thanks = ChatMessages(linus).Filter(new() { HasText = "Thanks all" });
            await thanks.GetByRole(AriaRole.Button, new() { Name = "React 🎉 to Ada Lovelace's message" }).ClickAsync();
            foreach (var page in new[] { host, grace, linus })
            {
                await Expect(ChatMessages(page).Filter(new() { HasText = "Thanks all" }).Locator(".chat-reaction")).ToHaveTextAsync("🎉 1");
            }

            // A file: Grace attaches one for everyone; Linus downloads the same bytes through the button.
            var notes = "agenda\n1. demo\n"u8.ToArray();
            await grace.Page.GetByLabel("Send to").SelectOptionAsync(new SelectOptionValue { Label = "Everyone" });
            await grace.Page.GetByLabel("File to send").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = notes });
            foreach (var page in new[] { host, grace, linus })
            {
                await Expect(ChatMessages(page).GetByRole(AriaRole.Button, new() { Name = "Download notes.txt" })).ToHaveCountAsync(1);
            }
            var download = await linus.Page.RunAndWaitForDownloadAsync(() =>
                ChatMessages(linus).GetByRole(AriaRole.Button, new() { Name = "Download notes.txt" }).ClickAsync());
            Assert.Equal("notes.txt", download.SuggestedFilename);
            var saved = Path.Combine(Path.GetTempPath(), $"confab-e2e-{Guid.NewGuid():N}.txt");
            await download.SaveAsAsync(saved);
            Assert.Equal(notes, await File.ReadAllBytesAsync(saved));
            File.Delete(saved);
            await host.ScreenshotAsync("meeting-chat.png");
        }
    }

    private static ILocator ChatMessages(MeetingPage page) => page.Page.Locator("aside.chat li.chat-message:not(.pending)");

    private static async Task OpenChatAsync(MeetingPage page)
    {
        await page.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Chat") }).ClickAsync();
        await Expect(page.Page.Locator("aside.chat")).ToBeVisibleAsync();
    }

    private static async Task SendAsync(MeetingPage page, string to, string text)
    {
        await page.Page.GetByLabel("Send to").SelectOptionAsync(new SelectOptionValue { Label = to });
        await page.Page.GetByLabel("Message", new() { Exact = true }).FillAsync(text);
        await page.Page.Locator("aside.chat").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
    }
}

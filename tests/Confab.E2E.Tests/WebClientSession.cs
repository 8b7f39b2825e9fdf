using Microsoft.Playwright;

namespace Confab.E2E.Tests;

/// <summary>Steps through the web client (web/) as a person does: by labels and button texts.</summary>
public static class WebClientSession
{
    /// <summary>Screenshots of the pages go here, beside the test assembly.</summary>
    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseUrl, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["clipboard-read", "clipboard-write", "camera", "microphone"],
            ColorScheme = ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Signs up through /signup and waits for the signed-in home.</summary>
    public static async Task SignUpAsync(IPage page, string name, string email, string password)
    {
        await page.GotoAsync("/signup");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByTestId("pmi")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{3} \d{3} \d{4}$"));
    }

    /// <summary>Waits until the camera preview plays real frames.</summary>
    public static Task WaitForLivePreviewAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return !!v && v.readyState >= 2 && v.videoWidth > 0; }");

    /// <summary>Whether the page is wider than the viewport (a horizontal scrollbar).</summary>
    public static Task<bool> OverflowsHorizontallyAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth");

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";
}

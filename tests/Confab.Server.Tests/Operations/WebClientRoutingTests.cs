using System.Net;
using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Operations;

/// <summary>
/// The web client's routes answer its index.html; the API, operations and unknown paths keep answering as
/// before (the client's pages are listed routes, not a catch-all).
/// </summary>
public sealed class WebClientRoutingTests : IClassFixture<SqliteServerFixture>
{
    private readonly SqliteServerFixture _fixture;

    public WebClientRoutingTests(SqliteServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/signin")]
    [InlineData("/signup")]
    [InlineData("/j/12345678901?pwd=abc")]
    [InlineData("/m/12345678901")]
    public async Task Client_routes_answer_the_client_page_uncached_and_locked_down(string path)
    {
        var response = await _fixture.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/app/main-", html, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [SkippableFact]
    public async Task The_bundle_is_served_and_cached_for_good()
    {
        var client = _fixture.CreateClient();
        var html = await (await client.GetAsync("/signin")).Content.ReadAsStringAsync();
        var start = html.IndexOf("/app/main-", StringComparison.Ordinal);
        var script = html[start..html.IndexOf('"', start)];
        var response = await client.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("/v2/users/me", HttpStatusCode.Unauthorized)]
    [InlineData("/v2/no-such-endpoint", HttpStatusCode.NotFound)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/metrics", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/j/12345678901/extra", HttpStatusCode.NotFound)]
    public async Task Other_paths_keep_their_own_answers(string path, HttpStatusCode status)
    {
        var response = await _fixture.CreateClient().GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_client_pages_are_not_in_the_api_description()
    {
        var document = await (await _fixture.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(document.GetProperty("paths").TryGetProperty("/signin", out _));
    }
}

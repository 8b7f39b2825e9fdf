using System.Net;
using Confab.Server.Tests.Infrastructure;

namespace Confab.Server.Tests.Operations;

/// <summary>/healthz, /metrics and the OpenAPI document — on each database engine.</summary>
public abstract class OperationsTests
{
    private readonly ServerFixture _fixture;

    protected OperationsTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableFact]
    public async Task Healthz_reports_healthy_when_the_database_answers()
    {
        var health = await (await _fixture.CreateClient().GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("database").GetString());
    }

    [SkippableFact]
    public async Task Metrics_are_served_in_prometheus_text_format()
    {
        var client = _fixture.CreateClient();
        await client.GetAsync("/healthz");
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("confab_media_rtp_forwarded", text, StringComparison.Ordinal);
        Assert.Contains("confab_media_sends_dropped", text, StringComparison.Ordinal);
        Assert.Contains("confab_media_datagrams_segmented", text, StringComparison.Ordinal);
        Assert.Contains("confab_media_datagrams_coalesced", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task OpenApi_document_lists_the_api()
    {
        var document = await (await _fixture.CreateClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v2/auth/register", "/v2/auth/login", "/v2/users/me", "/v2/users/me/meetings", "/v2/meetings/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document.");
        }
        var create = paths.GetProperty("/v2/users/me/meetings").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("400", out _));
    }
}

public sealed class SqliteOperationsTests(SqliteServerFixture fixture)
    : OperationsTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresOperationsTests(PostgresServerFixture fixture)
    : OperationsTests(fixture), IClassFixture<PostgresServerFixture>;

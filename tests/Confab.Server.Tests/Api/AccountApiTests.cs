using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Confab.Data.Database;
using Confab.Server.Auth;
using Confab.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Server.Tests.Api;

/// <summary>Accounts: register, login, refresh, users/me, throttling and token checks — on each database engine.</summary>
public abstract class AccountApiTests
{
    private readonly ServerFixture _fixture;

    protected AccountApiTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableFact]
    public async Task Register_returns_201_with_profile_and_a_ten_digit_pmi()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        var response = await client.PostAsync("/v2/auth/register", TestApi.Json(new
        {
            email = email.ToUpperInvariant(),
            password = TestApi.StrongPassword,
            display_name = "Grace",
            timezone = "America/New_York",
        }));
        var user = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.Equal("Grace", user.GetProperty("display_name").GetString());
        Assert.Equal("free", user.GetProperty("account_type").GetString());
        Assert.Equal("America/New_York", user.GetProperty("timezone").GetString());
        Assert.Matches("^[1-9][0-9]{9}$", user.GetProperty("pmi").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The fake clock is shared by the class's tests (some advance it): compare with its reading now.
        var now = _fixture.Time.GetUtcNow().UtcDateTime;
        Assert.Equal(now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            user.GetProperty("created_at").GetString());
    }

    [SkippableFact]
    public async Task Register_stores_a_password_hash_and_the_plan_limits()
    {
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(_fixture.CreateClient(), email);

        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        var row = await db.Users.SingleAsync(u => u.Email == email);
        Assert.NotNull(row.PasswordHash);
        Assert.DoesNotContain(TestApi.StrongPassword, row.PasswordHash, StringComparison.Ordinal);
        // ASP.NET Core Identity v3 hashes start with the format marker 0x01 (base64 "AQAAAA").
        Assert.StartsWith("AQAAAA", row.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(100, row.MaxParticipants);
        Assert.Equal(40, row.GroupMeetingCapMinutes);
    }

    [SkippableFact]
    public async Task Register_twice_with_the_same_email_in_other_case_is_409()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        var again = await client.PostAsync("/v2/auth/register", TestApi.Json(new
        {
            email = email.ToUpperInvariant(),
            password = TestApi.StrongPassword,
            display_name = "Twin",
        }));
        await again.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Login_returns_a_bearer_token_pair_that_opens_users_me()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        var tokens = await TestApi.LoginAsync(client, email);

        Assert.Equal("bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(3600, tokens.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("refresh_token").GetString()));
        var me = await _fixture.CreateClient(tokens.GetProperty("access_token").GetString()).GetAsync("/v2/users/me");
        var profile = await me.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Europe/Berlin", profile.GetProperty("timezone").GetString());
    }

    [SkippableFact]
    public async Task Patch_users_me_changes_only_the_fields_given()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        var patch = await client.PatchAsync("/v2/users/me", TestApi.Json(new { display_name = "Renamed" }));
        await patch.ExpectAsync(HttpStatusCode.NoContent);
        patch = await client.PatchAsync("/v2/users/me", TestApi.Json(new { timezone = "Asia/Tokyo" }));
        await patch.ExpectAsync(HttpStatusCode.NoContent);

        var profile = await (await client.GetAsync("/v2/users/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Renamed", profile.GetProperty("display_name").GetString());
        Assert.Equal("Asia/Tokyo", profile.GetProperty("timezone").GetString());
    }

    [SkippableFact]
    public async Task Refresh_rotates_the_token_and_a_reused_one_revokes_the_family()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        var first = (await TestApi.LoginAsync(client, email)).GetProperty("refresh_token").GetString()!;

        var second = await (await client.PostAsync("/v2/auth/refresh", TestApi.Json(new { refresh_token = first })))
            .ExpectAsync(HttpStatusCode.OK);
        var secondToken = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first, secondToken);
        Assert.Equal("bearer", second.GetProperty("token_type").GetString());

        // The spent token is refused, and its reuse also revokes the one issued in exchange.
        await (await client.PostAsync("/v2/auth/refresh", TestApi.Json(new { refresh_token = first })))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.PostAsync("/v2/auth/refresh", TestApi.Json(new { refresh_token = secondToken })))
            .ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Refresh_tokens_are_stored_only_as_sha256()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        var refresh = (await TestApi.LoginAsync(client, email)).GetProperty("refresh_token").GetString()!;

        await using var scope = _fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        Assert.False(await db.RefreshTokens.AnyAsync(t => t.TokenHash == refresh));
        var hash = TokenHashing.Sha256Hex(refresh);
        Assert.True(await db.RefreshTokens.AnyAsync(t => t.TokenHash == hash));
    }

    [SkippableFact]
    public async Task An_access_token_expires_after_its_lifetime_by_the_server_clock()
    {
        var (client, _, _) = await TestApi.NewUserAsync(_fixture);
        await (await client.GetAsync("/v2/users/me")).ExpectAsync(HttpStatusCode.OK);

        _fixture.Time.Advance(TimeSpan.FromMinutes(61));
        var expired = await client.GetAsync("/v2/users/me");
        await expired.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", expired.Headers.WwwAuthenticate.Single().Scheme);
    }

    [SkippableFact]
    public async Task Login_is_throttled_per_account_with_retry_after_then_allowed_again()
    {
        var client = _fixture.CreateClient();
        var email = TestApi.NewEmail();
        await TestApi.RegisterAsync(client, email);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsync("/v2/auth/login", TestApi.Json(new { email, password = "Wrong-Password-123" }));
            await wrong.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Even the right password is refused while the account is locked.
        var locked = await client.PostAsync("/v2/auth/login", TestApi.Json(new { email, password = TestApi.StrongPassword }));
        await locked.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = locked.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 15 * 60);

        _fixture.Time.Advance(retryAfter.Value + TimeSpan.FromSeconds(1));
        await TestApi.LoginAsync(client, email);
    }

    [SkippableFact]
    public async Task Login_is_throttled_per_client_ip_across_accounts()
    {
        async Task<HttpResponseMessage> LoginFromAsync(string ip, string email)
        {
            var context = await _fixture.App.Server.SendAsync(c =>
            {
                c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
                c.Request.Method = "POST";
                c.Request.Path = "/v2/auth/login";
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
                    $"{{\"email\":\"{email}\",\"password\":\"Wrong-Password-123\"}}"));
            });
            var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
            {
                Content = new StreamContent(context.Response.Body),
            };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Response.ContentType ?? "text/plain");
            return response;
        }

        const string attacker = "203.0.113.7";
        for (var i = 0; i < 20; i++)
        {
            await (await LoginFromAsync(attacker, TestApi.NewEmail())).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        }
        await (await LoginFromAsync(attacker, TestApi.NewEmail())).ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        // Another client is not affected.
        await (await LoginFromAsync("203.0.113.8", TestApi.NewEmail())).ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteAccountApiTests(SqliteServerFixture fixture)
    : AccountApiTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAccountApiTests(PostgresServerFixture fixture)
    : AccountApiTests(fixture), IClassFixture<PostgresServerFixture>;

using System.Net;
using Confab.Data.Model;
using Confab.Meetings.LiveState;
using Confab.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Server.Tests.Operations;

/// <summary>What the server does when a part it depends on fails (SQLite: no other engine needed).</summary>
public sealed class FaultTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "confab-tests", Guid.NewGuid().ToString("N"));
    private readonly TestLogSink _logs = new();

    private ConfabApp NewApp(Action<IServiceCollection> configure) =>
        new(_dataDir, "sqlite", null, _logs, new FakeTimeProvider(ServerFixture.Start), configure);

    [Fact]
    public async Task Healthz_is_503_when_the_live_state_store_does_not_answer()
    {
        await using var app = NewApp(s => s.AddSingleton<ILiveStateStore>(new FakeLiveStateStore(reachable: false)));
        var response = await app.CreateClient().GetAsync("/healthz");
        var health = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("unhealthy", health.GetProperty("checks").GetProperty("live_state").GetString());
    }

    [Fact]
    public async Task Healthz_is_200_when_the_live_state_store_answers()
    {
        await using var app = NewApp(s => s.AddSingleton<ILiveStateStore>(new FakeLiveStateStore(reachable: true)));
        var health = await (await app.CreateClient().GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("live_state").GetString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_logged_500_problem_that_reveals_nothing()
    {
        await using var app = NewApp(s => s.AddSingleton<IPasswordHasher<UserRecord>, ExplodingHasher>());
        var response = await app.CreateClient().PostAsync("/v2/auth/register", TestApi.Json(new
        {
            email = TestApi.NewEmail(),
            password = TestApi.StrongPassword,
            display_name = "Boom",
        }));
        var problem = await response.ExpectProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain(ExplodingHasher.Secret, problem.ToString(), StringComparison.Ordinal);
        var error = Assert.Single(_logs.ErrorsAndWorse);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }

    private sealed class ExplodingHasher : IPasswordHasher<UserRecord>
    {
        public const string Secret = "internal detail 7f3a";

        public string HashPassword(UserRecord user, string password) => throw new InvalidOperationException(Secret);

        public PasswordVerificationResult VerifyHashedPassword(UserRecord user, string hashedPassword, string providedPassword) =>
            throw new InvalidOperationException(Secret);
    }
}

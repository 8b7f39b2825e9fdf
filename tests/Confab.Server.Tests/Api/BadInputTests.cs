using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Confab.Server.Auth;
using Confab.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Confab.Server.Tests.Api;

/// <summary>
/// Every malformed or unauthorised request gets the right 4xx as application/problem+json (with the field
/// named in its errors object), and the server logs no error for any of them.
/// </summary>
public abstract class BadInputTests
{
    private readonly ServerFixture _fixture;

    protected BadInputTests(ServerFixture fixture)
    {
        _fixture = fixture;
        fixture.EnsureAvailable();
    }

    [SkippableFact]
    public void The_suite_has_at_least_thirty_cases_with_distinct_names()
    {
        Assert.True(BadInputCases.All.Count >= 30);
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Name).Distinct().Count());
    }

    [SkippableTheory]
    [MemberData(nameof(BadInputCases.Names), MemberType = typeof(BadInputCases))]
    public async Task Bad_request_gets_its_problem_and_logs_no_error(string name)
    {
        var testCase = BadInputCases.All.Single(c => c.Name == name);
        var shared = await _fixture.GetSharedUserAsync();
        var client = _fixture.CreateClient();
        var path = testCase.Path.Replace("{meeting}", shared.MeetingId, StringComparison.Ordinal)
            .Replace("{ended}", shared.EndedMeetingId, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(testCase.Method), path);
        if (testCase.Body is { } body)
        {
            body = body.Replace("{guid}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
                .Replace("{shared-email}", shared.Email, StringComparison.Ordinal);
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(testCase.ContentType);
        }
        var token = TokenFor(testCase.Caller, shared);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);

        if (testCase.Field is { } field)
        {
            await response.ExpectFieldErrorAsync(field);
        }
        else
        {
            await response.ExpectProblemAsync(testCase.Status);
        }
        Assert.NotEmpty(_fixture.Logs.Entries);
        Assert.Empty(_fixture.Logs.ErrorsAndWorse);
    }

    private string? TokenFor(Caller caller, ServerFixture.SharedUser shared) => caller switch
    {
        Caller.User => shared.AccessToken,
        Caller.AlgNone => UnsignedToken(shared.UserId),
        Caller.WrongKey => TokenSignedWithAnotherKey(shared.UserId),
        Caller.Garbage => "not.a.jwt",
        _ => null,
    };

    private SecurityTokenDescriptor Descriptor(string userId)
    {
        var now = _fixture.Time.GetUtcNow().UtcDateTime;
        return new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim(AccessTokens.SubjectClaim, userId)]),
        };
    }

    /// <summary>A JWT with header {"alg":"none"} and no signature (RFC 7519 §6.1).</summary>
    private string UnsignedToken(string userId) => new JsonWebTokenHandler().CreateToken(Descriptor(userId));

    private string TokenSignedWithAnotherKey(string userId)
    {
        var descriptor = Descriptor(userId);
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-32-bytes-long!!"));
        descriptor.SigningCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}

public sealed class SqliteBadInputTests(SqliteServerFixture fixture)
    : BadInputTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PostgresBadInputTests(PostgresServerFixture fixture)
    : BadInputTests(fixture), IClassFixture<PostgresServerFixture>;

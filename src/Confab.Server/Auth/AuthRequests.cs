namespace Confab.Server.Auth;

/// <summary>Body of <c>POST /v2/auth/register</c>.</summary>
public sealed class RegisterRequest
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? DisplayName { get; set; }
    public string? Timezone { get; set; }
}

/// <summary>Body of <c>POST /v2/auth/login</c>.</summary>
public sealed class LoginRequest
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>Body of <c>POST /v2/auth/refresh</c>.</summary>
public sealed class RefreshRequest
{
    public string? RefreshToken { get; set; }
}

/// <summary>Answer of login and refresh (OAuth 2.0 token response shape, RFC 6749 §5.1).</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

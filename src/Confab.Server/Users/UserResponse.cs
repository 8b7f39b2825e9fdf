using System.Globalization;
using Confab.Data.Model;
using Confab.Server.Api;

namespace Confab.Server.Users;

/// <summary>A user as <c>GET /v2/users/me</c> shows it.</summary>
public sealed record UserResponse(
    string Id,
    string Email,
    string? DisplayName,
    long? Pmi,
    string AccountType,
    string? Timezone,
    string CreatedAt)
{
    public static UserResponse From(UserRecord user) => new(
        user.UserId.ToString(),
        user.Email,
        user.DisplayName,
        long.TryParse(user.Pmi, NumberStyles.None, CultureInfo.InvariantCulture, out var pmi) ? pmi : null,
        user.AccountType,
        user.Timezone,
        ApiJson.FormatTime(user.CreatedAt));
}

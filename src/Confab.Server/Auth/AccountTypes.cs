using Confab.Meetings.Accounts;

namespace Confab.Server.Auth;

/// <summary>users.account_type values: "free", "pro", "business".</summary>
public static class AccountTypes
{
    public static string ToStored(AccountType type) => type switch
    {
        AccountType.Pro => "pro",
        AccountType.Business => "business",
        _ => "free",
    };
}

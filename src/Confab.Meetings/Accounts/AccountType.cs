namespace Confab.Meetings.Accounts;

/// <summary>Plans, as stored in users.account_type ("free", "pro", "business").</summary>
public enum AccountType
{
    Free,
    Pro,
    Business,
}

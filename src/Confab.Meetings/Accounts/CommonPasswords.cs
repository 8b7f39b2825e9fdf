namespace Confab.Meetings.Accounts;

/// <summary>
/// The passwords that top every published list of leaked passwords. Compared case-insensitively. Short on purpose:
/// the length, letter and digit rules already refuse most of the rest of such lists.
/// </summary>
internal static class CommonPasswords
{
    private static readonly HashSet<string> Set = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "12345678910", "87654321", "11111111", "00000000", "88888888",
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword1",
        "qwerty123", "qwerty12", "qwerty1234", "qwertyuiop", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx",
        "abc12345", "abcd1234", "abc123456", "a1b2c3d4", "iloveyou1", "iloveyou2", "letmein1", "letmein123",
        "welcome1", "welcome123", "admin123", "admin1234", "administrator1", "changeme1", "sunshine1", "princess1",
        "football1", "baseball1", "monkey123", "dragon123", "master123", "superman1", "trustno1", "starwars1",
        "michael1", "shadow123", "computer1", "internet1", "q1w2e3r4", "test1234", "login123", "hello123",
        "zoom1234", "zoom12345", "confab123", "summer2024", "winter2024", "spring2025", "autumn2025",
    };

    public static bool Contains(string password) => Set.Contains(password);
}

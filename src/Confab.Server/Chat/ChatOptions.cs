namespace Confab.Server.Chat;

/// <summary>The <c>Confab:Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Confab:Chat";

    /// <summary>
    /// Days chat messages are kept (<c>Confab:Chat:RetentionDays</c>); 0 (the default) keeps them for good. Older messages
    /// are deleted at start and every hour.
    /// </summary>
    public int RetentionDays { get; set; }

    public const int MaxRetentionDays = 36_500;

    public TimeSpan? CheckedRetention() => RetentionDays switch
    {
        0 => null,
        > 0 and <= MaxRetentionDays => TimeSpan.FromDays(RetentionDays),
        _ => throw new InvalidOperationException(
            $"Confab:Chat:RetentionDays is {RetentionDays}; it must be 0 (keep for good) to {MaxRetentionDays}."),
    };
}

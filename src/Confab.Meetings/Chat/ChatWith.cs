namespace Confab.Meetings.Chat;

/// <summary>Whom participants and guests may write to (hosts and co-hosts may always chat with anyone).</summary>
public enum ChatWith
{
    /// <summary>Participants cannot chat.</summary>
    NoOne,
    /// <summary>Participants write only to hosts and co-hosts: privately to one, or "publicly" to all of them.</summary>
    Hosts,
    /// <summary>Participants write to everyone; private messages are refused.</summary>
    Everyone,
    /// <summary>Participants write to everyone and privately to anyone (the default).</summary>
    EveryoneAndPrivate,
}

/// <summary>The wire names of <see cref="ChatWith"/>: "no-one", "hosts", "everyone", "everyone-and-private".</summary>
public static class ChatWithNames
{
    public static string ToWire(this ChatWith value) => value switch
    {
        ChatWith.NoOne => "no-one",
        ChatWith.Hosts => "hosts",
        ChatWith.Everyone => "everyone",
        _ => "everyone-and-private",
    };

    public static bool TryParse(string? text, out ChatWith value)
    {
        switch (text)
        {
            case "no-one":
                value = ChatWith.NoOne;
                return true;
            case "hosts":
                value = ChatWith.Hosts;
                return true;
            case "everyone":
                value = ChatWith.Everyone;
                return true;
            case "everyone-and-private":
                value = ChatWith.EveryoneAndPrivate;
                return true;
            default:
                value = default;
                return false;
        }
    }
}

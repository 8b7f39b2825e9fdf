using Confab.LoadGen.Janus;

namespace Confab.LoadGen.Tests;

/// <summary>Recorded Janus 1.1.2 replies (HTTP API, videoroom plugin) from the Fixtures folder.</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static List<JanusMessage> Messages(string name)
    {
        Assert.True(JanusMessage.TryReadAll(Text(name), out List<JanusMessage> messages), name);
        return messages;
    }

    public static JanusMessage Single(string name) => Assert.Single(Messages(name));
}

using Confab.Data.Chat;
using Confab.Data.Database;
using Confab.Data.LiveState;
using Confab.Meetings.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Data.Tests.Chat;

public sealed class ChatBusServiceCollectionExtensionsTests
{
    private const string NothingListens = "127.0.0.1:1,connectTimeout=200,syncTimeout=200,asyncTimeout=200";

    private static IServiceCollection WithDatabase() =>
        new ServiceCollection().AddConfabDatabase(_ => (DatabaseProvider.Sqlite, "Data Source=unused.db"));

    [Fact]
    public async Task WithoutTheBus_TheChatStoreIsTheDatabases()
    {
        await using var provider = WithDatabase().AddConfabLiveState(null).BuildServiceProvider();

        var store = provider.GetRequiredService<IChatStore>();

        Assert.IsType<GroupCommitChatStore>(store);
        Assert.IsType<EfChatStore>(provider.GetRequiredService<IDurableChatStore>());
        Assert.Null(provider.GetService<ChatStreamPersister>());
    }

    [Fact]
    public async Task WithTheBus_TheChatStoreIsTheBus_AndThePersisterWritesToTheDatabase()
    {
        var options = new ChatBusOptions { ConsumerName = "node-7" };
        await using var provider = WithDatabase().AddConfabLiveState(NothingListens).AddConfabChatBus(options).BuildServiceProvider();

        Assert.IsType<RedisStreamChatStore>(provider.GetRequiredService<IChatStore>());
        Assert.IsType<EfChatStore>(provider.GetRequiredService<IDurableChatStore>());
        Assert.Single(provider.GetServices<IChatStore>());
        var persister = provider.GetRequiredService<ChatStreamPersister>();
        Assert.Equal("node-7", persister.ConsumerName);
    }

    [Fact]
    public void TheDefaultConsumerName_IsUniquePerInstance()
    {
        Assert.NotEqual(new ChatBusOptions().ConsumerName, new ChatBusOptions().ConsumerName);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), new ChatBusOptions().ConsumerName,
            StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsOutOfRange_FailAtRegistration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WithDatabase().AddConfabChatBus(new ChatBusOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentException>(() => WithDatabase().AddConfabChatBus(new ChatBusOptions { ConsumerName = " " }));
    }
}

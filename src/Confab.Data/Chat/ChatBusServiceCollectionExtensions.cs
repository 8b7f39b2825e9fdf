using Confab.Meetings.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Confab.Data.Chat;

/// <summary>Puts the chat bus in front of the database's chat store when Redis is configured.</summary>
public static class ChatBusServiceCollectionExtensions
{
    /// <summary>
    /// Call after <c>AddConfabDatabase</c> and <c>AddConfabLiveState</c> with Redis: <see cref="IChatStore"/> becomes a
    /// <see cref="RedisStreamChatStore"/> over the registered <see cref="IDurableChatStore"/> (the database's), on the shared
    /// <see cref="IConnectionMultiplexer"/>, and a singleton <see cref="ChatStreamPersister"/> into that same store is
    /// registered — the host runs its <see cref="ChatStreamPersister.RunAsync"/>. Without Redis, do not call it: the
    /// database's store stays.
    /// </summary>
    public static IServiceCollection AddConfabChatBus(this IServiceCollection services, ChatBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new ChatBusOptions();
        options.Validate();

        services.Replace(ServiceDescriptor.Singleton<IChatStore>(sp =>
            new RedisStreamChatStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IDurableChatStore>(), options)));
        services.TryAddSingleton(sp => new ChatStreamPersister(sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IDurableChatStore>(), options, sp.GetService<ILogger<ChatStreamPersister>>()));
        return services;
    }
}

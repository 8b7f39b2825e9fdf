using Confab.Data.Chat;
using Confab.Meetings.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace Confab.Data.Database;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers a scoped <see cref="ConfabDbContext"/> on the engine that <paramref name="resolve"/> names
    /// when first needed (so the choice may come from configuration read after registration), and the chat stores on it.
    /// </summary>
    public static IServiceCollection AddConfabDatabase(
        this IServiceCollection services, Func<IServiceProvider, (DatabaseProvider Provider, string ConnectionString)> resolve)
    {
        services.AddSingleton(sp =>
        {
            var (provider, connectionString) = resolve(sp);
            return new ConfabDbContextFactory(provider, connectionString);
        });
        services.AddScoped(sp => sp.GetRequiredService<ConfabDbContextFactory>().Create());
        // The durable chat store, written in groups (GroupCommitChatStore); the chat bus (AddConfabChatBus) puts itself in front
        // of the durable store as IChatStore instead.
        services.AddSingleton<IDurableChatStore>(sp => new EfChatStore(sp.GetRequiredService<ConfabDbContextFactory>()));
        services.AddSingleton<IChatStore>(sp => new GroupCommitChatStore(sp.GetRequiredService<IDurableChatStore>()));
        services.AddSingleton<IChatFileRecords>(sp => new EfChatFileRecords(sp.GetRequiredService<ConfabDbContextFactory>()));
        return services;
    }

    /// <summary>Parses a configured provider name: "sqlite" (default when empty) or "postgres"/"postgresql".</summary>
    public static bool TryParseProvider(string? name, out DatabaseProvider provider)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "sqlite":
                provider = DatabaseProvider.Sqlite;
                return true;
            case "postgres" or "postgresql" or "npgsql":
                provider = DatabaseProvider.Postgres;
                return true;
            default:
                provider = default;
                return false;
        }
    }
}

using Confab.Data.Chat;

namespace Confab.Server.Chat;

/// <summary>Runs this node's <see cref="ChatStreamPersister"/> (the chat bus into the database) while the server runs; only with Redis.</summary>
public sealed class ChatStreamPersisterService(ChatStreamPersister persister, ILogger<ChatStreamPersisterService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Chat bus: persisting as consumer {Consumer}", persister.ConsumerName);
        return persister.RunAsync(stoppingToken);
    }
}

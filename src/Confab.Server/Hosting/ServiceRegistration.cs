using Confab.Data.Chat;
using Confab.Data.LiveState;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Server.Api;
using Confab.Server.Auth;
using Confab.Server.Chat;
using Confab.Server.Meetings;
using Confab.Server.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Confab.Server.Hosting;

/// <summary>Wires the server's services. Settings are read when first needed, from the final configuration.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddConfabServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (string.Equals(builder.Configuration["Confab:Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        services.AddSingleton(sp => ConfabSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<GlobalExceptionHandler>();
        services.AddOpenApi();
        services.AddConfabTelemetry();

        services.AddConfabDatabase(sp =>
        {
            var settings = sp.GetRequiredService<ConfabSettings>();
            return (settings.DatabaseProvider, settings.DatabaseConnectionString);
        });
        AddConfabLiveStateStore(services, builder.Configuration);

        services.AddDataProtection().SetApplicationName("Confab");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            var settings = sp.GetRequiredService<ConfabSettings>();
            options.XmlRepository = new FileSystemXmlRepository(
                KeyRingDirectory(settings.DataDir), sp.GetRequiredService<ILoggerFactory>());
        }));

        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<IPasswordHasher<MeetingRecord>, PasswordHasher<MeetingRecord>>();
        services.AddConfabJwtAuthentication();

        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<MeetingSecrets>();
        services.AddSingleton<MeetingView>();
        return builder;
    }

    /// <summary>
    /// The Data Protection key ring (it encrypts meeting passcodes and join tokens, ADR 0002): readable by
    /// the server's user only, as the keys are stored unencrypted.
    /// </summary>
    private static DirectoryInfo KeyRingDirectory(string dataDir)
    {
        var path = Path.Combine(dataDir, "keys");
        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// The live-state store (seed §5.1's Redis layout): in memory by default, Redis when
    /// Confab:Redis:ConnectionString is set. Its registration lives in Confab.Data's LiveState folder.
    /// With Redis, chat messages also go through the chat bus (docs/signaling.md, "The chat bus"), tuned by the optional
    /// section Confab:ChatBus (e.g. ConsumerName: this node's cluster name unless set, so the bus and the cluster's
    /// <c>node:{name}</c> key name the process alike).
    /// </summary>
    private static void AddConfabLiveStateStore(IServiceCollection services, IConfiguration configuration)
    {
        var redisConnectionString = configuration["Confab:Redis:ConnectionString"];
        services.AddConfabLiveState(string.IsNullOrWhiteSpace(redisConnectionString) ? null : redisConnectionString);
        if (!string.IsNullOrWhiteSpace(redisConnectionString))
        {
            var node = new Cluster.ClusterNode();
            services.TryAddSingleton(node);
            var chatBus = configuration.GetSection("Confab:ChatBus").Get<ChatBusOptions>() ?? new ChatBusOptions();
            if (string.IsNullOrWhiteSpace(configuration["Confab:ChatBus:ConsumerName"]))
            {
                chatBus.ConsumerName = node.Name;
            }
            services.AddConfabChatBus(chatBus);
            services.AddHostedService<ChatStreamPersisterService>();
        }
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Confab.Server.Tests.Infrastructure;

/// <summary>The server in process, on its own data directory and database, with a controllable clock and captured logs.</summary>
public sealed class ConfabApp(
    string dataDir, string provider, string? connectionString, TestLogSink logs, FakeTimeProvider time,
    Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The base of join links the test server hands out.</summary>
    public const string PublicBaseUrl = "https://confab.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Confab:DataDir", dataDir);
        builder.UseSetting("Confab:Media:Port", "0");
        builder.UseSetting("Confab:Database:Provider", provider);
        builder.UseSetting("Confab:PublicBaseUrl", PublicBaseUrl);
        if (connectionString is not null)
        {
            builder.UseSetting("Confab:Database:ConnectionString", connectionString);
        }
        builder.UseSetting("Logging:LogLevel:Default", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddProvider(logs);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            configureServices?.Invoke(services);
        });
    }
}

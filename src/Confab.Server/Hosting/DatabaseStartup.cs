using Confab.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Hosting;

public static class DatabaseStartup
{
    /// <summary>Creates the data directory and applies the engine's migrations before the server takes requests.</summary>
    public static async Task MigrateConfabDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<ConfabSettings>();
        Directory.CreateDirectory(settings.DataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConfabDbContext>();
        await db.Database.MigrateAsync();
    }
}

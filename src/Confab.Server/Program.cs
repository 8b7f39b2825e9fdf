using Confab.Server.Auth;
using Confab.Server.Chat;
using Confab.Server.Cluster;
using Confab.Server.Hosting;
using Confab.Server.Media;
using Confab.Server.Meetings;
using Confab.Server.Operations;
using Confab.Server.Signaling;
using Confab.Server.Users;

var builder = WebApplication.CreateBuilder(args);
DefaultUrls.ApplyWhenUnset(builder);
builder.AddConfabServer();
builder.Services.AddConfabMedia(builder.Configuration);
builder.Services.AddConfabChatFiles();
builder.Services.AddConfabCluster(builder.Configuration);

var app = builder.Build();
await app.MigrateConfabDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
BatchingUpgradeFeature.Use(app, "/sfu/ws"); // before the WebSocket middleware takes the upgrade
app.UseWebSockets();
app.UseDefaultFiles();
app.MapConfabDevRoom();
app.UseStaticFiles(WebClientRoutes.StaticFileOptions());
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapHealthEndpoint();
app.MapConfabMetrics();
app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapMeetingEndpoints();
app.MapChatFileEndpoints();
app.MapWebClient();

await app.RunAsync();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;

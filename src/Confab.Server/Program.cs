using Confab.Server.Media;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddConfabMedia(builder.Configuration);
var app = builder.Build();
app.UseWebSockets();
app.UseDefaultFiles();
app.MapConfabDevRoom();
app.UseStaticFiles();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;

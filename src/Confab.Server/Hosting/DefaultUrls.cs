namespace Confab.Server.Hosting;

/// <summary>Where Confab listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> (nor HTTP ports) say.</summary>
public static class DefaultUrls
{
    public const string Loopback = "http://127.0.0.1:5080";

    public static void ApplyWhenUnset(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var unset = string.IsNullOrWhiteSpace(configuration["urls"])
            && string.IsNullOrWhiteSpace(configuration["http_ports"])
            && string.IsNullOrWhiteSpace(configuration["https_ports"])
            && !configuration.GetSection("Kestrel:Endpoints").Exists();
        if (unset)
        {
            builder.WebHost.UseUrls(Loopback);
        }
    }
}

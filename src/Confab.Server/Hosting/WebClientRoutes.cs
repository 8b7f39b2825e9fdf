namespace Confab.Server.Hosting;

/// <summary>
/// The web client (web/, built into wwwroot/app/): its pages are drawn by a client-side router, so each of
/// its routes answers wwwroot/app/index.html. Only these routes do; /v2, /sfu, /dev, /healthz, /metrics and
/// /openapi keep their own endpoints, and any other path stays a 404.
/// </summary>
public static class WebClientRoutes
{
    public const string IndexFile = "app/index.html";

    /// <summary>Home, sign-up, sign-in, a meeting's pre-join screen (join link) and the meeting itself.</summary>
    public static readonly IReadOnlyList<string> Patterns = ["/", "/signin", "/signup", "/j/{id}", "/m/{id}"];

    /// <summary>
    /// The pages carry the JWT in script reach and join tokens in their URL: scripts, styles and connections
    /// only from this origin, no framing, and no Referer that would carry a join link's token elsewhere.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static WebApplication MapWebClient(this WebApplication app)
    {
        foreach (var pattern in Patterns)
        {
            app.MapGet(pattern, ServeIndex).ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>
    /// Static files: the bundle's names carry a content hash, so everything under /app/ but index.html may be
    /// cached for good.
    /// </summary>
    public static StaticFileOptions StaticFileOptions() => new()
    {
        OnPrepareResponse = context =>
        {
            var path = context.Context.Request.Path;
            if (path.StartsWithSegments("/app") && !path.Value!.EndsWith("/index.html", StringComparison.Ordinal))
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
        },
    };

    private static IResult ServeIndex(HttpContext context, IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(IndexFile);
        if (!file.Exists)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Web client not built",
                detail: "wwwroot/app/index.html is missing: build the server project, which builds web/ with npm.");
        }
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8", lastModified: file.LastModified);
    }
}

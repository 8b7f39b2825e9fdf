namespace Confab.Server.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/register", RegisterEndpoint.HandleAsync).Accepts<RegisterRequest>("application/json");
        group.MapPost("/login", LoginEndpoint.HandleAsync).Accepts<LoginRequest>("application/json");
        group.MapPost("/refresh", RefreshEndpoint.HandleAsync).Accepts<RefreshRequest>("application/json");
        return app;
    }
}

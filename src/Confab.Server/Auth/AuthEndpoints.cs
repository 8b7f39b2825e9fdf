using Confab.Server.Users;

namespace Confab.Server.Auth;

public static class AuthEndpoints
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/register", RegisterEndpoint.HandleAsync).Accepts<RegisterRequest>(Json)
            .Produces<UserResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict, Problem);
        group.MapPost("/login", LoginEndpoint.HandleAsync).Accepts<LoginRequest>(Json)
            .Produces<TokenResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized, Problem)
            .ProducesProblem(StatusCodes.Status429TooManyRequests, Problem);
        group.MapPost("/refresh", RefreshEndpoint.HandleAsync).Accepts<RefreshRequest>(Json)
            .Produces<TokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized, Problem);
        return app;
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Confab.Server.Auth;

/// <summary>JWT bearer authentication whose refusals are problem+json like every other error.</summary>
public static class JwtAuthentication
{
    public static IServiceCollection AddConfabJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorization();
        return services;
    }

    private sealed class ConfigureJwtBearer(AccessTokens tokens) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }
            options.MapInboundClaims = false;
            options.TokenValidationParameters = tokens.ValidationParameters();
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                        context.AuthenticateFailure is null
                            ? "A bearer access token is required."
                            : "The access token is invalid or expired.");
                },
                OnForbidden = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        "The access token does not allow this.");
                },
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

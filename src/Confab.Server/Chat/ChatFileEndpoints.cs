using System.Text.Json.Serialization;
using Confab.Meetings.Chat;
using Confab.Server.Hosting;

namespace Confab.Server.Chat;

/// <summary>
/// Files in the in-meeting chat (docs/api.md, chat files): <c>POST /v2/meetings/{id}/chat/files</c> uploads one,
/// <c>GET /v2/meetings/{id}/chat/files/{fileId}</c> downloads it. Participants prove who they are with the
/// <c>X-Confab-Participant</c> header (their resume token); the host may also download with a bearer token.
/// </summary>
public static class ChatFileEndpoints
{
    public const string ParticipantHeader = "X-Confab-Participant";
    private const int MaxTokenLength = 128;

    public static IServiceCollection AddConfabChatFiles(this IServiceCollection services)
    {
        // A wrong Confab:Chat:MaxFileBytes stops the start, naming the key.
        services.AddOptions<ChatOptions>().Validate(o => o.MaxFileBytes is > 0 and <= ChatOptions.LargestMaxFileBytes,
            $"Confab:Chat:MaxFileBytes must be 1 to {ChatOptions.LargestMaxFileBytes} bytes.")
            .Validate(o => o.RateLimitMessages is > 0 and <= ChatOptions.LargestRateLimitMessages,
                $"Confab:Chat:RateLimitMessages must be 1 to {ChatOptions.LargestRateLimitMessages}.")
            .ValidateOnStart();
        services.AddSingleton<IChatFileStore>(sp => new LocalChatFileStore(
            Path.Combine(sp.GetRequiredService<ConfabSettings>().DataDir, LocalChatFileStore.FolderName)));
        return services;
    }

    public static IEndpointRouteBuilder MapChatFileEndpoints(this IEndpointRouteBuilder app)
    {
        // No RequireAuthorization: guests have no account; the header (or, to download, a host's bearer token) decides.
        var files = app.MapGroup("/v2/meetings/{id}/chat/files").WithTags("Chat");
        files.MapPost("", ChatFileUploadEndpoint.HandleAsync)
            .Produces<ChatFileUploadResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        files.MapGet("/{fileId}", ChatFileDownloadEndpoint.HandleAsync)
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The participant's token from the header: one non-empty value of sane length, or null.</summary>
    internal static string? ParticipantToken(HttpRequest request)
    {
        var values = request.Headers[ParticipantHeader];
        return values.Count == 1 && values[0] is { Length: > 0 and <= MaxTokenLength } token && token.All(char.IsAscii) ? token : null;
    }
}

/// <summary>
/// The answer to an upload. camelCase (unlike the rest of the REST API): its fields go as they are into the socket's
/// <c>chat-send</c> and match the <c>file</c> of a delivered message.
/// </summary>
public sealed record ChatFileUploadResponse(
    [property: JsonPropertyName("fileId")] string FileId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("contentType")] string ContentType);

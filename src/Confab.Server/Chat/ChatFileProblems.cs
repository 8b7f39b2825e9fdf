namespace Confab.Server.Chat;

/// <summary>The refusals of the chat-file endpoints, as problem+json (RFC 7807) like every API error.</summary>
internal static class ChatFileProblems
{
    /// <summary>No such live meeting, file or participant — or not yours: one answer for all, so nothing can be probed.</summary>
    public static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such file or live meeting for you.");

    public static IResult NotAdmitted() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Files can be shared once you are admitted to the live meeting.");

    public static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large",
            detail: $"A chat file is at most {maxBytes} bytes.");

    public static IResult RefusedType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type", detail: detail);

    public static IResult Empty() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "The file is empty.");
}

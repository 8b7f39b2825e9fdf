using Confab.Meetings.Scheduling;

namespace Confab.Server.Api;

/// <summary>RFC 7807 problem responses (<c>application/problem+json</c>) used by every endpoint.</summary>
public static class ApiProblems
{
    public static IResult Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    public static IResult Field(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type", detail: detail);
}

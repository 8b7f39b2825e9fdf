namespace Confab.Server.Meetings;

public static class MeetingEndpoints
{
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";

    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/v2/users/me/meetings").WithTags("Meetings").RequireAuthorization();
        mine.MapPost("", CreateMeetingEndpoint.HandleAsync).Accepts<MeetingRequest>(Json)
            .Produces<MeetingResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        mine.MapGet("", ListMeetingsEndpoint.HandleAsync)
            .Produces<MeetingListResponse>().ProducesValidationProblem();

        var meetings = app.MapGroup("/v2/meetings/{id}").WithTags("Meetings").RequireAuthorization();
        meetings.MapGet("", MeetingDetailsEndpoints.GetAsync)
            .Produces<MeetingResponse>().ProducesProblem(StatusCodes.Status404NotFound, Problem);
        meetings.MapPatch("", MeetingDetailsEndpoints.PatchAsync).Accepts<MeetingRequest>(Json)
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound, Problem);
        meetings.MapDelete("", MeetingDetailsEndpoints.DeleteAsync)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound, Problem);
        meetings.MapPut("/status", MeetingStatusEndpoint.HandleAsync).Accepts<MeetingStatusRequest>(Json)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict, Problem);
        meetings.MapGet("/invitation", MeetingExportEndpoints.InvitationAsync)
            .Produces<InvitationResponse>().Produces<string>(StatusCodes.Status200OK, "text/plain");
        meetings.MapGet("/ics", MeetingExportEndpoints.IcsAsync).Produces<string>(StatusCodes.Status200OK, "text/calendar");

        var past = app.MapGroup("/v2/past_meetings/{id}").WithTags("Meetings").RequireAuthorization();
        past.MapGet("/participants", PastMeetingParticipantsEndpoint.HandleAsync).Produces<PastParticipantListResponse>();
        past.MapGet("/chat", PastMeetingChatEndpoints.ListAsync).Produces<PastChatListResponse>();
        past.MapGet("/chat.txt", PastMeetingChatEndpoints.TextAsync).Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }
}

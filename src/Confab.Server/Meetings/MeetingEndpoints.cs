namespace Confab.Server.Meetings;

public static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/v2/users/me/meetings").WithTags("Meetings").RequireAuthorization();
        mine.MapPost("", CreateMeetingEndpoint.HandleAsync).Accepts<MeetingRequest>("application/json");
        mine.MapGet("", ListMeetingsEndpoint.HandleAsync);

        var meetings = app.MapGroup("/v2/meetings/{id}").WithTags("Meetings").RequireAuthorization();
        meetings.MapGet("", MeetingDetailsEndpoints.GetAsync);
        meetings.MapPatch("", MeetingDetailsEndpoints.PatchAsync).Accepts<MeetingRequest>("application/json");
        meetings.MapDelete("", MeetingDetailsEndpoints.DeleteAsync);
        meetings.MapPut("/status", MeetingStatusEndpoint.HandleAsync).Accepts<MeetingStatusRequest>("application/json");
        meetings.MapGet("/invitation", MeetingExportEndpoints.InvitationAsync);
        meetings.MapGet("/ics", MeetingExportEndpoints.IcsAsync);

        app.MapGroup("/v2/past_meetings/{id}").WithTags("Meetings").RequireAuthorization()
            .MapGet("/participants", PastMeetingParticipantsEndpoint.HandleAsync);
        return app;
    }
}

using System.Security.Claims;
using Confab.Data.Database;
using Confab.Meetings.LiveState;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary><c>GET</c>, <c>PATCH</c> and <c>DELETE /v2/meetings/{id}</c> (optionally for one <c>occurrence_id</c>).</summary>
public static class MeetingDetailsEndpoints
{
    public static async Task<IResult> GetAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingView view,
        PublicBaseUrl publicBase, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!MeetingLookup.TryReadOccurrenceId(request, out var occurrenceId, out problem))
        {
            return problem!;
        }
        var host = await db.Users.AsNoTracking().SingleAsync(u => u.UserId == meeting!.HostUserId, ct);
        var response = view.ToResponse(meeting!, host, publicBase.Resolve(request));
        if (occurrenceId is not null)
        {
            var occurrence = response.Occurrences?.FirstOrDefault(o => o.OccurrenceId == occurrenceId);
            if (occurrence is null)
            {
                return ApiProblems.NotFound("This meeting has no occurrence with this ID.");
            }
            response = response with { StartTime = occurrence.StartTime, Duration = occurrence.Duration };
        }
        return TypedResults.Ok(response);
    }

    /// <summary>Partial update: fields left out keep their value; the result is checked as a whole. 204 as Zoom.</summary>
    public static async Task<IResult> PatchAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingSecrets secrets,
        TimeProvider time, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (request.Query.ContainsKey("occurrence_id"))
        {
            // Changing one occurrence of a series is not supported: refuse rather than change them all.
            return ApiProblems.Field("occurrence_id", "Updating a single occurrence is not supported; update the series.");
        }
        var (patch, bodyProblem) = await JsonBody.ReadAsync<MeetingRequest>(request, ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }
        var merged = MeetingView.ToRequest(meeting!);
        merged.Topic = patch!.Topic ?? merged.Topic;
        merged.Type = patch.Type ?? merged.Type;
        merged.StartTime = patch.StartTime ?? merged.StartTime;
        merged.Duration = patch.Duration ?? merged.Duration;
        merged.Timezone = patch.Timezone ?? merged.Timezone;
        merged.Agenda = patch.Agenda ?? merged.Agenda;
        merged.Recurrence = patch.Recurrence ?? merged.Recurrence;
        merged.Settings = patch.Settings;
        if (patch.Type is { } newType && newType != (int)MeetingType.RecurringFixedTime
            && newType != (int)MeetingType.RecurringNoFixedTime && patch.Recurrence is null)
        {
            // Leaving a series drops its recurrence.
            merged.Recurrence = null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        var draft = MeetingValidator.Validate(merged, "UTC", MeetingSettings.FromJson(meeting!.Settings), now, errors);
        var passcode = MeetingValidator.ValidatePasscode(patch.Password, generateWhenMissing: false, errors);
        if (draft is null || !errors.IsEmpty)
        {
            return ApiProblems.Validation(errors);
        }
        CreateMeetingEndpoint.Apply(meeting, draft, now);
        if (passcode is not null)
        {
            secrets.SetPasscode(meeting, passcode);
            secrets.RotateJoinToken(meeting);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Deletes the meeting (kept as deleted), or with occurrence_id one occurrence of a series. 204 as Zoom.</summary>
    public static async Task<IResult> DeleteAsync(
        string id, HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, IServiceProvider services,
        TimeProvider time, CancellationToken ct)
    {
        var (meeting, problem) = await MeetingLookup.FindOwnedAsync(id, principal, db, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (!MeetingLookup.TryReadOccurrenceId(request, out var occurrenceId, out problem))
        {
            return problem!;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (occurrenceId is not null)
        {
            if (meeting!.TypeCode != (int)MeetingType.RecurringFixedTime)
            {
                return ApiProblems.Field("occurrence_id", "Only a recurring meeting with a fixed time has occurrences.");
            }
            if (!MeetingView.OccurrencesOf(meeting).Any(o => o.OccurrenceId == occurrenceId))
            {
                return ApiProblems.NotFound("This meeting has no occurrence with this ID.");
            }
            var deleted = MeetingView.DeletedOccurrencesOf(meeting).Append(occurrenceId).Distinct(StringComparer.Ordinal);
            meeting.DeletedOccurrences = MeetingView.DeletedOccurrencesJson(deleted);
            meeting.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }
        meeting!.DeletedAt = now;
        meeting.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        if (services.GetService<ILiveStateStore>() is { } live)
        {
            await live.RemoveMeetingAsync(meeting.MeetingId, ct);
        }
        return TypedResults.NoContent();
    }
}

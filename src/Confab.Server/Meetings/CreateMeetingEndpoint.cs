using System.Security.Claims;
using Confab.Data.Database;
using Confab.Data.Model;
using Confab.Meetings.Accounts;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;
using Confab.Server.Hosting;
using Confab.Server.Users;
using Microsoft.EntityFrameworkCore;

namespace Confab.Server.Meetings;

/// <summary><c>POST /v2/users/me/meetings</c> → 201 with the meeting (Zoom API v2 shape).</summary>
public static class CreateMeetingEndpoint
{
    private const int IdAttempts = 8;
    private const int UuidBytes = 16;

    public static async Task<IResult> HandleAsync(
        HttpRequest request, ClaimsPrincipal principal, ConfabDbContext db, MeetingSecrets secrets, MeetingView view,
        PublicBaseUrl publicBase, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<MeetingRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var host = await CurrentUser.FindAsync(principal, db, ct);
        if (host is null)
        {
            return CurrentUser.Gone();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        var draft = MeetingValidator.Validate(body!, host.Timezone ?? "UTC", new MeetingSettings(), now, errors);
        var passcode = MeetingValidator.ValidatePasscode(body!.Password, generateWhenMissing: true, errors);
        if (draft is null || !errors.IsEmpty)
        {
            return ApiProblems.Validation(errors);
        }

        var meeting = new MeetingRecord
        {
            MeetingId = await NewUniqueIdAsync(db, ct),
            Uuid = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(UuidBytes)),
            HostUserId = host.UserId,
            JoinTokenHash = "",
            MeetingType = MeetingKinds.StoredType(draft.Type),
            Status = MeetingKinds.StatusScheduled,
            Settings = "{}",
            DeletedOccurrences = "[]",
            CreatedAt = now,
        };
        Apply(meeting, draft, now);
        secrets.SetPasscode(meeting, passcode!);
        var joinToken = secrets.RotateJoinToken(meeting);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(
            $"/v2/meetings/{meeting.MeetingId}", view.ToResponse(meeting, host, publicBase.Resolve(request), joinToken));
    }

    /// <summary>Copies a checked draft onto the stored row (create and update).</summary>
    public static void Apply(MeetingRecord meeting, MeetingDraft draft, DateTime now)
    {
        meeting.Topic = draft.Topic;
        meeting.TypeCode = (int)draft.Type;
        meeting.MeetingType = MeetingKinds.StoredType(draft.Type);
        meeting.StartTime = draft.StartUtc;
        meeting.DurationMins = draft.DurationMinutes;
        meeting.Timezone = draft.TimeZoneId;
        meeting.Agenda = draft.Agenda;
        meeting.Recurrence = MeetingView.RecurrenceJson(draft.Recurrence);
        meeting.Settings = draft.Settings.ToJson();
        if (draft.Type != MeetingType.RecurringFixedTime)
        {
            meeting.DeletedOccurrences = "[]";
        }
        meeting.UpdatedAt = now;
    }

    private static async Task<string> NewUniqueIdAsync(ConfabDbContext db, CancellationToken ct)
    {
        for (var attempt = 0; attempt < IdAttempts; attempt++)
        {
            var id = Identifiers.NewMeetingId();
            if (!await db.Meetings.AnyAsync(m => m.MeetingId == id, ct))
            {
                return id;
            }
        }
        throw new InvalidOperationException("Could not draw a free meeting ID.");
    }
}

using System.Globalization;
using System.Text.Json;
using Confab.Data.Model;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;

namespace Confab.Server.Meetings;

/// <summary>Reads a stored meeting back into the domain's and the API's shapes.</summary>
public sealed class MeetingView(MeetingSecrets secrets)
{
    public static RecurrenceRule? RecurrenceOf(MeetingRecord meeting) =>
        meeting.Recurrence is null ? null : JsonSerializer.Deserialize<RecurrenceRule>(meeting.Recurrence, ApiJson.Options);

    public static string? RecurrenceJson(RecurrenceRule? rule) =>
        rule is null ? null : JsonSerializer.Serialize(rule, ApiJson.Options);

    public static IReadOnlyCollection<string> DeletedOccurrencesOf(MeetingRecord meeting) =>
        JsonSerializer.Deserialize<string[]>(meeting.DeletedOccurrences, ApiJson.Options) ?? [];

    public static string DeletedOccurrencesJson(IEnumerable<string> ids) => JsonSerializer.Serialize(ids.ToArray(), ApiJson.Options);

    /// <summary>The occurrences of a type-8 meeting, those deleted marked "deleted".</summary>
    public static IReadOnlyList<Occurrence> OccurrencesOf(MeetingRecord meeting)
    {
        if (meeting.TypeCode != (int)MeetingType.RecurringFixedTime || RecurrenceOf(meeting) is not { } rule
            || meeting.StartTime is not { } start || meeting.Timezone is null)
        {
            return [];
        }
        var deleted = DeletedOccurrencesOf(meeting).ToHashSet(StringComparer.Ordinal);
        var errors = new FieldErrors();
        return MeetingValidator.Expand(rule, start, meeting.Timezone, meeting.DurationMins, errors)
            .Select(o => deleted.Contains(o.OccurrenceId) ? o with { Status = "deleted" } : o)
            .ToList();
    }

    public string JoinUrl(MeetingRecord meeting, string publicBase, string? knownToken = null)
    {
        var token = knownToken ?? secrets.ReadJoinToken(meeting);
        var url = $"{publicBase}/j/{meeting.MeetingId}";
        return token is null ? url : $"{url}?pwd={Uri.EscapeDataString(token)}";
    }

    public MeetingResponse ToResponse(MeetingRecord meeting, UserRecord host, string publicBase, string? knownJoinToken = null)
    {
        var occurrences = meeting.TypeCode == (int)MeetingType.RecurringFixedTime
            ? OccurrencesOf(meeting).Select(o => new OccurrenceResponse(
                o.OccurrenceId, ApiJson.FormatTime(o.StartTime), o.Duration, o.Status)).ToList()
            : null;
        var rule = RecurrenceOf(meeting);
        return new MeetingResponse(
            meeting.Uuid,
            long.Parse(meeting.MeetingId, NumberStyles.None, CultureInfo.InvariantCulture),
            meeting.HostUserId.ToString(),
            host.Email,
            meeting.Topic,
            meeting.TypeCode,
            MeetingKinds.ApiStatus(meeting.Status),
            meeting.StartTime is { } start ? ApiJson.FormatTime(start) : null,
            meeting.DurationMins,
            meeting.Timezone,
            meeting.Agenda,
            ApiJson.FormatTime(meeting.CreatedAt),
            JoinUrl(meeting, publicBase, knownJoinToken),
            secrets.ReadPasscode(meeting),
            MeetingSettings.FromJson(meeting.Settings),
            rule is null ? null : new RecurrenceResponse(
                rule.Type, rule.RepeatInterval, rule.WeeklyDays, rule.MonthlyDay, rule.MonthlyWeek, rule.MonthlyWeekDay,
                rule.EndTimes, rule.EndDateTime is { } end ? ApiJson.FormatTime(end) : null),
            occurrences);
    }

    public MeetingListItem ToListItem(MeetingRecord meeting, string publicBase) => new(
        meeting.Uuid,
        long.Parse(meeting.MeetingId, NumberStyles.None, CultureInfo.InvariantCulture),
        meeting.HostUserId.ToString(),
        meeting.Topic,
        meeting.TypeCode,
        MeetingKinds.ApiStatus(meeting.Status),
        meeting.StartTime is { } start ? ApiJson.FormatTime(start) : null,
        meeting.DurationMins,
        meeting.Timezone,
        meeting.Agenda,
        ApiJson.FormatTime(meeting.CreatedAt),
        JoinUrl(meeting, publicBase));

    /// <summary>The request that describes the stored meeting, so PATCH can lay its changes over it.</summary>
    public static MeetingRequest ToRequest(MeetingRecord meeting)
    {
        var rule = RecurrenceOf(meeting);
        return new MeetingRequest
        {
            Topic = meeting.Topic,
            Type = meeting.TypeCode,
            StartTime = meeting.StartTime is { } start ? ApiJson.FormatTime(start) : null,
            Duration = meeting.DurationMins,
            Timezone = meeting.Timezone,
            Agenda = meeting.Agenda,
            Recurrence = rule is null ? null : new RecurrenceRequest
            {
                Type = rule.Type,
                RepeatInterval = rule.RepeatInterval,
                WeeklyDays = rule.WeeklyDays,
                MonthlyDay = rule.MonthlyDay,
                MonthlyWeek = rule.MonthlyWeek,
                MonthlyWeekDay = rule.MonthlyWeekDay,
                EndTimes = rule.EndTimes,
                EndDateTime = rule.EndDateTime is { } end ? ApiJson.FormatTime(end) : null,
            },
        };
    }
}

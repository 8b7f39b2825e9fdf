using Confab.Meetings.Accounts;
using Confab.Meetings.Scheduling;
using Confab.Server.Api;

namespace Confab.Server.Meetings;

/// <summary>
/// Turns a <see cref="MeetingRequest"/> into a <see cref="MeetingDraft"/>, collecting one message per bad
/// field (keyed by its JSON path) instead of stopping at the first.
/// </summary>
public static class MeetingValidator
{
    public const string DefaultTopic = "Confab Meeting";
    public const int MaxTopicLength = 200;
    public const int MaxAgendaLength = 2000;
    public const int DefaultDurationMinutes = 60;
    public const int MaxDurationMinutes = 24 * 60;

    /// <param name="request">The complete request (on PATCH: the stored meeting with the changes laid over it).</param>
    /// <param name="defaultTimeZone">Used when the request names none (the host's zone, else UTC).</param>
    /// <param name="baseSettings">Settings that the request's settings change.</param>
    /// <param name="now">For meetings with no start given.</param>
    public static MeetingDraft? Validate(
        MeetingRequest request, string defaultTimeZone, MeetingSettings baseSettings, DateTime now, FieldErrors errors)
    {
        var topic = request.Topic ?? DefaultTopic;
        JsonBody.CheckLength(topic, MaxTopicLength, "topic", errors);
        if (topic.Any(char.IsControl))
        {
            errors.Add("topic", "Must not contain control characters.");
        }
        JsonBody.CheckLength(request.Agenda, MaxAgendaLength, "agenda", errors);

        var typeCode = request.Type ?? (int)MeetingType.Scheduled;
        if (!MeetingKinds.IsKnownType(typeCode))
        {
            errors.Add("type", "Must be 1 (instant), 2 (scheduled), 3 (recurring, no fixed time) or 8 (recurring, fixed time).");
        }
        var type = (MeetingType)typeCode;

        var duration = request.Duration ?? DefaultDurationMinutes;
        if (duration is <= 0 or > MaxDurationMinutes)
        {
            errors.Add("duration", $"Must be between 1 and {MaxDurationMinutes} minutes.");
        }

        var zoneId = request.Timezone ?? defaultTimeZone;
        TimeZoneInfo? zone = null;
        if (zoneId.Length > 50 || !TimeZones.TryFind(zoneId, out zone))
        {
            errors.Add("timezone", "Must be a known IANA time zone such as \"Europe/Berlin\".");
        }

        DateTime? start = null;
        if (request.StartTime is { } startText)
        {
            if (zone is not null)
            {
                if (IsoTimes.TryParseUtc(startText, zone, out var parsed, out var message))
                {
                    start = parsed;
                }
                else
                {
                    errors.Add("start_time", message);
                }
            }
        }
        else if (type == MeetingType.RecurringFixedTime)
        {
            errors.Add("start_time", "Is required for a recurring meeting with a fixed time (type 8).");
        }
        if (start is null && type is MeetingType.Instant or MeetingType.Scheduled)
        {
            start = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }

        var settings = ValidateSettings(baseSettings, request.Settings, errors);
        var recurrence = ValidateRecurrence(request.Recurrence, type, zone, errors);

        if (!errors.IsEmpty)
        {
            return null;
        }
        IReadOnlyList<Occurrence> occurrences = [];
        if (type == MeetingType.RecurringFixedTime && recurrence is not null && start is { } first)
        {
            occurrences = Expand(recurrence, first, zoneId, duration, errors);
            if (!errors.IsEmpty)
            {
                return null;
            }
        }
        return new MeetingDraft(topic, type, start, duration, zoneId,
            request.Agenda, recurrence, settings, occurrences);
    }

    /// <summary>The occurrences of a series; a rule that yields none (or that the expander refuses) is an error.</summary>
    public static IReadOnlyList<Occurrence> Expand(
        RecurrenceRule rule, DateTime firstUtc, string zoneId, int duration, FieldErrors errors)
    {
        try
        {
            var occurrences = OccurrenceExpander.Expand(
                rule, new DateTimeOffset(firstUtc, TimeSpan.Zero), zoneId, duration, MeetingKinds.MaxOccurrences(rule));
            if (occurrences.Count == 0)
            {
                errors.Add("recurrence", "The recurrence produces no occurrence (does it end before start_time?).");
            }
            return occurrences;
        }
        catch (ArgumentException ex)
        {
            errors.Add("recurrence", "The recurrence cannot be expanded: " + ex.Message);
            return [];
        }
    }

    private static MeetingSettings ValidateSettings(MeetingSettings baseSettings, MeetingSettingsRequest? change, FieldErrors errors)
    {
        if (change?.AutoRecording is { } recording
            && recording is not (MeetingSettings.RecordingNone or MeetingSettings.RecordingCloud))
        {
            errors.Add("settings.auto_recording", "Must be \"none\" or \"cloud\".");
        }
        return baseSettings.With(change);
    }

    private static RecurrenceRule? ValidateRecurrence(
        RecurrenceRequest? request, MeetingType type, TimeZoneInfo? zone, FieldErrors errors)
    {
        if (request is null)
        {
            if (type == MeetingType.RecurringFixedTime)
            {
                errors.Add("recurrence", "Is required for a recurring meeting with a fixed time (type 8).");
            }
            return null;
        }
        if (type is not (MeetingType.RecurringFixedTime or MeetingType.RecurringNoFixedTime))
        {
            errors.Add("recurrence", "Is only allowed for recurring meetings (type 3 or 8).");
            return null;
        }
        if (request.Type is null)
        {
            errors.Add("recurrence.type", "Is required: 1 (daily), 2 (weekly) or 3 (monthly).");
            return null;
        }
        if (request.WeeklyDays is { Length: > 20 })
        {
            errors.Add("recurrence.weekly_days", "Must be a comma-separated list of days 1..7.");
            return null;
        }
        DateTimeOffset? endDateTime = null;
        if (request.EndDateTime is { } endText)
        {
            if (zone is null)
            {
                errors.Add("recurrence.end_date_time", "Needs a valid timezone.");
                return null;
            }
            if (!IsoTimes.TryParseUtc(endText, zone, out var endUtc, out var message))
            {
                errors.Add("recurrence.end_date_time", message);
                return null;
            }
            endDateTime = new DateTimeOffset(endUtc, TimeSpan.Zero);
        }
        var rule = new RecurrenceRule(
            request.Type.Value,
            request.RepeatInterval ?? 1,
            request.WeeklyDays,
            request.MonthlyDay,
            request.MonthlyWeek,
            request.MonthlyWeekDay,
            request.EndTimes,
            endDateTime);
        var before = errors.ToDictionary().Count;
        RecurrenceValidator.Validate(rule, type, errors);
        return errors.ToDictionary().Count == before ? rule : null;
    }

    /// <summary>The passcode to store: the one asked for (checked), or a fresh 6-digit one.</summary>
    public static string? ValidatePasscode(string? requested, bool generateWhenMissing, FieldErrors errors)
    {
        if (requested is null)
        {
            return generateWhenMissing ? Identifiers.NewPasscode() : null;
        }
        if (requested.Length == 0)
        {
            errors.Add("password", "Must not be empty: meetings are protected by a passcode.");
            return null;
        }
        MeetingPasscodePolicy.Validate(requested, errors);
        return requested;
    }
}

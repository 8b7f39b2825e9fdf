// The "Schedule" form: topic, start, duration, time zone, passcode, waiting room and a daily or weekly
// recurrence ending on a date or after a number of occurrences. Local wall-clock times are sent with
// the zone, as the API reads them.

import { ApiError } from "../api/http";
import { createMeeting, MeetingType, RecurrenceType, type Meeting, type MeetingRequest, type Recurrence } from "../api/meetings";
import { checkbox, field, h, uid } from "../ui/dom";
import { apiWeekday, nextHalfHour, timeZoneChoices, wallClock } from "../util/time";

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function scheduleForm(timeZone: string, onScheduled: (meeting: Meeting) => void, onCancel: () => void): HTMLFormElement {
  const topic = h("input", { type: "text", name: "topic", maxlength: 200, required: true, placeholder: "Team sync" });
  const start = h("input", { type: "datetime-local", name: "start", required: true, value: wallClock(nextHalfHour(), timeZone) });
  const duration = h("select", { name: "duration" },
    ...DURATIONS.map((m) => h("option", { value: m, selected: m === 60 }, m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? "" : "s"}`)));
  const zone = h("select", { name: "timezone" },
    ...timeZoneChoices(timeZone).map((z) => h("option", { value: z, selected: z === timeZone }, z.replaceAll("_", " "))));
  const passcode = h("input", {
    type: "text", name: "passcode", maxlength: 10, pattern: "[A-Za-z0-9@_*\\-]{1,10}", autocomplete: "off", placeholder: "Generated if left empty",
  });
  const waiting = checkbox("Waiting room: admit participants yourself", true, "waiting_room");

  const repeat = h("select", { name: "repeat" },
    h("option", { value: "none" }, "Does not repeat"),
    h("option", { value: "daily" }, "Daily"),
    h("option", { value: "weekly" }, "Weekly"));
  const interval = h("input", { type: "number", name: "repeat_interval", min: 1, max: 12, value: "1", class: "short" });
  const intervalUnit = h("span", { class: "unit" }, "day(s)");
  const days = WEEKDAYS.map((name, i) => checkbox(name, false, `weekday-${i + 1}`));
  const daysGroup = h("fieldset", { class: "weekdays" }, h("legend", {}, "On"), ...days.map((d) => d.row));
  const endKind = h("select", { name: "end_kind" },
    h("option", { value: "count" }, "After a number of times"),
    h("option", { value: "date" }, "On a date"));
  const endCount = h("input", { type: "number", name: "end_times", min: 1, max: 60, value: "4", class: "short" });
  const endDate = h("input", { type: "date", name: "end_date" });
  const endCountRow = field("Occurrences", endCount);
  const endDateRow = field("Last day", endDate);
  const intervalId = uid("interval");
  interval.id = intervalId;
  const recurrenceDetails = h("div", { class: "stack" },
    h("div", { class: "field" }, h("label", { for: intervalId }, "Repeat every"), h("div", { class: "inline" }, interval, intervalUnit)),
    daysGroup,
    field("Ends", endKind),
    endCountRow,
    endDateRow);

  const syncRecurrence = (): void => {
    const kind = repeat.value;
    recurrenceDetails.hidden = kind === "none";
    daysGroup.hidden = kind !== "weekly";
    intervalUnit.textContent = kind === "weekly" ? "week(s)" : "day(s)";
    endCountRow.hidden = endKind.value !== "count";
    endDateRow.hidden = endKind.value !== "date";
    if (kind === "weekly" && !days.some((d) => d.input.checked)) {
      const day = days[apiWeekday(start.value) - 1];
      if (day) {
        day.input.checked = true;
      }
    }
  };
  repeat.addEventListener("change", syncRecurrence);
  endKind.addEventListener("change", syncRecurrence);
  syncRecurrence();

  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "Save meeting");
  const form = h("form", {
    class: "card stack",
    "aria-labelledby": "schedule-heading",
    onsubmit: async (event: Event) => {
      event.preventDefault();
      error.textContent = "";
      const request = buildRequest();
      if (typeof request === "string") {
        error.textContent = request;
        return;
      }
      submit.disabled = true;
      try {
        onScheduled(await createMeeting(request));
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.describe() : "Could not reach the server.";
      } finally {
        submit.disabled = false;
      }
    },
  },
  h("h2", { id: "schedule-heading" }, "Schedule a meeting"),
  field("Topic", topic),
  h("div", { class: "row" }, field("Start", start), field("Duration", duration)),
  field("Time zone", zone),
  field("Passcode", passcode, "Up to 10 letters, digits or @ - _ *."),
  waiting.row,
  h("fieldset", { class: "stack" }, h("legend", {}, "Recurrence"), field("Repeats", repeat), recurrenceDetails),
  error,
  h("div", { class: "actions" }, submit, h("button", { type: "button", class: "ghost", onclick: onCancel }, "Cancel")));

  /** The API request, or a message saying what to fix. */
  function buildRequest(): MeetingRequest | string {
    if (!start.value) {
      return "Choose when the meeting starts.";
    }
    const request: MeetingRequest = {
      topic: topic.value.trim() || "Confab Meeting",
      type: MeetingType.Scheduled,
      start_time: `${start.value}:00`,
      duration: Number(duration.value),
      timezone: zone.value,
      settings: { waiting_room: waiting.input.checked },
    };
    if (passcode.value) {
      request.password = passcode.value;
    }
    if (repeat.value !== "none") {
      const recurrence: Recurrence = {
        type: repeat.value === "weekly" ? RecurrenceType.Weekly : RecurrenceType.Daily,
        repeat_interval: Number(interval.value) || 1,
      };
      if (repeat.value === "weekly") {
        const chosen = days.flatMap((d, i) => (d.input.checked ? [String(i + 1)] : []));
        if (chosen.length === 0) {
          return "Choose at least one day of the week.";
        }
        recurrence.weekly_days = chosen.join(",");
      }
      if (endKind.value === "date") {
        if (!endDate.value) {
          return "Choose the last day of the series.";
        }
        recurrence.end_date_time = `${endDate.value}T23:59:00`;
      } else {
        recurrence.end_times = Number(endCount.value) || 1;
      }
      request.type = MeetingType.RecurringFixedTime;
      request.recurrence = recurrence;
    }
    return request;
  }

  return form;
}

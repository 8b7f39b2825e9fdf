// Dates for forms and lists: the API takes local wall-clock time plus an IANA zone, and answers in UTC.

export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** IANA zones the browser knows, with the given ones (the user's, UTC) included and sorted. */
export function timeZoneChoices(...include: (string | null | undefined)[]): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
  zones.add("UTC");
  for (const zone of include) {
    if (zone) {
      zones.add(zone);
    }
  }
  return [...zones].sort();
}

/** The wall-clock time of `date` in `timeZone` as an <input type="datetime-local"> value (YYYY-MM-DDTHH:mm). */
export function wallClock(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** The next whole half hour after now, at least 5 minutes away. */
export function nextHalfHour(now = new Date()): Date {
  const step = 30 * 60_000;
  return new Date(Math.ceil((now.getTime() + 5 * 60_000) / step) * step);
}

/** "Mon, 3 Mar, 14:30" in the viewer's zone. */
export function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })
    .format(new Date(iso));
}

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : "", m > 0 ? `${m} min` : ""].filter(Boolean).join(" ") || "0 min";
}

/** Day of week 1..7 with 1 = Sunday (the API's weekly_days) of a datetime-local value. */
export function apiWeekday(localValue: string): number {
  const [datePart] = localValue.split("T");
  const [y, m, d] = (datePart ?? "").split("-").map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return day + 1;
}

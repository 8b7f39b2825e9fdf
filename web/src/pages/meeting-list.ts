// Upcoming meetings: when, ID, the next occurrences of a series, a Start link and "Copy invitation".

import { getMeeting, invitationText, joinPath, MeetingType, upcomingMeetings, type MeetingListItem, type Occurrence } from "../api/meetings";
import { copyText } from "../ui/clipboard";
import { formatMeetingId, h } from "../ui/dom";
import { formatDuration, formatWhen } from "../util/time";

const SHOWN_OCCURRENCES = 3;

export async function renderMeetingList(container: HTMLElement): Promise<void> {
  container.replaceChildren(h("p", { class: "muted" }, "Loading meetings…"));
  let meetings: MeetingListItem[];
  try {
    meetings = await upcomingMeetings();
  } catch {
    container.replaceChildren(h("p", { class: "error", role: "alert" }, "Could not load your meetings."));
    return;
  }
  if (meetings.length === 0) {
    container.replaceChildren(h("p", { class: "muted" }, "No upcoming meetings. Schedule one, or start a new meeting now."));
    return;
  }
  container.replaceChildren(h("ul", { class: "meetings" }, ...meetings.map(meetingItem)));
}

function meetingItem(meeting: MeetingListItem): HTMLLIElement {
  const occurrences = h("p", { class: "occurrences muted" });
  if (meeting.type === MeetingType.RecurringFixedTime) {
    // The list leaves occurrences out; the meeting itself has them.
    getMeeting(meeting.id).then((full) => showOccurrences(occurrences, full.occurrences ?? []), () => undefined);
  }
  const copied = h("span", { class: "copied", role: "status", "aria-live": "polite" });
  const copy = h("button", {
    type: "button",
    class: "secondary small",
    onclick: async () => {
      copied.textContent = "";
      try {
        const ok = await copyText(await invitationText(meeting.id));
        copied.textContent = ok ? "Copied" : "Copy failed";
      } catch {
        copied.textContent = "Copy failed";
      }
      copied.classList.toggle("error", copied.textContent !== "Copied");
    },
  }, "Copy invitation");
  const title = meeting.topic ?? "Confab Meeting";
  return h("li", { class: "meeting card", "data-meeting-id": meeting.id },
    h("div", { class: "meeting-main" },
      h("h3", {}, title),
      h("p", { class: "when" }, describeWhen(meeting)),
      h("p", { class: "muted" }, `Meeting ID ${formatMeetingId(meeting.id)}`),
      occurrences),
    h("div", { class: "meeting-actions" },
      h("a", { class: "button primary small", href: joinPath(meeting.join_url), "data-link": true, "aria-label": `Start ${title}` }, "Start"),
      copy,
      copied));
}

function describeWhen(meeting: MeetingListItem): string {
  const recurring = meeting.type === MeetingType.RecurringFixedTime || meeting.type === MeetingType.RecurringNoFixedTime;
  if (!meeting.start_time) {
    return recurring ? "Recurring, no fixed time" : "Any time";
  }
  const when = `${formatWhen(meeting.start_time)} · ${formatDuration(meeting.duration)}`;
  return recurring ? `${when} · recurring` : when;
}

function showOccurrences(target: HTMLElement, occurrences: Occurrence[]): void {
  const now = Date.now();
  const next = occurrences
    .filter((o) => o.status !== "deleted" && new Date(o.start_time).getTime() + o.duration * 60_000 > now)
    .slice(0, SHOWN_OCCURRENCES);
  if (next.length === 0) {
    return;
  }
  const rest = occurrences.filter((o) => o.status !== "deleted").length - next.length;
  target.textContent = `Next: ${next.map((o) => formatWhen(o.start_time)).join(" · ")}${rest > 0 ? ` (+${rest} more)` : ""}`;
}

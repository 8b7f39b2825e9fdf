// /m/<id>: where the meeting view will be. The meeting signaling (join, waiting room, in meeting) is
// not built yet, so this page says so plainly and shows what the pre-join screen handed over.

import { loadJoinChoices } from "../media/join-choices";
import type { RouteContext } from "../router";
import { formatMeetingId, h } from "../ui/dom";

export function renderMeeting({ main, params }: RouteContext): void {
  const meetingId = params[0] ?? "";
  const choices = loadJoinChoices(meetingId);
  const rejoin = `/j/${meetingId}${choices?.joinToken ? `?pwd=${encodeURIComponent(choices.joinToken)}` : ""}`;
  main.append(h("section", { class: "card stack placeholder", "aria-labelledby": "meeting-heading" },
    h("h1", { id: "meeting-heading" }, `Meeting ${formatMeetingId(meetingId)}`),
    h("p", { class: "notice", "data-testid": "meeting-placeholder" },
      "The meeting view arrives with the signaling. You have not joined a meeting: nothing is sent or received yet."),
    choices
      ? h("dl", { class: "choices" },
        h("dt", {}, "Name"), h("dd", {}, choices.displayName),
        h("dt", {}, "Microphone"), h("dd", {}, choices.audioMuted ? "Muted" : "On"),
        h("dt", {}, "Camera"), h("dd", {}, choices.videoOff ? "Off" : "On"))
      : h("p", { class: "muted" }, "No choices from the pre-join screen in this tab."),
    h("div", { class: "actions" },
      h("a", { class: "button secondary", href: rejoin, "data-link": true }, "Back to the pre-join screen"),
      h("a", { class: "button ghost", href: "/", "data-link": true }, "Home"))));
}

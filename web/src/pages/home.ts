// "/": the signed-in home. New meeting (instant), Schedule, the personal meeting ID, upcoming meetings
// and a join box. Signed out, it sends to /signin.

import { ApiError } from "../api/http";
import { createMeeting, joinPath, MeetingType } from "../api/meetings";
import { isSignedIn } from "../api/tokens";
import { currentUser, type User } from "../api/users";
import { navigate, type RouteContext } from "../router";
import { formatMeetingId, h, statusLine } from "../ui/dom";
import { joinBox } from "../ui/join-box";
import { browserTimeZone } from "../util/time";
import { renderMeetingList } from "./meeting-list";
import { scheduleForm } from "./schedule-form";

export async function renderHome({ main }: RouteContext): Promise<void> {
  if (!isSignedIn()) {
    navigate("/signin", { replace: true });
    return;
  }
  let user: User;
  try {
    user = await currentUser();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      navigate("/signin", { replace: true });
      return;
    }
    main.append(h("p", { class: "error", role: "alert" }, "Could not reach the server. Reload to try again."));
    return;
  }

  const status = statusLine();
  const list = h("div", { class: "meeting-list" });
  const formSlot = h("div", {});
  const newMeeting = h("button", {
    type: "button",
    class: "primary big",
    onclick: async () => {
      newMeeting.disabled = true;
      status.show("Starting a meeting…");
      try {
        const meeting = await createMeeting({ type: MeetingType.Instant, topic: `${user.display_name ?? "My"}'s meeting` });
        navigate(joinPath(meeting.join_url));
      } catch (e) {
        status.show(e instanceof ApiError ? e.describe() : "Could not reach the server.", true);
        newMeeting.disabled = false;
      }
    },
  }, "New meeting");
  const schedule = h("button", {
    type: "button",
    class: "secondary big",
    "aria-expanded": "false",
    onclick: () => {
      if (formSlot.firstChild) {
        closeForm();
        return;
      }
      schedule.setAttribute("aria-expanded", "true");
      const form = scheduleForm(user.timezone ?? browserTimeZone() ?? "UTC", (meeting) => {
        closeForm();
        status.show(`Scheduled “${meeting.topic ?? "Confab Meeting"}”.`);
        void renderMeetingList(list);
      }, closeForm);
      formSlot.replaceChildren(form);
      form.querySelector("input")?.focus();
    },
  }, "Schedule");
  const closeForm = (): void => {
    formSlot.replaceChildren();
    schedule.setAttribute("aria-expanded", "false");
  };

  const pmi = user.pmi === null ? "—" : formatMeetingId(user.pmi);
  main.append(h("div", { class: "home" },
    h("section", { class: "home-side stack", "aria-label": "Start or join" },
      h("h1", {}, `Hello, ${user.display_name ?? user.email}`),
      h("div", { class: "card stack" },
        h("div", { class: "actions" }, newMeeting, schedule),
        status.element,
        h("p", { class: "pmi" }, "Personal meeting ID ", h("strong", { "data-testid": "pmi" }, pmi)))),
    h("section", { class: "home-main stack", "aria-labelledby": "upcoming-heading" },
      formSlot,
      h("h2", { id: "upcoming-heading" }, "Upcoming meetings"),
      list),
    h("div", { class: "home-join" }, joinBox())));
  await renderMeetingList(list);
}

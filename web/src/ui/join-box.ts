// "Join a meeting": a meeting ID and an optional passcode, then the meeting's pre-join screen.

import { navigate } from "../router";
import { field, h, statusLine } from "./dom";

/** Meeting IDs and PMIs are 9 to 11 digits; people type them with spaces or dashes. */
export function parseMeetingId(text: string): string | null {
  const digits = text.replace(/[\s-]/g, "");
  return /^\d{9,11}$/.test(digits) ? digits : null;
}

/** State handed to the pre-join page: a passcode typed here, which a link would carry as its token. */
export interface JoinState {
  passcode?: string;
}

export function joinBox(): HTMLElement {
  const id = h("input", { type: "text", name: "meeting-id", inputmode: "numeric", autocomplete: "off", required: true, placeholder: "123 4567 8901" });
  const passcode = h("input", { type: "password", name: "passcode", autocomplete: "off", maxlength: 10 });
  const status = statusLine();
  const form = h("form", {
    class: "card stack",
    "aria-labelledby": "join-heading",
    onsubmit: (event: Event) => {
      event.preventDefault();
      const meetingId = parseMeetingId(id.value);
      if (!meetingId) {
        status.show("Enter the meeting ID: 9 to 11 digits.", true);
        id.focus();
        return;
      }
      const state: JoinState = passcode.value ? { passcode: passcode.value } : {};
      navigate(`/j/${meetingId}`, { state });
    },
  },
  h("h2", { id: "join-heading" }, "Join a meeting"),
  field("Meeting ID", id),
  field("Passcode", passcode, "Leave empty to be asked on the next screen."),
  status.element,
  h("button", { type: "submit", class: "secondary" }, "Join a meeting"));
  return form;
}

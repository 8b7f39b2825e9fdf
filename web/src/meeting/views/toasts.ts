// Short notices in a corner ("Ana joined", "The host muted you"), read out politely by screen readers.

import { h } from "../../ui/dom";

const SHOW_MS = 5000;
/** A toast with a button stays longer: the person may need a moment to decide. */
const SHOW_WITH_ACTION_MS = 15000;
const MOST = 4;

export class Toasts {
  readonly element = h("div", { class: "toasts", role: "status", "aria-live": "polite", "data-testid": "toasts" });

  show(text: string, action?: { label: string; run: () => void }): void {
    const toast = h("div", { class: "toast" }, text);
    if (action) {
      toast.append(" ", h("button", {
        type: "button", class: "primary small",
        onclick: () => {
          toast.remove();
          action.run();
        },
      }, action.label));
    }
    this.element.append(toast);
    while (this.element.childElementCount > MOST) {
      this.element.firstElementChild?.remove();
    }
    window.setTimeout(() => toast.remove(), action ? SHOW_WITH_ACTION_MS : SHOW_MS);
  }
}

// Short notices in a corner ("Ana joined", "The host muted you"), read out politely by screen readers.

import { h } from "../../ui/dom";

const SHOW_MS = 5000;
const MOST = 4;

export class Toasts {
  readonly element = h("div", { class: "toasts", role: "status", "aria-live": "polite", "data-testid": "toasts" });

  show(text: string): void {
    const toast = h("div", { class: "toast" }, text);
    this.element.append(toast);
    while (this.element.childElementCount > MOST) {
      this.element.firstElementChild?.remove();
    }
    window.setTimeout(() => toast.remove(), SHOW_MS);
  }
}

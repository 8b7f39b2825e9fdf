// The top bar: the brand, and the signed-in user's name with a Sign out button.

import { signOut } from "../api/auth";
import { isSignedIn, onSessionChange } from "../api/tokens";
import { currentUser } from "../api/users";
import { navigate } from "../router";
import { h } from "./dom";

export function mountShell(): void {
  const bar = document.getElementById("topbar");
  if (!bar) {
    return;
  }
  const draw = (): void => {
    const brand = h("a", { class: "brand", href: "/", "data-link": true }, h("span", { class: "logo", "aria-hidden": "true" }), "Confab");
    if (!isSignedIn()) {
      bar.replaceChildren(brand);
      return;
    }
    const name = h("span", { class: "who" });
    currentUser().then((user) => {
      name.textContent = user.display_name ?? user.email;
    }, () => undefined);
    const out = h("button", {
      type: "button",
      class: "ghost",
      onclick: () => {
        signOut();
        navigate("/signin");
      },
    }, "Sign out");
    bar.replaceChildren(brand, h("div", { class: "account" }, name, out));
  };
  draw();
  onSessionChange(draw);
}

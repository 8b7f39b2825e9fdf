// /signin: e-mail and password; on success the page asked for in ?next=, else home.

import { signIn } from "../api/auth";
import { ApiError } from "../api/http";
import { isSignedIn } from "../api/tokens";
import { navigate, type RouteContext } from "../router";
import { field, h } from "../ui/dom";
import { joinBox } from "../ui/join-box";

/** Only same-site paths are followed after sign-in. */
export function safeNext(query: URLSearchParams): string {
  const next = query.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function renderSignIn({ main, query }: RouteContext): void {
  if (isSignedIn()) {
    navigate(safeNext(query), { replace: true });
    return;
  }
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "Sign in");
  const form = h("form", {
    class: "card stack",
    onsubmit: async (event: Event) => {
      event.preventDefault();
      error.textContent = "";
      submit.disabled = true;
      try {
        await signIn(email.value.trim(), password.value);
        navigate(safeNext(query), { replace: true });
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 401
          ? "That e-mail and password do not match an account."
          : e instanceof ApiError ? e.describe() : "Could not reach the server.";
        submit.disabled = false;
      }
    },
  },
  h("h1", {}, "Sign in"),
  field("E-mail", email),
  field("Password", password),
  error,
  submit,
  h("p", { class: "muted" }, "No account yet? ", h("a", { href: "/signup", "data-link": true }, "Sign up")));

  main.append(h("div", { class: "auth-layout" }, form, joinBox()));
}

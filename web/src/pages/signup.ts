// /signup: creates the account, then signs in with it.

import { register, signIn } from "../api/auth";
import { ApiError } from "../api/http";
import { isSignedIn } from "../api/tokens";
import { navigate, type RouteContext } from "../router";
import { field, h } from "../ui/dom";
import { browserTimeZone } from "../util/time";

export function renderSignUp({ main }: RouteContext): void {
  if (isSignedIn()) {
    navigate("/", { replace: true });
    return;
  }
  const name = h("input", { type: "text", name: "display_name", autocomplete: "name", required: true, maxlength: 128 });
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, maxlength: 255 });
  const password = h("input", { type: "password", name: "password", autocomplete: "new-password", required: true, minlength: 8, maxlength: 128 });
  const error = h("p", { class: "error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "Create account");
  const form = h("form", {
    class: "card stack narrow",
    onsubmit: async (event: Event) => {
      event.preventDefault();
      error.textContent = "";
      submit.disabled = true;
      try {
        await register(email.value.trim(), password.value, name.value.trim(), browserTimeZone());
        await signIn(email.value.trim(), password.value);
        navigate("/", { replace: true });
      } catch (e) {
        error.textContent = e instanceof ApiError && e.status === 409
          ? "An account with this e-mail address exists. Sign in instead."
          : e instanceof ApiError ? e.describe() : "Could not reach the server.";
        submit.disabled = false;
      }
    },
  },
  h("h1", {}, "Create your account"),
  field("Your name", name, "Shown to others in meetings."),
  field("E-mail", email),
  field("Password", password, "At least 8 characters, with a letter and a digit."),
  error,
  submit,
  h("p", { class: "muted" }, "Have an account? ", h("a", { href: "/signin", "data-link": true }, "Sign in")));
  main.append(form);
}

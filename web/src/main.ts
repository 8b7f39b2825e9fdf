// The web client's entry: the top bar and the routes.

import { renderHome } from "./pages/home";
import { renderMeeting } from "./pages/meeting";
import { renderPreJoin } from "./pages/prejoin";
import { renderSignIn } from "./pages/signin";
import { renderSignUp } from "./pages/signup";
import { fallback, route, start } from "./router";
import { h } from "./ui/dom";
import { mountShell } from "./ui/shell";

route(/^\/$/, renderHome);
route(/^\/signin\/?$/, renderSignIn);
route(/^\/signup\/?$/, renderSignUp);
route(/^\/j\/(\d{1,19})\/?$/, renderPreJoin);
route(/^\/m\/(\d{1,19})\/?$/, renderMeeting);
fallback(({ main }) => {
  main.append(h("section", { class: "card stack narrow" },
    h("h1", {}, "Page not found"),
    h("p", {}, h("a", { href: "/", "data-link": true }, "Go home"))));
});

mountShell();
start();

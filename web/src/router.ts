// A small client-side router over the History API. Each route renders into <main> and may return a
// cleanup (stop the camera, cancel timers) that runs before the next page renders.

export interface RouteContext {
  /** The pattern's captured groups. */
  params: string[];
  query: URLSearchParams;
  /** history.state given to navigate(); null on a fresh load. */
  state: unknown;
  main: HTMLElement;
}

export type Cleanup = () => void;
export type Render = (context: RouteContext) => Cleanup | void | Promise<Cleanup | void>;

interface Route {
  pattern: RegExp;
  render: Render;
}

const routes: Route[] = [];
let notFound: Render = ({ main }) => {
  main.textContent = "Page not found.";
};
let cleanup: Cleanup | null = null;
let generation = 0;

export function route(pattern: RegExp, render: Render): void {
  routes.push({ pattern, render });
}

export function fallback(render: Render): void {
  notFound = render;
}

export function navigate(path: string, options: { replace?: boolean; state?: unknown } = {}): void {
  const state = options.state ?? null;
  if (options.replace) {
    history.replaceState(state, "", path);
  } else {
    history.pushState(state, "", path);
  }
  void render();
}

/** Starts listening: back/forward, and clicks on same-origin links marked data-link. */
export function start(): void {
  window.addEventListener("popstate", () => void render());
  document.addEventListener("click", (event) => {
    const anchor = (event.target as Element | null)?.closest?.("a[data-link]");
    if (!(anchor instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0
      || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || anchor.origin !== location.origin) {
      return;
    }
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
  void render();
}

async function render(): Promise<void> {
  const main = document.getElementById("main");
  if (!main) {
    return;
  }
  generation += 1;
  const mine = generation;
  cleanup?.();
  cleanup = null;
  main.replaceChildren();

  const path = location.pathname;
  const matched = routes.find((r) => r.pattern.test(path));
  const params = matched ? (matched.pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p ?? "")) : [];
  const context: RouteContext = { params, query: new URLSearchParams(location.search), state: history.state, main };
  const result = await (matched?.render ?? notFound)(context);
  if (mine !== generation) {
    // Another navigation happened while this page was loading: undo what it set up.
    result?.();
    return;
  }
  cleanup = result ?? null;
  // Move focus to the new page's heading so screen readers announce it.
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    document.title = `${heading.textContent ?? ""} · Confab`;
  }
}

/** True while the page that asked is still the one shown (for async work that finishes late). */
export function currentGeneration(): number {
  return generation;
}

// Tiny DOM helpers: an element builder and a labelled form field, so every page builds markup the same way.

export type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Attrs = Record<string, AttrValue>;

/** Properties set on the element itself rather than as attributes (their live state differs). */
const PROPERTIES = new Set(["value", "checked", "disabled", "selected", "muted", "autoplay", "playsInline"]);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (typeof value === "function") {
      element.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    } else if (PROPERTIES.has(name)) {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else if (name === "class") {
      element.className = String(value);
    } else if (typeof value === "boolean") {
      if (value) {
        element.setAttribute(name, "");
      }
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let nextId = 0;

/** A fresh element id, for label/aria references. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * A form row: a visible <label> bound to the control, plus an optional hint tied to it with
 * aria-describedby.
 */
export function field(label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  if (!control.id) {
    control.id = uid("field");
  }
  const row = h("div", { class: "field" }, h("label", { for: control.id }, label), control);
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute("aria-describedby", hintId);
    row.appendChild(h("p", { class: "hint", id: hintId }, hint));
  }
  return row;
}

/** A checkbox with its label after it. */
export function checkbox(label: string, checked: boolean, name?: string): { row: HTMLDivElement; input: HTMLInputElement } {
  const input = h("input", { type: "checkbox", id: uid("check"), name, checked });
  const row = h("div", { class: "check" }, input, h("label", { for: input.id }, label));
  return { row, input };
}

/** A polite live region that announces and shows short messages (errors use role=alert instead). */
export function statusLine(className = "status"): { element: HTMLParagraphElement; show(text: string, isError?: boolean): void } {
  const element = h("p", { class: className, role: "status", "aria-live": "polite" });
  return {
    element,
    show(text: string, isError = false) {
      element.textContent = text;
      element.classList.toggle("error", isError);
    },
  };
}

/** Groups digits as Zoom shows meeting IDs: 3-3-4 for 10 digits, 3-4-4 for 11. */
export function formatMeetingId(id: string | number): string {
  const digits = String(id);
  if (digits.length === 10) {
    return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  }
  if (digits.length === 11) {
    return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  }
  return digits;
}

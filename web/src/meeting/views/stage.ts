// The meeting's main area. Gallery view: everyone in pages of up to 25 tiles. Speaker view: whoever is
// speaking large, the others in a strip. While someone shares their screen, the share is large and the
// people are in the strip. The stage also says which remote videos it shows and at which simulcast
// layer, so the page receives only those (select-video).

import { h } from "../../ui/dom";
import type { ParticipantInfo, Source, VideoLayer } from "../protocol";
import type { RemoteMedia } from "../subscriber";
import { Tile } from "./tile";

export type ViewMode = "gallery" | "speaker";

export interface VideoChoice {
  peerId: string;
  layer: VideoLayer;
  source: Source;
}

export interface StageInput {
  people: ParticipantInfo[];
  selfId: string | null;
  localCamera: MediaStreamTrack | null;
  remote: Map<string, RemoteMedia>;
  speaker: string | null;
  speaking: Set<string>;
  /** Someone else's share, shown large. */
  share: ParticipantInfo | null;
}

export const PAGE_SIZE = 25;
const STRIP_SIZE = 5;

export class Stage {
  readonly element = h("section", { class: "stage", "aria-label": "Participants' videos" });
  private readonly grid = h("div", { class: "grid" });
  private readonly pager = h("div", { class: "pager", hidden: true });
  private readonly tiles = new Map<string, Tile>();
  mode: ViewMode = "gallery";
  page = 0;

  constructor(private readonly onChange: () => void) {
    this.element.append(this.grid, this.pager);
  }

  /** Draws the stage; returns the remote videos it shows. */
  render(input: StageInput): VideoChoice[] {
    const choices: VideoChoice[] = [];
    const others = input.people.filter((p) => p.participantId !== input.selfId);
    let main: { key: string; person: ParticipantInfo; source: Source } | null = null;
    let shown: ParticipantInfo[];
    if (input.share) {
      main = { key: `screen:${input.share.participantId}`, person: input.share, source: "screen" };
      shown = this.strip(input.people, input);
    } else if (this.mode === "speaker" && others.length > 0) {
      const speaker = others.find((p) => p.participantId === input.speaker) ?? others[0]!;
      main = { key: `camera:${speaker.participantId}`, person: speaker, source: "camera" };
      shown = this.strip(input.people.filter((p) => p !== speaker), input);
    } else {
      const pages = Math.max(1, Math.ceil(input.people.length / PAGE_SIZE));
      this.page = Math.min(this.page, pages - 1);
      shown = input.people.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
      this.drawPager(pages);
    }
    if (main) {
      this.pager.hidden = true;
    }

    const layout = main ? "focus" : "gallery";
    this.element.dataset.layout = layout;
    const keep = new Set<string>();
    const ordered: HTMLElement[] = [];
    if (main) {
      const tile = this.tile(main.key, false);
      const track = main.source === "screen" ? input.remote.get(main.person.participantId)?.screen : input.remote.get(main.person.participantId)?.camera;
      const label = main.source === "screen" ? `${main.person.name}'s screen` : main.person.name;
      tile.update(main.person, label, track ?? null, main.source === "camera" && input.speaking.has(main.person.participantId));
      tile.element.classList.add("main-tile");
      tile.element.classList.toggle("screen-tile", main.source === "screen");
      keep.add(main.key);
      ordered.push(tile.element);
      choices.push({ peerId: main.person.participantId, layer: "high", source: main.source });
    }
    const layer: VideoLayer = main ? "low" : shown.length <= 4 ? "high" : shown.length <= 9 ? "medium" : "low";
    for (const person of shown) {
      const self = person.participantId === input.selfId;
      const key = `camera:${person.participantId}`;
      const tile = this.tile(key, self);
      const track = self ? input.localCamera : input.remote.get(person.participantId)?.camera ?? null;
      tile.update(person, self ? `${person.name} (me)` : person.name, person.videoOn || self ? track : null, input.speaking.has(person.participantId));
      tile.element.classList.remove("main-tile", "screen-tile");
      keep.add(key);
      ordered.push(tile.element);
      if (!self) {
        choices.push({ peerId: person.participantId, layer, source: "camera" });
      }
    }
    for (const [key, tile] of this.tiles) {
      if (!keep.has(key)) {
        tile.element.remove();
        this.tiles.delete(key);
      }
    }
    this.grid.className = `grid ${layout} count-${Math.min(ordered.length - (main ? 1 : 0), 25)}`;
    this.grid.style.setProperty("--columns", String(columnsFor(main ? 1 : ordered.length)));
    // Keep the DOM order right without re-inserting tiles that are already in place (videos keep playing).
    ordered.forEach((element, index) => {
      if (this.grid.children[index] !== element) {
        this.grid.insertBefore(element, this.grid.children[index] ?? null);
      }
    });
    return choices;
  }

  private strip(people: ParticipantInfo[], input: StageInput): ParticipantInfo[] {
    // The speaker first, then the others in the order they came.
    const sorted = [...people].sort((a, b) => Number(b.participantId === input.speaker) - Number(a.participantId === input.speaker));
    return sorted.slice(0, STRIP_SIZE);
  }

  private tile(key: string, mirrored: boolean): Tile {
    let tile = this.tiles.get(key);
    if (!tile) {
      tile = new Tile(key, mirrored);
      this.tiles.set(key, tile);
    }
    return tile;
  }

  private drawPager(pages: number): void {
    this.pager.hidden = pages <= 1;
    if (pages <= 1) {
      return;
    }
    const go = (delta: number) => () => {
      this.page = Math.max(0, Math.min(pages - 1, this.page + delta));
      this.onChange();
    };
    this.pager.replaceChildren(
      h("button", { type: "button", class: "ghost small", disabled: this.page === 0, onclick: go(-1), "aria-label": "Previous page of videos" }, "‹"),
      h("span", {}, `Page ${this.page + 1} of ${pages}`),
      h("button", { type: "button", class: "ghost small", disabled: this.page >= pages - 1, onclick: go(1), "aria-label": "Next page of videos" }, "›"));
  }
}

function columnsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

// The timeline under the map: each dated event a bar over the days it covers (a dot for one day; a
// month or a year drawn as the whole span, fainter), in lanes so that none overlap. Dragging across it
// brushes a date range, which becomes the view's `from` and `to`; the range inputs of the filters do
// the same from the keyboard.

import { DAY_MS, eventDates, isoDay, monthLabel, span } from "./dates.js";
import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const LANE = 16;
const AXIS = 22;
const MARGIN = 12;

function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Lanes for `items` (sorted by start): the first lane whose last bar ends before this one starts. */
function lanes(items, x) {
  const ends = [];
  return items.map(({ days }) => {
    const left = x(days[0]);
    let lane = ends.findIndex((end) => end + 4 < left);
    if (lane === -1) lane = ends.push(0) - 1;
    ends[lane] = Math.max(x(days[1] + DAY_MS), left + 10);
    return lane;
  });
}

export class Timeline {
  /** A timeline in `container`; `onOpen(eventId)` when an event is chosen, `onBrush(from, to)` with
   * ISO days when a range is brushed. */
  constructor(container, onOpen, onBrush) {
    this.container = container;
    this.onOpen = onOpen;
    this.onBrush = onBrush;
    this.events = [];
    this.range = { from: null, to: null };
    new ResizeObserver(() => this.draw()).observe(container);
  }

  /** Show `events` (the view without its date range) with `range` ({from, to}, ISO days) brushed. */
  show(events, range) {
    this.events = events;
    this.range = range;
    this.draw();
  }

  draw() {
    const dated = this.events
      .map((event) => ({ event, days: span(event) }))
      .filter((item) => item.days)
      .sort((a, b) => a.days[0] - b.days[0]);
    const width = Math.max(this.container.clientWidth, 280);
    this.container.replaceChildren();
    if (!dated.length) this.container.append(el("p", { class: "hint" }, "No dated events in this view."));
    else this.container.append(this.chart(dated, width));
    this.container.append(this.undated(this.events.filter((event) => !event.start)));
  }

  /** The events without a date, which no timeline can place, as a list to open them from. */
  undated(events) {
    if (!events.length) return "";
    const list = el("ul", {});
    for (const event of events) {
      const item = el("a", { href: `?event=${encodeURIComponent(event.id)}`, class: "undated-event" }, event.title);
      item.addEventListener("click", (click) => {
        click.preventDefault();
        this.onOpen(event.id);
      });
      list.append(el("li", {}, item, ` · ${event.status.toLowerCase()}`));
    }
    return el("details", { class: "undated" }, el("summary", {}, `${events.length} undated, not on the timeline`), list);
  }

  chart(dated, width) {
    let low = Math.min(...dated.map((item) => item.days[0]));
    let high = Math.max(...dated.map((item) => item.days[1] + DAY_MS));
    const pad = Math.max((high - low) * 0.04, 7 * DAY_MS);
    low -= pad;
    high += pad;
    const x = (ms) => MARGIN + ((ms - low) / (high - low)) * (width - 2 * MARGIN);
    const day = (px) => low + ((px - MARGIN) / (width - 2 * MARGIN)) * (high - low);
    const laneOf = lanes(dated, x);
    const height = AXIS + (Math.max(...laneOf) + 1) * LANE + 8;
    const root = svg("svg", { width, height, class: "timeline-svg", role: "group", "aria-label": "Timeline of the events in view; drag to choose a date range" });
    root.append(this.axis(low, high, x, height, Math.max(2, Math.floor(width / 90))));
    root.append(this.brushed(x, height, width));
    dated.forEach(({ event, days }, index) => root.append(this.bar(event, days, x, AXIS + laneOf[index] * LANE)));
    this.brush(root, day);
    return root;
  }

  /** Month ticks, at most `most` of them (a label takes about 90 px). */
  axis(low, high, x, height, most) {
    const group = svg("g", { class: "axis", "aria-hidden": "true" });
    const months = (high - low) / (30 * DAY_MS);
    const step = [1, 2, 3, 6, 12, 24, 60].find((n) => months / n <= most) ?? 120;
    const start = new Date(low);
    let tick = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    while (tick < high) {
      const left = x(tick);
      group.append(svg("line", { x1: left, x2: left, y1: 14, y2: height, class: "tick" }));
      const label = svg("text", { x: left + 3, y: 11 });
      label.textContent = monthLabel(tick);
      group.append(label);
      const next = new Date(tick);
      tick = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + step, 1);
    }
    return group;
  }

  brushed(x, height, width) {
    const group = svg("g", { class: "brushed" });
    const { from, to } = this.range;
    if (from || to) {
      const left = Math.max(from ? x(Date.parse(from)) : 0, 0);
      const right = Math.min(to ? x(Date.parse(to) + DAY_MS) : width, width);
      group.append(svg("rect", { x: left, y: 0, width: Math.max(right - left, 1), height }));
    }
    return group;
  }

  bar(event, days, x, top) {
    const { from, to } = this.range;
    const inRange = (!from || days[1] >= Date.parse(from)) && (!to || days[0] <= Date.parse(to));
    const left = x(days[0]);
    const width = Math.max(x(days[1] + DAY_MS) - left, 10);
    const precision = (event.datePrecision ?? "DAY").toLowerCase();
    const item = svg("a", {
      href: `?event=${encodeURIComponent(event.id)}`,
      class: `timeline-event kind-${event.kind} status-${event.status} precision-${precision}${inRange ? "" : " outside"}`,
      "data-event": event.id,
      "aria-label": `${event.title}, ${eventDates(event)}, ${event.status.toLowerCase()}`,
    });
    const title = svg("title");
    title.textContent = `${event.title} · ${eventDates(event)}`;
    item.append(title, svg("rect", { x: left, y: top, width, height: LANE - 5, rx: 5 }));
    item.addEventListener("click", (click) => {
      click.preventDefault();
      this.onOpen(event.id);
    });
    return item;
  }

  /** Drag on the background to brush; a click without a drag clears the range. */
  brush(root, day) {
    let start = null;
    let shade = null;
    const at = (pointer) => pointer.clientX - root.getBoundingClientRect().left;
    root.addEventListener("pointerdown", (down) => {
      if (down.target.closest(".timeline-event")) return;
      start = at(down);
      shade = svg("rect", { x: start, y: 0, width: 1, height: root.getAttribute("height"), class: "brushing" });
      root.append(shade);
      root.setPointerCapture(down.pointerId);
    });
    root.addEventListener("pointermove", (move) => {
      if (start === null) return;
      const now = at(move);
      shade.setAttribute("x", Math.min(start, now));
      shade.setAttribute("width", Math.max(Math.abs(now - start), 1));
    });
    root.addEventListener("pointerup", (up) => {
      if (start === null) return;
      const end = at(up);
      const [left, right] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      if (right - left < 4) this.onBrush(null, null);
      else this.onBrush(isoDay(day(left)), isoDay(day(right)));
    });
  }
}

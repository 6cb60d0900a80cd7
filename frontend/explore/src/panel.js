// The side panel: an event (participants, venue and the places it lies in, dates at their precision,
// status, topics, and each source with its quote marked in the article's text) or an actor (offices
// held over time, the actors met most often). Links inside change the view through `go(changes)`.

import { eventDates, words } from "./dates.js";
import { el } from "./dom.js";

function link(text, changes, go) {
  const anchor = el("a", { href: "#" }, text);
  anchor.addEventListener("click", (click) => {
    click.preventDefault();
    go(changes);
  });
  return anchor;
}

function row(label, ...value) {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

/** The places `venue` lies in, itself first: "Great Hall › Beijing › China". */
function places(venue) {
  const chain = [];
  for (let place = venue; place; place = place.parent) chain.push(`${place.name} (${place.kind.toLowerCase()})`);
  return chain.join(" › ");
}

/** `text` with each `[start, end)` of `spans` (code point offsets, as the API gives them) in a <mark>. */
export function marked(text, spans) {
  const points = Array.from(text);
  const parts = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    parts.push(points.slice(at, start).join(""), el("mark", {}, points.slice(start, end).join("")));
    at = end;
  }
  parts.push(points.slice(at).join(""));
  return parts;
}

function sources(event) {
  const byArticle = new Map();
  for (const source of event.sources) {
    if (!byArticle.has(source.article.id)) byArticle.set(source.article.id, { article: source.article, quotes: [] });
    byArticle.get(source.article.id).quotes.push(source);
  }
  const list = el("ol", { class: "sources" });
  for (const { article, quotes } of byArticle.values()) {
    const about = [article.outlet, article.published && words(article.published)].filter(Boolean).join(", ");
    const text = el("div", { class: "article-text", tabindex: "0", role: "region", "aria-label": `Text of ${article.title}` });
    text.append(...marked(article.text, quotes.map((quote) => [quote.startOffset, quote.endOffset])));
    const details = el("details", {}, el("summary", {}, "The article, quotes marked"), text);
    details.addEventListener("toggle", () => details.open && text.querySelector("mark")?.scrollIntoView({ block: "center" }));
    list.append(
      el(
        "li",
        { class: "source" },
        el("p", { class: "article-title" }, el("cite", {}, article.title), about ? ` — ${about}` : ""),
        ...quotes.map((quote) => el("blockquote", { class: "quote" }, quote.quote)),
        details,
      ),
    );
  }
  return list;
}

/** The panel of `event`. */
export function eventPanel(event, go) {
  const participants = el("ul", {});
  for (const { role, actor } of event.participants) {
    participants.append(el("li", {}, link(actor.name, { actor: actor.id, event: null }, go), ` — ${role}`));
  }
  const topics = el("ul", { class: "chips" });
  for (const topic of event.topics) topics.append(el("li", {}, link(topic.label, { topic: topic.slug, event: null }, go)));
  const facts = el(
    "dl",
    {},
    row("Kind", el("span", { class: `swatch kind-${event.kind}` }), event.kind.toLowerCase()),
    row("Status", event.status.toLowerCase()),
    row("Dates", eventDates(event)),
    row("Venue", event.venue ? places(event.venue) : "unknown"),
    row("Confidence", event.confidence.toFixed(2)),
    event.parent ? row("During", link(event.parent.title, { event: event.parent.id }, go)) : [],
    event.children.length ? row("Held during it", el("ul", {}, ...event.children.map((child) => el("li", {}, link(child.title, { event: child.id }, go))))) : [],
  );
  return el(
    "article",
    { class: "event-panel", "aria-labelledby": "panel-title" },
    el("h2", { id: "panel-title", tabindex: "-1" }, event.title),
    facts,
    el("h3", {}, "Participants"),
    event.participants.length ? participants : el("p", {}, "None named."),
    el("h3", {}, "Topics"),
    event.topics.length ? topics : el("p", {}, "None."),
    el("h3", {}, `Sources (${event.sources.length})`),
    sources(event),
  );
}

/** The offices of `positions` as bars over the years they span, with their dates in words. */
function positionsOverTime(positions) {
  const list = el("ol", { class: "positions" });
  const dated = positions.filter((position) => position.start);
  const first = Math.min(...dated.map((position) => Number(position.start.slice(0, 4))));
  const last = Math.max(new Date().getUTCFullYear(), ...dated.map((position) => Number((position.end ?? position.start).slice(0, 4))));
  for (const position of positions) {
    const when = `${position.start ? words(position.start) : "?"} – ${position.end ? words(position.end) : "now"}`;
    const item = el("li", {}, el("strong", {}, position.title), position.country ? ` (${position.country})` : "", el("br"), el("small", {}, when));
    if (position.start && Number.isFinite(first)) {
      const from = Number(position.start.slice(0, 4));
      const to = position.end ? Number(position.end.slice(0, 4)) : last;
      const scale = Math.max(last - first + 1, 1);
      const left = ((from - first) / scale) * 100;
      const width = Math.max(((to - from + 1) / scale) * 100, 2);
      item.append(el("span", { class: "position-bar", "aria-hidden": "true" }, el("span", { style: `margin-left:${left}%;width:${width}%` })));
    }
    list.append(item);
  }
  return list;
}

/** The panel of `actor`; `count` is how many of its events the view holds. */
export function actorPanel(actor, count, go) {
  const counterparts = el("ol", {});
  for (const { eventCount, actor: other } of actor.counterparts) {
    counterparts.append(el("li", {}, link(other.name, { actor: other.id, event: null }, go), ` — ${eventCount} shared event${eventCount === 1 ? "" : "s"}`));
  }
  return el(
    "article",
    { class: "actor-panel", "aria-labelledby": "panel-title" },
    el("h2", { id: "panel-title", tabindex: "-1" }, actor.name),
    el("p", {}, [actor.kind.toLowerCase(), actor.country].filter(Boolean).join(", "), ` · ${count} event${count === 1 ? "" : "s"} in this view, on the map and the timeline`),
    actor.description ? el("p", {}, actor.description) : null,
    actor.aliases.length ? el("p", {}, "Also: ", actor.aliases.join(", ")) : null,
    el("h3", {}, "Positions held"),
    actor.positions.length ? positionsOverTime(actor.positions) : el("p", {}, "None known."),
    el("h3", {}, "Met most often"),
    actor.counterparts.length ? counterparts : el("p", {}, "Nobody yet."),
  );
}

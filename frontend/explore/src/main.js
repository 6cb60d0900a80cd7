// The explorer's page: filters, map, timeline and panel kept in step with the URL's query string.
// Every change goes through `go`, which writes the URL and redraws what depends on what changed.

import "leaflet/dist/leaflet.css";
import "./explore.css";
import * as api from "./api.js";
import { el } from "./dom.js";
import { EventMap } from "./map.js";
import { actorPanel, eventPanel } from "./panel.js";
import { KINDS, STATUSES, eventFilter, readState, writeState } from "./state.js";
import { Timeline } from "./timeline.js";

const $ = (selector) => document.querySelector(selector);
const form = $("#filters");
const panel = $("#panel");
const status = $("#status");
let state = readState(location.search);
let drawn = null;
// Each render's number: an answer that arrives after a newer render started is dropped.
let renders = 0;

const map = new EventMap($("#map"), document.body.dataset.outlines, (id) => go({ event: id }));
const timeline = new Timeline($("#timeline"), (id) => go({ event: id }), (from, to) => go({ from, to }));

function checkboxes(name, values) {
  const fieldset = form.querySelector(`fieldset[data-name="${name}"]`);
  for (const value of values) {
    const input = el("input", { type: "checkbox", name, value, id: `${name}-${value}` });
    fieldset.append(el("label", { for: input.id }, input, el("span", { class: `swatch ${name}-${value}` }), value.toLowerCase()));
  }
}

async function options() {
  const [actors, topics] = await Promise.all([api.actors(), api.topics()]);
  const actorSelect = form.elements.actor;
  for (const actor of actors.nodes) actorSelect.append(el("option", { value: actor.id }, `${actor.name} (${actor.kind.toLowerCase()})`));
  const topicSelect = form.elements.topic;
  for (const topic of topics.nodes) topicSelect.append(el("option", { value: topic.slug }, `${topic.label} (${topic.eventCount})`));
}

/** The form shows `state`. */
function fill() {
  form.elements.actor.value = state.actor ?? "";
  form.elements.topic.value = state.topic ?? "";
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = (box.name === "kind" ? state.kinds : state.statuses).includes(box.value);
  }
  form.elements.from.value = state.from ?? "";
  form.elements.to.value = state.to ?? "";
}

function fromForm() {
  const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
  return {
    actor: form.elements.actor.value || null,
    topic: form.elements.topic.value || null,
    kinds: checked("kind"),
    statuses: checked("status"),
    from: form.elements.from.value || null,
    to: form.elements.to.value || null,
  };
}

/** Change the view by `changes`, write it to the URL (a new history entry) and redraw. */
function go(changes) {
  state = { ...state, ...changes };
  history.pushState(null, "", `${location.pathname}${writeState(state)}`);
  render();
}

async function render() {
  const ticket = ++renders;
  fill();
  const context = JSON.stringify(eventFilter(state, { dates: false }));
  const mapped = JSON.stringify({ ...eventFilter(state), located: true });
  const key = `${context}|${mapped}`;
  document.body.setAttribute("aria-busy", "true");
  try {
    if (drawn?.key !== key) {
      status.textContent = "Loading events…";
      const [all, located] = await Promise.all([api.events(JSON.parse(context)), api.events(JSON.parse(mapped))]);
      if (ticket !== renders) return;
      drawn = { key, all, located };
      const markers = map.show(located.nodes);
      timeline.show(all.nodes, { from: state.from, to: state.to });
      const undated = all.nodes.filter((event) => !event.start).length;
      status.textContent =
        `${located.totalCount} event${located.totalCount === 1 ? "" : "s"} on the map at ${markers} place${markers === 1 ? "" : "s"}` +
        ` · ${all.totalCount} in the timeline's view` +
        (undated ? `, ${undated} undated (not drawn)` : "") +
        (state.from || state.to ? ` · dates ${state.from ?? "…"} to ${state.to ?? "…"}` : "");
      document.body.dataset.mapped = String(located.totalCount);
    }
    await renderPanel(ticket);
  } catch (error) {
    if (ticket === renders) status.textContent = `Could not load: ${error.message}`;
  } finally {
    if (ticket === renders) document.body.removeAttribute("aria-busy");
  }
}

/** Mark the event of the panel on the map and the timeline. */
function highlight(id) {
  for (const marked of document.querySelectorAll(".selected")) marked.classList.remove("selected");
  if (id) for (const shown of document.querySelectorAll(`[data-event="${CSS.escape(id)}"]`)) shown.classList.add("selected");
}

async function renderPanel(ticket) {
  highlight(state.event);
  if (state.event) {
    const event = await api.event(state.event);
    if (ticket !== renders) return;
    panel.replaceChildren(event ? eventPanel(event, go) : el("p", {}, "No such event."));
  } else if (state.actor) {
    const actor = await api.actor(state.actor);
    if (ticket !== renders) return;
    panel.replaceChildren(actor ? actorPanel(actor, drawn.all.totalCount, go) : el("p", {}, "No such actor."));
  } else {
    panel.replaceChildren(el("p", { class: "hint" }, "Choose an event on the map or the timeline, or an actor in the filters."));
    return;
  }
  // On a phone the panel is below the map: taking the focus also brings it into sight.
  $("#panel-title")?.focus();
}

checkboxes("kind", KINDS);
checkboxes("status", STATUSES);
form.addEventListener("change", () => go({ ...fromForm(), event: null }));
form.addEventListener("submit", (submit) => submit.preventDefault());
form.addEventListener("reset", (reset) => {
  reset.preventDefault();
  go({ actor: null, topic: null, kinds: [], statuses: [], from: null, to: null, event: null });
});
window.addEventListener("popstate", () => {
  state = readState(location.search);
  render();
});
options()
  .catch((error) => {
    status.textContent = `Could not load the filters: ${error.message}`;
  })
  .then(render);

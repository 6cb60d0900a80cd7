// The view's state and the URL's query string, one for the other, so that a view can be shared:
//   ?actor=<ID>&topic=<slug>&kind=MEETING&kind=CALL&status=OCCURRED&from=2023-06-01&to=2023-06-30&event=<ID>

export const KINDS = ["MEETING", "CALL", "VISIT", "SUMMIT"];
export const STATUSES = ["OCCURRED", "PLANNED", "EXPECTED", "POSTPONED", "CANCELLED"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The state a query string holds; values the API would refuse are dropped. */
export function readState(search) {
  const params = new URLSearchParams(search);
  const day = (name) => (DAY.test(params.get(name) ?? "") ? params.get(name) : null);
  return {
    actor: params.get("actor") || null,
    topic: params.get("topic") || null,
    kinds: params.getAll("kind").filter((kind) => KINDS.includes(kind)),
    statuses: params.getAll("status").filter((status) => STATUSES.includes(status)),
    from: day("from"),
    to: day("to"),
    event: params.get("event") || null,
  };
}

/** The query string of `state` ("" when nothing is chosen). */
export function writeState(state) {
  const params = new URLSearchParams();
  if (state.actor) params.set("actor", state.actor);
  if (state.topic) params.set("topic", state.topic);
  for (const kind of state.kinds) params.append("kind", kind);
  for (const status of state.statuses) params.append("status", status);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.event) params.set("event", state.event);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API's EventFilterInput for `state`; `dates: false` leaves the date range out (the timeline's
 * context, on which the range is brushed). */
export function eventFilter(state, { dates = true } = {}) {
  const filter = {};
  if (state.actor) filter.actors = [state.actor];
  if (state.topic) filter.topics = [state.topic];
  if (state.kinds.length) filter.kinds = state.kinds;
  if (state.statuses.length) filter.statuses = state.statuses;
  if (dates && state.from) filter.from = state.from;
  if (dates && state.to) filter.to = state.to;
  return filter;
}

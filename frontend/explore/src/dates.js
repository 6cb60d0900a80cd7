// The API's dates are as precise as their evidence: "2023", "2023-06" or "2023-06-18". These helpers
// turn them into the span of days they stand for, and back into words.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const DAY_MS = 86_400_000;

/** The first day `text` can mean, in milliseconds since the epoch (UTC). */
export function firstDay(text) {
  const [year, month = 1, day = 1] = text.split("-").map(Number);
  return Date.UTC(year, month - 1, day);
}

/** The last day `text` can mean (the 30th of "2023-06", the 31 December of "2023"). */
export function lastDay(text) {
  const parts = text.split("-").map(Number);
  if (parts.length === 3) return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  if (parts.length === 2) return Date.UTC(parts[0], parts[1], 0);
  return Date.UTC(parts[0], 11, 31);
}

/** The days an event covers, `[first, last]`, or null when it is undated. */
export function span(event) {
  if (!event.start) return null;
  return [firstDay(event.start), lastDay(event.end ?? event.start)];
}

/** A date in words at its own precision: "18 Jun 2023", "Jun 2023", "2023". */
export function words(text) {
  const [year, month, day] = text.split("-");
  if (day) return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
  if (month) return `${MONTHS[Number(month) - 1]} ${year}`;
  return year;
}

/** An event's dates in words, with its precision: "18 Jun 2023 – 19 Jun 2023 (day)", "undated". */
export function eventDates(event) {
  if (!event.start) return "undated";
  const range = event.end && event.end !== event.start ? `${words(event.start)} – ${words(event.end)}` : words(event.start);
  return `${range} (${(event.datePrecision ?? "day").toLowerCase()})`;
}

/** `ms` as an ISO day, "2023-06-18". */
export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The month label of `ms` for an axis: "Jun 2023". */
export function monthLabel(ms) {
  const date = new Date(ms);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

// The map: country outlines from world-atlas (Natural Earth, served beside this bundle; no tile
// server), and one marker per venue holding a dot per event held there, coloured by kind and drawn by
// status (see explore.css). A venue without a point of its own is drawn at its parent's.

import L from "leaflet";
import { feature } from "topojson-client";
import { eventDates } from "./dates.js";
import { el } from "./dom.js";

/** The point an event is drawn at, `[lat, lng]`, or null when neither its venue nor the place the
 * venue lies in has one (the API's `located: false`). */
export function pointOf(event) {
  const venue = event.venue;
  if (!venue) return null;
  if (venue.latitude != null && venue.longitude != null) return [venue.latitude, venue.longitude];
  const parent = venue.parent;
  if (parent?.latitude != null && parent?.longitude != null) return [parent.latitude, parent.longitude];
  return null;
}

/** `geometry` with each ring's longitudes made continuous: a country across the antimeridian (the east
 * of Russia, Fiji) then runs past 180° instead of drawing a line across the whole map. */
function unwrapped(geometry) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lng, lat], index) => {
      if (index > 0) {
        const step = lng - points[index - 1][0];
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
      }
      return [lng + shift, lat];
    });
  };
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(ring) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
  }
  return geometry;
}

export class EventMap {
  /** A map in `container`; `onOpen(eventId)` is called when an event is chosen. */
  constructor(container, outlinesUrl, onOpen) {
    this.onOpen = onOpen;
    this.map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
    this.map.attributionControl.setPrefix(false).addAttribution("Outlines: Natural Earth via world-atlas");
    this.map.setView([30, 10], 2);
    this.markers = L.layerGroup().addTo(this.map);
    this.outlines = fetch(outlinesUrl)
      .then((response) => response.json())
      .then((topology) => {
        const countries = feature(topology, topology.objects.countries);
        for (const country of countries.features) country.geometry = country.geometry && unwrapped(country.geometry);
        L.geoJSON(countries, { interactive: false, className: "country" }).addTo(this.map).bringToBack();
      });
  }

  /** Draw `events` (those without a point are left out), grouped by the point they are drawn at. */
  show(events) {
    this.markers.clearLayers();
    const byPlace = new Map();
    for (const event of events) {
      const point = pointOf(event);
      if (!point) continue;
      const key = point.join(",");
      if (!byPlace.has(key)) byPlace.set(key, { point, venues: new Set(), events: [] });
      byPlace.get(key).venues.add(event.venue.name);
      byPlace.get(key).events.push(event);
    }
    const points = [];
    for (const { point, venues, events: held } of byPlace.values()) {
      points.push(point);
      this.markers.addLayer(this.venueMarker(point, [...venues].join(", "), held));
    }
    if (points.length) this.map.fitBounds(points, { padding: [40, 40], maxZoom: 6 });
    return points.length;
  }

  venueMarker(point, name, held) {
    const columns = Math.ceil(Math.sqrt(held.length));
    // The icon is HTML: only the API's enum values and opaque IDs (letters, digits, "-_=") go into it.
    const safe = (text) => String(text).replace(/[^\w=-]/g, "");
    const dots = held.map(
      (event) =>
        `<span class="event-marker kind-${safe(event.kind)} status-${safe(event.status)}" data-event="${safe(event.id)}"></span>`,
    );
    const size = columns * 14 + 6;
    const icon = L.divIcon({
      className: "venue-cluster",
      html: `<span class="dots" style="grid-template-columns: repeat(${columns}, 12px)">${dots.join("")}</span>`,
      iconSize: [size, size],
    });
    const label = `${name}: ${held.length} event${held.length === 1 ? "" : "s"}`;
    const marker = L.marker(point, { icon, title: label, alt: label, keyboard: true, riseOnHover: true });
    marker.bindPopup(() => this.popup(name, held), { maxWidth: 320 });
    // The list takes the focus, so that a keyboard goes on from the marker into it (Escape closes it).
    marker.on("popupopen", (opened) => opened.popup.getElement()?.querySelector("button")?.focus());
    return marker;
  }

  popup(name, held) {
    const list = el("ul", { class: "popup-events" });
    for (const event of held) {
      const button = el("button", { type: "button", class: `link kind-${event.kind}` }, event.title);
      button.addEventListener("click", () => this.onOpen(event.id));
      list.append(el("li", {}, button, el("small", {}, ` ${eventDates(event)} · ${event.status.toLowerCase()}`)));
    }
    return el("div", {}, el("strong", {}, name), list);
  }
}

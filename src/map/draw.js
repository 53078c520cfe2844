// What draws a map with Leaflet, for map.js: a module of its own, loaded
// with Leaflet only when a map is first shown. Leaflet (`L`) and
// topojson-client (`topojson`) are globals by then.

const VENDOR = '/vendor/map';

let basemap = null;
function loadBasemap() {
  if (!basemap) {
    basemap = fetch(`${VENDOR}/world-atlas/countries.json`)
      .then((r) => { if (!r.ok) throw new Error(`basemap: ${r.status}`); return r.json(); })
      .then((topo) => unwrap(topojson.feature(topo, topo.objects.countries)))
      .catch((e) => { basemap = null; throw e; });
  }
  return basemap;
}

/**
 * A shape that crosses the antimeridian (Russia's far east, Fiji) has
 * neighbouring points at 179.9° and -179.9°; drawn as they are, the edge
 * between them crosses the whole world, a stray band. Each ring is made
 * continuous instead: a point more than half the world from the one
 * before is moved a whole turn, so Chukotka is drawn at 190°, beside the
 * rest of Russia. (Antarctica's ring goes round the world on purpose.)
 */
export function unwrap(collection) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lon, lat], i) => {
      if (i > 0) {
        const before = points[i - 1][0];
        if (lon - before > 180) shift -= 360;
        else if (before - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map(ring);
    else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map(ring));
  }
  return collection;
}

/**
 * Names the largest towns and cities in view, from the server's own
 * gazetteer, on a map without tiles (which would have names of their
 * own): a beige land with a pin says little about where it is. Asked
 * again when the view settles; the labels are for eyes (the page lists
 * the same colleges in text) and never cover one another.
 */
function namePlaces(handle) {
  const { map } = handle;
  const layer = L.layerGroup().addTo(map);
  let asked = 0;
  let timer = null;
  const draw = (places) => {
    layer.clearLayers();
    const taken = [];
    for (const p of places) {
      const at = map.latLngToContainerPoint([p.lat, p.lon]);
      // Room for a name beside its dot: no two within a label's size.
      if (taken.some((q) => Math.abs(q.x - at.x) < 110 && Math.abs(q.y - at.y) < 26)) continue;
      taken.push(at);
      L.marker([p.lat, p.lon], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: 'map-place',
          html: `<span class="map-place-dot" aria-hidden="true"></span><span class="map-place-label" aria-hidden="true">${escapeHtml(p.name)}</span>`,
          iconSize: null,
        }),
      }).addTo(layer);
    }
    handle.el.dataset.places = String(taken.length);
  };
  const ask = () => {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const south = clamp(b.getSouth(), -90, 90), north = clamp(b.getNorth(), -90, 90);
    // A view wider than the world, or past its edge, asks for all of it
    // that shows (the labels are drawn where the points are).
    const west = clamp(b.getWest(), -180, 180), east = clamp(b.getEast(), -180, 180);
    if (west >= east || south >= north) { draw([]); return; }
    const n = ++asked;
    const bbox = [south, west, north, east].map((v) => v.toFixed(4)).join(',');
    fetch(`/api/map/places?bbox=${bbox}&limit=40`)
      .then((r) => (r.ok ? r.json() : []))
      .then((places) => { if (n === asked) draw(places); })
      .catch(() => { /* the map still works without its names */ });
  };
  map.on('moveend', () => { clearTimeout(timer); timer = setTimeout(ask, 150); });
  ask();
}

/** The zoom at which the world (256 px wide at zoom 0) fills the map's width. */
function worldZoom(el) {
  const width = el.clientWidth || 256;
  return Math.max(0, Math.floor(Math.log2(width / 256) * 4) / 4);
}

function escapeHtml(s) {
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(s).replace(/[&<>"']/g, (c) => entities[c]);
}

function text(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = content;
  return el;
}

/** The town most of a cluster's colleges are in, for its label. */
function commonTown(markers) {
  const counts = new Map();
  let best = '', bestCount = 0;
  for (const m of markers) {
    const town = m.options.town;
    const n = (counts.get(town) || 0) + 1;
    counts.set(town, n);
    if (n > bestCount) { best = town; bestCount = n; }
  }
  return best;
}

/**
 * Makes a map in `el`. `config` is the server's MapConfig; `labels` the
 * translated strings: {zoomIn, zoomOut, clusterLabel: "… {count} … {town}",
 * attribution, openCollege}. Returns a handle for the other functions.
 */
export function createMap(el, configJson, labelsJson) {
  const config = JSON.parse(configJson);
  const labels = JSON.parse(labelsJson);
  // On a right-to-left page the controls mirror, as the page does.
  const rtl = document.documentElement.dir === 'rtl';
  const map = L.map(el, {
    preferCanvas: true,
    worldCopyJump: true,
    // Each zoom level is a level of clusters to work out on every filter
    // change: 0 (the whole world on a phone) to 12 (a town) is all a
    // directory needs. Quarter steps let the world fill a phone's width.
    minZoom: 0,
    maxZoom: 12,
    zoomSnap: 0.25,
    zoomControl: false,
    attributionControl: false,
  });
  map.setView([30, 0], worldZoom(el), { animate: false });
  L.control.zoom({
    zoomInTitle: labels.zoomIn,
    zoomOutTitle: labels.zoomOut,
    position: rtl ? 'topright' : 'topleft',
  }).addTo(map);
  // (Kept where Leaflet looks for it, so a tile layer credits its source.)
  map.attributionControl = L.control.attribution({ prefix: false, position: rtl ? 'bottomleft' : 'bottomright' }).addTo(map);

  if (config.tile_url) {
    L.tileLayer(config.tile_url, { attribution: config.tile_attribution }).addTo(map);
  } else {
    map.attributionControl.addAttribution(labels.attribution);
    loadBasemap().then((countries) => {
      L.geoJSON(countries, {
        interactive: false,
        style: { color: '#8a9aa6', weight: 0.7, fillColor: '#f4f1e8', fillOpacity: 1 },
      }).addTo(map).bringToBack();
    }).catch(() => { /* the markers still work without a basemap */ });
  }

  // The zoom, for tests and the benchmark (as data-markers says the count).
  const noteZoom = () => { el.dataset.zoom = String(map.getZoom()); };
  map.on('zoomend', noteZoom);
  noteZoom();
  const handle = { map, labels, el, place: null, expected: 0 };
  if (!config.tile_url) namePlaces(handle);
  // Chunked loading keeps the page responsive with thousands of markers;
  // when the last chunk is in, the map says how many it shows (tests and
  // the benchmark wait for this).
  const markersDrawn = () => requestAnimationFrame(() => {
    el.dataset.markers = String(handle.expected);
    el.dispatchEvent(new CustomEvent('markersdrawn'));
  });
  handle.markersDrawn = markersDrawn;
  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    // (Adding the group to the map reports an empty first load: not news.)
    chunkProgress(done, total) { if (total > 0 && done === total) markersDrawn(); },
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction(cluster) {
      const count = cluster.getChildCount();
      const town = commonTown(cluster.getAllChildMarkers());
      // As the app's own messages: on a right-to-left page each value is
      // isolated, so a Latin town keeps its place among Arabic words.
      const iso = document.documentElement.dir === 'rtl' ? (v) => `\u2068${v}\u2069` : (v) => `${v}`;
      const label = labels.clusterLabel.replace('{count}', iso(count)).replace('{town}', iso(town));
      return L.divIcon({
        // The label is the icon's accessible name; the number is for eyes.
        html: `<span aria-hidden="true">${count}</span><span class="visually-hidden">${escapeHtml(label)}</span>`,
        className: 'college-cluster',
        iconSize: L.point(40, 40),
      });
    },
  });
  // Our markers never move and are not draggable, so the group need not
  // listen to each one's drag and move events. Leaving them out saves
  // adding and removing 30,000 listeners when the filters change with
  // 10,000 colleges (a third of the time of the largest change).
  clusters._childMarkerEventHandlers = {};
  map.addLayer(clusters);
  handle.clusters = clusters;
  return handle;
}

/**
 * Gives the map every college it may show (`pointsJson`: [{slug, name,
 * locality, country_name, lat, lon}]). Markers are made once, here; the
 * filters then only choose among them (showPoints).
 */
export function setAllPoints(handle, pointsJson) {
  const { labels } = handle;
  handle.all = JSON.parse(pointsJson).map((p) => {
    const m = L.marker([p.lat, p.lon], { title: p.name, alt: p.name, keyboard: true, town: p.locality });
    m.bindPopup(() => {
      const box = document.createElement('div');
      box.className = 'map-popup';
      box.appendChild(text('p', 'map-popup-name', p.name));
      box.appendChild(text('p', 'map-popup-place', `${p.locality}, ${p.country_name}`));
      const a = text('a', 'map-popup-link', labels.openCollege);
      a.href = `/colleges/${encodeURIComponent(p.slug)}`;
      // Followed by the public app's router: no page load.
      box.appendChild(a);
      return box;
    });
    return m;
  });
}

/** Shows the colleges at `indexes` (into setAllPoints' list); if `fit`, all in view. */
export function showPoints(handle, indexes, fit) {
  const { map, clusters, el } = handle;
  const markers = Array.from(indexes, (i) => handle.all[i]).filter(Boolean);
  delete el.dataset.markers;
  handle.expected = markers.length;
  // Clear, then fit, then add: the clusters are worked out once, at the
  // final zoom (fitting with the old markers in re-clusters them all).
  clusters.clearLayers();
  if (fit) {
    const targets = markers.map((m) => m.getLatLng());
    if (handle.place) targets.push(handle.place.getLatLng());
    if (targets.length > 0) {
      map.fitBounds(L.latLngBounds(targets), { padding: [30, 30], maxZoom: 10, animate: false });
    } else {
      map.setView([30, 0], worldZoom(el), { animate: false });
    }
  }
  if (markers.length > 0) clusters.addLayers(markers); else handle.markersDrawn();
}

/** Marks the place distances are measured from (or removes it: lat = NaN). */
export function setPlace(handle, lat, lon, label) {
  if (handle.place) { handle.map.removeLayer(handle.place); handle.place = null; }
  if (Number.isNaN(lat)) return;
  handle.place = L.circleMarker([lat, lon], {
    radius: 9, color: '#1b1b1b', weight: 3, fillColor: '#ffdd00', fillOpacity: 1, interactive: false,
  }).bindTooltip(label, { permanent: false }).addTo(handle.map);
}

export function destroyMap(handle) {
  handle.map.remove();
}

// What draws a map with Leaflet, for map.js: a module of its own, loaded
// with Leaflet only when a map is first shown. Leaflet (`L`) and
// topojson-client (`topojson`) are globals by then.

const VENDOR = '/vendor/map';

let basemap = null;
function loadBasemap() {
  if (!basemap) {
    basemap = fetch(`${VENDOR}/world-atlas/countries.json`)
      .then((r) => { if (!r.ok) throw new Error(`basemap: ${r.status}`); return r.json(); })
      .then((topo) => topojson.feature(topo, topo.objects.countries))
      .catch((e) => { basemap = null; throw e; });
  }
  return basemap;
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
  const map = L.map(el, {
    preferCanvas: true,
    worldCopyJump: true,
    // Each zoom level is a level of clusters to work out on every filter
    // change: 0 (the whole world on a phone) to 12 (a town) is all a
    // directory needs.
    minZoom: 0,
    maxZoom: 12,
    zoomControl: false,
    attributionControl: true,
  }).setView([30, 0], 2);
  L.control.zoom({ zoomInTitle: labels.zoomIn, zoomOutTitle: labels.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);

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

  const handle = { map, labels, el, place: null, expected: 0 };
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
      map.setView([30, 0], 2, { animate: false });
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

// Thin bindings between the app and Leaflet. Leaflet, its marker clusters,
// topojson-client and the basemap are files on our own origin (copied from
// npm by scripts/vendor-map.sh) and load only when a map is first shown.
//
// This file is all of the map a page loads at first (wasm-bindgen imports
// it with the app); what draws a map is in draw.js, loaded with Leaflet, so
// a page whose map is never shown (a phone's list) does not fetch it.

const VENDOR = '/vendor/map';
// Where index.html has trunk copy draw.js (an absolute path: every app
// shares the one copy).
const DRAW = '/map/draw.js';
let loading = null;
let draw = null;

function addScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

function addStyle(href) {
  const l = document.createElement('link');
  l.rel = 'stylesheet';
  l.href = href;
  document.head.appendChild(l);
}

/**
 * Resolves once `el` is within 200 px of the viewport: a map far
 * down a page (a college's) loads Leaflet and the basemap only for someone
 * who scrolls to it, not on every visit, on poor signal too.
 */
export function whenNear(el) {
  return new Promise((resolve) => {
    if (!('IntersectionObserver' in window)) { resolve(); return; }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { observer.disconnect(); resolve(); }
    }, { rootMargin: '200px 0px' });
    observer.observe(el);
  });
}

/** Loads Leaflet, its friends and draw.js once; later calls share the same promise. */
export function loadMap() {
  if (!loading) {
    addStyle(`${VENDOR}/leaflet/leaflet.css`);
    addStyle(`${VENDOR}/leaflet.markercluster/MarkerCluster.css`);
    // draw.js uses Leaflet only when called, so it comes alongside.
    loading = Promise.all([
      addScript(`${VENDOR}/leaflet/leaflet.js`).then(() => Promise.all([
        addScript(`${VENDOR}/leaflet.markercluster/leaflet.markercluster.js`),
        addScript(`${VENDOR}/topojson-client/topojson-client.min.js`),
      ])),
      import(DRAW).then((module) => { draw = module; }),
    ]).catch((e) => { loading = null; throw e; });
  }
  return loading;
}

// The app calls these only once loadMap has resolved.
export const createMap = (...args) => draw.createMap(...args);
export const setAllPoints = (...args) => draw.setAllPoints(...args);
export const showPoints = (...args) => draw.showPoints(...args);
export const setPlace = (...args) => draw.setPlace(...args);
export const destroyMap = (...args) => draw.destroyMap(...args);


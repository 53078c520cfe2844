#!/usr/bin/env bash
# Copies the map's third-party files from node_modules into public/vendor/map,
# which trunk copies into dist/: Leaflet, its marker clusters, topojson-client
# and Natural Earth country shapes (simplified by scripts/basemap.mjs), each
# with its licence. Served from our own origin, so the map asks nobody else
# for anything.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/vendor/map
rm -rf "$out"
mkdir -p "$out"/{leaflet,leaflet.markercluster,topojson-client,world-atlas}
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$out/leaflet/"
cp -r node_modules/leaflet/dist/images "$out/leaflet/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/leaflet.markercluster/"
cp node_modules/topojson-client/dist/topojson-client.min.js node_modules/topojson-client/LICENSE "$out/topojson-client/"
cp node_modules/world-atlas/LICENSE "$out/world-atlas/"
node scripts/basemap.mjs "$out/world-atlas/countries.json"

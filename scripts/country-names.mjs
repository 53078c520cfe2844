// Writes server/data/country-names.json: every country's name in each of
// the public languages but English, from the CLDR data of Node's ICU
// (Intl.DisplayNames, as the app asks the browser). The server has no Intl,
// and the first HTML it sends should name countries as the app will.
// Run again after a Node (ICU) upgrade: node scripts/country-names.mjs
import fs from 'node:fs';

const codes = [...fs.readFileSync('api/src/countries_data.rs', 'utf8').matchAll(/\("([A-Z]{2})", "/g)].map((m) => m[1]);
const langs = fs.readdirSync('locales').filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const out = { '@source': `CLDR ${process.versions.cldr} (ICU ${process.versions.icu}), through Node ${process.version}'s Intl.DisplayNames` };
for (const tag of langs) {
  if (tag === 'en') continue;
  const names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
  out[tag] = {};
  for (const code of codes) {
    const name = names.of(code);
    if (name && name !== code) out[tag][code] = name;
  }
}
fs.writeFileSync('server/data/country-names.json', JSON.stringify(out, null, 0) + '\n');
console.log(`server/data/country-names.json: ${codes.length} codes, ${Object.keys(out).length - 1} languages`);

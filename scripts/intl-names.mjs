// Writes server/data/intl-names.json: what the app asks the browser's Intl
// for, in each public language, from the CLDR data of Node's ICU, for the
// first HTML the server sends (the server has no Intl):
// - countries: every country's name (English's are api's own table);
// - languages: the name of each language CLDR names with a two-letter code,
//   and of a few common tags with a script or region (pt-BR, zh-Hant);
// - months: "November {y}" for each month (the app's month);
// - days: "{d} November {y}" for each month (the app's date).
// Each pattern is checked against every day of a year before it is written.
// Run again after a Node (ICU) upgrade: node scripts/intl-names.mjs
import fs from 'node:fs';

const countries = [...fs.readFileSync('api/src/countries_data.rs', 'utf8').matchAll(/\("([A-Z]{2})", "/g)].map((m) => m[1]);
const langs = fs.readdirSync('locales').filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const letters = 'abcdefghijklmnopqrstuvwxyz';
const languages = [];
for (const a of letters) {
  for (const b of letters) {
    const code = a + b;
    const name = english.of(code);
    if (name && name !== code) languages.push(code);
  }
}
languages.push('pt-BR', 'pt-PT', 'zh-Hans', 'zh-Hant', 'en-GB', 'en-US', 'es-419', 'fr-CA', 'sr-Latn');

const YEAR = 2026;
function pattern(tag, month, day) {
  const options = { year: 'numeric', month: 'long', timeZone: 'UTC' };
  if (day) options.day = 'numeric';
  const text = new Date(Date.UTC(YEAR, month - 1, day || 1)).toLocaleDateString(tag, options);
  return { text, options };
}
function fill(p, y, d) {
  return p.replace('{y}', String(y)).replace('{d}', String(d));
}
function placeholders(tag, month, day) {
  const { text } = pattern(tag, month, day);
  if (text.split(String(YEAR)).length !== 2) throw new Error(`${tag}: the year is not written once in ${text}`);
  let p = text.replace(String(YEAR), '{y}');
  if (day) {
    if (p.split(String(day)).length !== 2) throw new Error(`${tag}: the day is not written once in ${text}`);
    p = p.replace(String(day), '{d}');
  }
  return p;
}

const out = { '@source': `CLDR ${process.versions.cldr} (ICU ${process.versions.icu}), through Node ${process.version}'s Intl` };
for (const tag of langs) {
  const entry = { countries: {}, languages: {}, months: [], days: [] };
  if (tag !== 'en') {
    const names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
    for (const code of countries) {
      const name = names.of(code);
      if (name && name !== code) entry.countries[code] = name;
    }
  }
  const names = new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' });
  for (const code of languages) {
    const name = names.of(code);
    if (name && name !== code) entry.languages[code] = name;
  }
  for (let month = 1; month <= 12; month++) {
    const monthly = placeholders(tag, month, 0);
    // 23: two digits, in no month's number and not in the year.
    const daily = placeholders(tag, month, 23);
    // The same words for every day and another year, or the pattern is wrong.
    for (let day = 1; day <= 28; day++) {
      const want = new Date(Date.UTC(1999, month - 1, day)).toLocaleDateString(tag, pattern(tag, month, day).options);
      if (fill(daily, 1999, day) !== want) throw new Error(`${tag}: ${daily} does not give ${want}`);
    }
    const want = new Date(Date.UTC(1999, month - 1, 1)).toLocaleDateString(tag, pattern(tag, month, 0).options);
    if (fill(monthly, 1999, 0) !== want) throw new Error(`${tag}: ${monthly} does not give ${want}`);
    entry.months.push(monthly);
    entry.days.push(daily);
  }
  out[tag] = entry;
}
fs.writeFileSync('server/data/intl-names.json', JSON.stringify(out, null, 0) + '\n');
console.log(`server/data/intl-names.json: ${langs.length} languages; ${countries.length} countries, ${languages.length} language codes, 12 months`);

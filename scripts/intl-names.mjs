// Writes src/i18n/intl-names.json: what the app asks the browser's Intl
// for, in each public language, as Chromium's Intl answers (Debian's
// Chromium, through Playwright: the browser the pages are tested in; Node's
// ICU names some places differently), for the first HTML the server draws
// with the app's components (natively, where there is no Intl; see
// src/i18n/intl.rs):
// - countries: every country's name (English's are api's own table);
// - languages: the name of each language CLDR names with a two-letter code,
//   and of a few common tags with a script or region (pt-BR, zh-Hant);
// - months: "November {y}" for each month (the app's month);
// - days: "{d} November {y}" for each month (the app's date);
// - number: the group and decimal separators, and whether a four-digit
//   number is grouped (Polish and Italian write 1234, 12 345);
// - list: how a list is joined ("a, b and c", "a وb وc", "a、b和c").
// Each pattern is checked against every day of a year before it is written.
// Run again after a Chromium upgrade: node scripts/intl-names.mjs
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const countries = [...fs.readFileSync('api/src/countries_data.rs', 'utf8').matchAll(/\("([A-Z]{2})", "/g)].map((m) => m[1]);
const langs = fs.readdirSync('locales').filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

function names({ countries, langs }) {
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

  function number(tag) {
    const parts = new Intl.NumberFormat(tag, { minimumFractionDigits: 1 }).formatToParts(1234567.5);
    const part = (type) => parts.find((p) => p.type === type).value;
    const digits = new Intl.NumberFormat(tag, { useGrouping: false }).format(1234567890);
    if (digits !== '1234567890') throw new Error(`${tag}: digits other than 0 to 9 (${digits})`);
    const entry = { group: part('group'), decimal: part('decimal'), group_four: new Intl.NumberFormat(tag).format(1234) !== '1234' };
    // Checked as the app will write them.
    const write = (n, fraction) => {
      let [whole, decimals] = n.toFixed(fraction).split('.');
      const grouped = whole.length > 4 || (whole.length === 4 && entry.group_four);
      if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, entry.group);
      return decimals ? whole + entry.decimal + decimals : whole;
    };
    for (const [n, fraction] of [[0, 0], [7, 0], [1234, 0], [10121, 0], [123456789, 0], [3.2, 1], [1000.5, 1]]) {
      const want = new Intl.NumberFormat(tag, { minimumFractionDigits: fraction, maximumFractionDigits: fraction }).format(n);
      if (write(n, fraction) !== want) throw new Error(`${tag}: ${write(n, fraction)} is not ${want}`);
    }
    return entry;
  }

  // CLDR's list patterns (Intl.ListFormat, conjunction) as the
  // separators between items, checked on lists of one to six.
  function list(tag) {
    const format = new Intl.ListFormat(tag, { type: 'conjunction' });
    const marks = ['\u0001', '\u0002', '\u0003', '\u0004'];
    const between = (text, a, b) => text.slice(text.indexOf(a) + 1, text.indexOf(b));
    const four = format.format(marks);
    const two = format.format(marks.slice(0, 2));
    if (!four.startsWith(marks[0]) || !four.endsWith(marks[3]) || !two.startsWith(marks[0]) || !two.endsWith(marks[1])) {
      throw new Error(`${tag}: a list pattern with words around the items`);
    }
    const entry = { two: between(two, marks[0], marks[1]), start: between(four, marks[0], marks[1]),
      middle: between(four, marks[1], marks[2]), end: between(four, marks[2], marks[3]) };
    const write = (items) => items.map((item, i) => (i === 0 ? '' : items.length === 2 ? entry.two
      : i === 1 ? entry.start : i === items.length - 1 ? entry.end : entry.middle) + item).join('');
    for (let n = 1; n <= 6; n++) {
      const items = ['email', 'who can enrol', 'phone', 'website', 'x', 'y'].slice(0, n);
      if (write(items) !== format.format(items)) throw new Error(`${tag}: ${write(items)} is not ${format.format(items)}`);
    }
    return entry;
  }

  const out = { '@source': `Intl of ${navigator.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent}` };
  for (const tag of langs) {
    const entry = { countries: {}, languages: {}, months: [], days: [], number: number(tag), list: list(tag) };
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
  return out;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const out = await page.evaluate(names, { countries, langs });
await browser.close();
fs.writeFileSync('src/i18n/intl-names.json', JSON.stringify(out, null, 0) + '\n');
console.log(`src/i18n/intl-names.json: ${langs.length} languages; ${countries.length} countries, ${Object.keys(out.en.languages).length} language names, 12 months (${out["@source"]})`);

//! Plural forms, numbers, dates and country names in the page's language:
//! in the browser from its `Intl`, which carries the CLDR data for every
//! language, so the bundle does not; natively (the server drawing a page's
//! first HTML with the app's components) from the same CLDR data written
//! out by `scripts/intl-names.mjs` (`intl-names.json`, checked there against
//! `Intl`), so both sides write the same words.

use api::languages::Lang;
#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use api::languages::Lang;
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// (language, kind of name, code) to the browser's name, if it has one.
    type Names = Vec<((Lang, &'static str, String), Option<&'static str>)>;
    /// An `Intl.ListFormat` and its `format` method, per language (none
    /// where the browser has no `ListFormat`).
    type Lists = Vec<(Lang, Option<(JsValue, js_sys::Function)>)>;

    // Small lists searched in order rather than hash maps: a page asks for
    // a few formats and at most a few hundred names, and a hash map's
    // code costs every bundle more than the searching costs anyone.
    thread_local! {
        static PLURALS: RefCell<Vec<((Lang, u8), Intl::PluralRules)>> = const { RefCell::new(Vec::new()) };
        static NUMBERS: RefCell<Vec<((Lang, u8), js_sys::Function)>> = const { RefCell::new(Vec::new()) };
        static NAMES: RefCell<Names> = const { RefCell::new(Vec::new()) };
        /// One `Intl.DisplayNames` per language and kind of name: the
        /// enquiry form names all 249 countries, and making one each time
        /// was most of the time it took to draw.
        static DISPLAYS: RefCell<Vec<((Lang, &'static str), Intl::DisplayNames)>> = const { RefCell::new(Vec::new()) };
        /// An `Intl.ListFormat` and its `format` method, per language.
        static LISTS: RefCell<Lists> = const { RefCell::new(Vec::new()) };
    }

    /// The value kept for `key`, made by `make` the first time.
    fn kept<K: PartialEq, V: Clone>(list: &mut Vec<(K, V)>, key: K, make: impl FnOnce() -> V) -> V {
        if let Some((_, v)) = list.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let v = make();
        list.push((key, v.clone()));
        v
    }

    fn locales(lang: Lang) -> Array {
        Array::of1(&lang.tag().into())
    }

    fn options(pairs: &[(&str, JsValue)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &(*k).into(), v);
        }
        o
    }

    pub fn plural(lang: Lang, n: f64, fraction: u8) -> String {
        PLURALS.with(|p| {
            kept(&mut p.borrow_mut(), (lang, fraction), || {
                let o = options(&[("minimumFractionDigits", fraction.into())]);
                Intl::PluralRules::new(&locales(lang), &o)
            })
            .select(n)
            .into()
        })
    }

    pub fn number(lang: Lang, n: f64, fraction: u8) -> String {
        NUMBERS.with(|f| {
            let format = kept(&mut f.borrow_mut(), (lang, fraction), || {
                let o = options(&[
                    ("minimumFractionDigits", fraction.into()),
                    ("maximumFractionDigits", fraction.into()),
                ]);
                Intl::NumberFormat::new(&locales(lang), &o).format()
            });
            format
                .call1(&JsValue::NULL, &n.into())
                .ok()
                .and_then(|v| v.as_string())
                // Never float formatting here: its tables would cost the
                // bundle more than the rest of this file.
                .unwrap_or_else(|| (n.round() as i64).to_string())
        })
    }

    /// `day`: "26 November 2026"; without: "November 2026".
    pub fn date(lang: Lang, y: i32, m: u32, d: Option<u32>) -> String {
        let mut pairs = vec![
            ("year", JsValue::from("numeric")),
            ("month", "long".into()),
            ("timeZone", "UTC".into()),
        ];
        if d.is_some() {
            pairs.push(("day", "numeric".into()));
        }
        let time = js_sys::Date::utc(y as f64, (m - 1) as f64);
        let time = time + (d.unwrap_or(1) as f64 - 1.0) * 86_400_000.0;
        let date = js_sys::Date::new(&time.into());
        date.to_locale_date_string(lang.tag(), &options(&pairs))
            .into()
    }

    /// `items` as one list in `lang`'s words (`Intl.ListFormat`,
    /// conjunction): "email, phone and website", "電子郵件、電話和網站".
    pub fn list(lang: Lang, items: &[String]) -> String {
        let joined = || items.join(", ");
        let Ok(intl) = Reflect::get(&js_sys::global(), &"Intl".into()) else {
            return joined();
        };
        // Older browsers lack Intl.ListFormat: commas then.
        let Some(class) = Reflect::get(&intl, &"ListFormat".into())
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        else {
            return joined();
        };
        let format = LISTS.with(|l| {
            kept(&mut l.borrow_mut(), lang, || {
                let args = Array::of2(&locales(lang), &options(&[("type", "conjunction".into())]));
                Reflect::construct(&class, &args)
                    .ok()
                    .and_then(|f| Reflect::get(&f, &"format".into()).ok().map(|m| (f, m)))
                    .and_then(|(f, m)| m.dyn_into::<js_sys::Function>().ok().map(|m| (f, m)))
            })
        });
        let array: Array = items.iter().map(|i| JsValue::from(i.as_str())).collect();
        format
            .and_then(|(list_format, format)| format.call1(&list_format, &array).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_else(joined)
    }

    /// `code`'s name in `lang` (`Intl.DisplayNames` of `kind`: "region" or
    /// "language"), asked once per code and kept for the page's life.
    pub fn display_name(lang: Lang, kind: &'static str, code: &str) -> Option<&'static str> {
        let key = (lang, kind, code.to_string());
        if let Some(known) = NAMES.with(|n| {
            n.borrow()
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, name)| *name)
        }) {
            return known;
        }
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        // Older browsers lack Intl.DisplayNames: the English names then.
        let name = if Reflect::has(&intl, &"DisplayNames".into()).unwrap_or(false) {
            let display = DISPLAYS.with(|d| {
                kept(&mut d.borrow_mut(), (lang, kind), || {
                    let o = options(&[("type", kind.into()), ("fallback", "none".into())]);
                    Intl::DisplayNames::new(&locales(lang), &o).unchecked_into()
                })
            });
            display
                .of(code)
                .map(String::from)
                .filter(|n| !n.is_empty() && n != code)
                .map(|n| &*Box::leak(n.into_boxed_str()))
        } else {
            None
        };
        NAMES.with(|n| n.borrow_mut().push((key, name)));
        name
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    use api::languages::Lang;
    use api::text::fill;

    #[derive(serde::Deserialize)]
    struct Number {
        group: String,
        decimal: String,
        /// Whether 1234 is grouped (1,234) or not (Polish: 1234, 12 345).
        group_four: bool,
    }

    /// CLDR's list patterns (conjunction), as separators: between the two
    /// items of a pair, after the first of longer lists, between the
    /// middle ones, and before the last.
    #[derive(serde::Deserialize)]
    struct List {
        two: String,
        start: String,
        middle: String,
        end: String,
    }

    #[derive(serde::Deserialize)]
    struct Names {
        #[serde(default)]
        countries: HashMap<String, String>,
        languages: HashMap<String, String>,
        /// "November {y}", by month.
        months: Vec<String>,
        /// "{d} November {y}", by month.
        days: Vec<String>,
        number: Number,
        list: List,
    }

    fn names(lang: Lang) -> &'static Names {
        static ALL: OnceLock<HashMap<String, Names>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            let mut json: serde_json::Value = serde_json::from_str(include_str!("intl-names.json"))
                .expect("intl-names.json reads");
            json.as_object_mut().map(|o| o.remove("@source"));
            serde_json::from_value(json).expect("intl-names.json has every field")
        });
        &all[lang.tag()]
    }

    pub fn plural(lang: Lang, n: f64, fraction: u8) -> String {
        let whole = n.trunc() == n && n >= 0.0;
        let category = if fraction == 0 && whole {
            lang.plural(n as u64)
        } else {
            // Shown with decimals ("1.0 miles"): CLDR's rules for a number
            // with visible fraction digits, in the languages we have.
            match lang {
                Lang::Fr if n < 2.0 => "one",
                Lang::Ar if whole => lang.plural(n as u64),
                Lang::Da if n < 2.0 && n.fract() != 0.0 => "one",
                _ => "other",
            }
        };
        category.to_string()
    }

    pub fn number(lang: Lang, n: f64, fraction: u8) -> String {
        let format = &names(lang).number;
        let text = format!("{:.*}", fraction as usize, n.abs());
        let (whole, decimals) = text.split_once('.').unwrap_or((&text, ""));
        let grouped = whole.len() > 4 || (whole.len() == 4 && format.group_four);
        let mut out = String::new();
        if n < 0.0 && text.bytes().any(|b| b != b'0' && b != b'.') {
            out.push('-');
        }
        for (i, ch) in whole.chars().enumerate() {
            if grouped && i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push_str(&format.group);
            }
            out.push(ch);
        }
        if !decimals.is_empty() {
            out.push_str(&format.decimal);
            out.push_str(decimals);
        }
        out
    }

    pub fn date(lang: Lang, y: i32, m: u32, d: Option<u32>) -> String {
        let names = names(lang);
        let patterns = if d.is_some() {
            &names.days
        } else {
            &names.months
        };
        let pattern = patterns
            .get(m as usize - 1)
            .map(String::as_str)
            .unwrap_or("{y}");
        let d = d.map(|d| d.to_string()).unwrap_or_default();
        fill(pattern, &[("y", &y.to_string()), ("d", &d)])
    }

    pub fn list(lang: Lang, items: &[String]) -> String {
        let list = &names(lang).list;
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(match (items.len(), i) {
                    (2, _) => &list.two,
                    (_, 1) => &list.start,
                    (n, i) if i == n - 1 => &list.end,
                    _ => &list.middle,
                });
            }
            out.push_str(item);
        }
        out
    }

    pub fn display_name(lang: Lang, kind: &str, code: &str) -> Option<&'static str> {
        let names = names(lang);
        let table = if kind == "region" {
            &names.countries
        } else {
            &names.languages
        };
        table.get(code).map(String::as_str)
    }
}

#[cfg(target_arch = "wasm32")]
use browser as here;
#[cfg(not(target_arch = "wasm32"))]
use native as here;

/// The CLDR plural category of `n` shown with `fraction` decimals in
/// `lang`: "one", "few", "other", … ("1.0 miles" is plural in English).
pub fn plural(lang: Lang, n: f64, fraction: u8) -> String {
    here::plural(lang, n, fraction)
}

/// `n` with `fraction` decimals, grouped as the language groups digits.
pub fn number(lang: Lang, n: f64, fraction: u8) -> String {
    here::number(lang, n, fraction)
}

/// A date (`day`) or a month in `lang`'s words.
pub fn date(lang: Lang, y: i32, m: u32, d: Option<u32>) -> String {
    here::date(lang, y, m, d)
}

/// `items` as one list in `lang`'s words and punctuation: "a, b and c",
/// "a وb وc", "a、b和c".
pub fn list(lang: Lang, items: &[String]) -> String {
    here::list(lang, items)
}

/// A country's name in `lang`; English from the shared table where CLDR
/// has none.
pub fn country(lang: Lang, code: &str) -> &'static str {
    let english = api::countries::name(code).unwrap_or("");
    if lang == Lang::En {
        return english;
    }
    here::display_name(lang, "region", code).unwrap_or(english)
}

/// A language's name (`fr`: "French", "français", "フランス語") in `lang`;
/// the code itself where there is no name for it.
pub fn language_name(lang: Lang, code: &str) -> String {
    match here::display_name(lang, "language", code) {
        Some(name) => name.to_string(),
        None => code.to_string(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_intl_writes_them() {
        let cases = [
            (Lang::En, 10121.0, 0, "10,121"),
            (Lang::De, 10121.0, 0, "10.121"),
            (Lang::Fr, 10121.0, 0, "10\u{202f}121"),
            (Lang::Pl, 1234.0, 0, "1234"),
            (Lang::Pl, 12345.0, 0, "12\u{a0}345"),
            (Lang::It, 1234.0, 0, "1234"),
            (Lang::De, 3.24, 1, "3,2"),
            (Lang::En, 7.0, 0, "7"),
            (Lang::Ar, 1234.5, 1, "1,234.5"),
        ];
        for (lang, n, fraction, want) in cases {
            assert_eq!(number(lang, n, fraction), want, "{lang:?} {n}");
        }
    }

    #[test]
    fn lists_in_each_languages_words() {
        let items = |n: usize| {
            ["A", "B", "C", "D"][..n]
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        let cases = [
            (Lang::En, 1, "A"),
            (Lang::En, 2, "A and B"),
            (Lang::En, 4, "A, B, C, and D"),
            (Lang::De, 3, "A, B und C"),
            (Lang::Ar, 3, "A وB وC"),
            (Lang::Ja, 3, "A、B、C"),
            (Lang::ZhHant, 3, "A、B和C"),
        ];
        for (lang, n, want) in cases {
            assert_eq!(list(lang, &items(n)), want, "{lang:?} {n}");
        }
        assert_eq!(list(Lang::En, &[]), "");
    }

    #[test]
    fn plurals_with_and_without_decimals() {
        assert_eq!(plural(Lang::En, 1.0, 0), "one");
        assert_eq!(plural(Lang::En, 1.0, 1), "other");
        assert_eq!(plural(Lang::Fr, 1.5, 1), "one");
        assert_eq!(plural(Lang::Pl, 22.0, 0), "few");
        assert_eq!(plural(Lang::Ar, 2.0, 1), "two");
    }

    #[test]
    fn names_and_dates_from_cldr() {
        assert_eq!(country(Lang::En, "CH"), "Switzerland");
        assert_eq!(country(Lang::Ja, "CH"), "スイス");
        assert_eq!(language_name(Lang::De, "fr"), "Französisch");
        assert_eq!(language_name(Lang::Fr, "tlh-Latn"), "tlh-Latn");
        assert_eq!(date(Lang::En, 2026, 12, Some(2)), "December 2, 2026");
        assert_eq!(date(Lang::De, 2026, 12, Some(2)), "2. Dezember 2026");
        assert_eq!(date(Lang::Ja, 2026, 11, None), "2026年11月");
    }

    #[test]
    fn every_language_names_every_country_and_month() {
        for lang in Lang::ALL {
            for (code, _) in api::countries::COUNTRIES {
                let name = country(lang, code);
                assert!(!name.is_empty(), "{lang:?} {code}");
                if lang != Lang::En {
                    assert_ne!(name, *code, "{lang:?} {code}");
                }
            }
            for m in 1..=12 {
                let month = date(lang, 2026, m, None);
                assert!(
                    month.contains("2026") && !month.contains('{'),
                    "{lang:?} {month}"
                );
                let day = date(lang, 2026, m, Some(23));
                assert!(day.contains("23") && !day.contains('{'), "{lang:?} {day}");
            }
        }
    }
}

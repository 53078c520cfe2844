//! Plural forms, numbers, dates and country names from the browser's
//! `Intl`, in the page's language: the browser carries the CLDR data for
//! every language, so the bundle does not. Outside a browser (unit tests)
//! English rules stand in.

use api::languages::Lang;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use api::languages::Lang;
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// (language, kind of name, code) to the browser's name, if it has one.
    type Names = Vec<((Lang, &'static str, String), Option<&'static str>)>;

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

/// The CLDR plural category of `n` shown with `fraction` decimals in
/// `lang`: "one", "few", "other", … ("1.0 miles" is plural in English).
pub fn plural(lang: Lang, n: f64, fraction: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::plural(lang, n, fraction);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        if n == 1.0 && fraction == 0 {
            "one"
        } else {
            "other"
        }
        .to_string()
    }
}

/// `n` with `fraction` decimals, grouped as the language groups digits.
pub fn number(lang: Lang, n: f64, fraction: u8) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::number(lang, n, fraction);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        let text = format!("{n:.*}", fraction as usize);
        let (whole, decimals) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        if !decimals.is_empty() {
            out.push('.');
            out.push_str(decimals);
        }
        out
    }
}

/// A date (`day`) or a month in `lang`'s words.
pub fn date(lang: Lang, y: i32, m: u32, d: Option<u32>) -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::date(lang, y, m, d);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = lang;
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[(m - 1) as usize];
        match d {
            Some(d) => format!("{d} {month} {y}"),
            None => format!("{month} {y}"),
        }
    }
}

/// A country's name in `lang`, from the browser; English from the shared
/// table where the browser has none.
pub fn country(lang: Lang, code: &str) -> &'static str {
    let english = api::countries::name(code).unwrap_or("");
    #[cfg(target_arch = "wasm32")]
    if lang != Lang::En {
        return browser::display_name(lang, "region", code).unwrap_or(english);
    }
    let _ = lang;
    english
}

/// A language's name (`fr`: "French", "français", "フランス語") in `lang`;
/// the code itself where the browser has no name for it.
pub fn language_name(lang: Lang, code: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(name) = browser::display_name(lang, "language", code) {
        return name.to_string();
    }
    let _ = lang;
    code.to_string()
}

//! The message catalogues (`locales/{tag}.json`), built into the server:
//! `GET /api/languages` lists each language with its translation's status,
//! read from the catalogue itself, so the staff pages, the README and the
//! files cannot disagree for long (a test compares them).

use api::languages::{Lang, LanguageInfo};
use api::text::fill;
use axum::Json;

/// Each language's catalogue, as the app fetches it.
pub fn catalogue(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en.json"),
        Lang::De => include_str!("../../locales/de.json"),
        Lang::Fr => include_str!("../../locales/fr.json"),
        Lang::Nl => include_str!("../../locales/nl.json"),
        Lang::It => include_str!("../../locales/it.json"),
        Lang::Da => include_str!("../../locales/da.json"),
        Lang::Sv => include_str!("../../locales/sv.json"),
        Lang::Nb => include_str!("../../locales/nb.json"),
        Lang::Fi => include_str!("../../locales/fi.json"),
        Lang::Ja => include_str!("../../locales/ja.json"),
        Lang::ZhHant => include_str!("../../locales/zh-Hant.json"),
        Lang::Pl => include_str!("../../locales/pl.json"),
        Lang::Ar => include_str!("../../locales/ar.json"),
        Lang::Ur => include_str!("../../locales/ur.json"),
    }
}

fn info(lang: Lang) -> LanguageInfo {
    let meta: serde_json::Value = serde_json::from_str(catalogue(lang))
        .ok()
        .and_then(|c: serde_json::Value| c.get("@meta").cloned())
        .unwrap_or_default();
    let status = meta
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or("draft");
    LanguageInfo {
        lang,
        name: lang.name().to_string(),
        dir: lang.dir().to_string(),
        // Anything but a clear "reviewed" is a draft.
        status: if status == "reviewed" {
            "reviewed"
        } else {
            "draft"
        }
        .to_string(),
    }
}

/// Every language of the public pages and surveys, with whether its
/// translation has been reviewed by a fluent speaker.
#[utoipa::path(get, path = "/api/languages", tag = "languages",
    responses((status = 200, description = "Every language, English first", body = Vec<LanguageInfo>)))]
pub async fn languages() -> Json<Vec<LanguageInfo>> {
    Json(Lang::ALL.into_iter().map(info).collect())
}

/// One language's words, read from its catalogue once, for the pages'
/// first HTML ([`crate::http::page`]): the same words the app shows.
pub struct Words {
    pub lang: Lang,
    catalogue: serde_json::Value,
    /// What the app asks the browser's `Intl` for, from the same CLDR data
    /// (`data/intl-names.json`, written by `scripts/intl-names.mjs`):
    /// `countries` (none for English), `languages`, `months` and `days`.
    intl: serde_json::Value,
}

/// `lang`'s words; English's for any message its catalogue lacks (the
/// catalogue test makes that never happen).
pub fn words(lang: Lang) -> &'static Words {
    static WORDS: std::sync::OnceLock<Vec<Words>> = std::sync::OnceLock::new();
    let all = WORDS.get_or_init(|| {
        let mut intl: serde_json::Value =
            serde_json::from_str(include_str!("../data/intl-names.json")).unwrap_or_default();
        Lang::ALL
            .into_iter()
            .map(|lang| Words {
                lang,
                catalogue: serde_json::from_str(catalogue(lang)).unwrap_or_default(),
                intl: intl
                    .get_mut(lang.tag())
                    .map(serde_json::Value::take)
                    .unwrap_or_default(),
            })
            .collect()
    });
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &all[index]
}

impl Words {
    fn entry(&self, key: &str) -> Option<&serde_json::Value> {
        self.catalogue
            .get(key)
            .or_else(|| words(Lang::En).catalogue.get(key))
    }

    /// A field of the catalogue's `@meta` (`status`: `reviewed` or `draft`).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.catalogue.get("@meta")?.get(key)?.as_str()
    }

    /// A plain message.
    pub fn text(&self, key: &str) -> &str {
        self.entry(key).and_then(|v| v.as_str()).unwrap_or_default()
    }

    /// A message of several paragraphs.
    pub fn list(&self, key: &str) -> Vec<&str> {
        self.entry(key)
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
            .unwrap_or_default()
    }

    /// One form of a message with forms: a plural category or a field's value.
    pub fn form(&self, key: &str, form: &str) -> &str {
        let forms = self.entry(key);
        forms
            .and_then(|f| f.get(form).or_else(|| f.get("other")))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// A survey's text by its [`api::surveys::Survey::texts`] key: the
    /// catalogue's `survey` section, or the definition's English.
    pub fn survey<'a>(&'a self, key: &str, english: &'a str) -> &'a str {
        self.catalogue
            .get("survey")
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(english)
    }

    /// A counted message (`{n} colleges`) in the plural form for `n`.
    pub fn count(&self, key: &str, n: u64) -> String {
        fill(
            self.form(key, self.lang.plural(n)),
            &[("n", &n.to_string())],
        )
    }

    /// A plain message with its placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// A country's name in the page's language, as the app names it through
    /// the browser's `Intl`: the server has no `Intl`, so the names come from
    /// the same CLDR data, written out by `scripts/intl-names.mjs`.
    /// English's table for English, and for a name CLDR lacks.
    pub fn country(&self, code: &str) -> &str {
        self.intl["countries"]
            .get(code)
            .and_then(|name| name.as_str())
            .or_else(|| api::countries::name(code))
            .unwrap_or_default()
    }

    /// A language's name (`pt-BR`: "Brazilian Portuguese") in the page's
    /// language, as the app's `Intl` names it; the code itself for a tag
    /// the table lacks, as the app does where the browser has no name.
    pub fn language(&self, code: &str) -> String {
        self.intl["languages"]
            .get(code)
            .and_then(|name| name.as_str())
            .unwrap_or(code)
            .to_string()
    }

    /// "November 2026" from `2026-11`, as the app's `Text::month`; the text
    /// itself when it is not a month.
    pub fn month(&self, iso: &str) -> String {
        api::text::month_parts(iso)
            .and_then(|(y, m)| self.dated("months", y, m, None))
            .unwrap_or_else(|| iso.to_string())
    }

    /// "November 23, 2026" from `2026-11-23`, as the app's `Text::date`;
    /// the text itself when it is not a date.
    pub fn date(&self, iso: &str) -> String {
        api::text::date_parts(iso)
            .and_then(|(y, m, d)| self.dated("days", y, m, Some(d)))
            .unwrap_or_else(|| iso.to_string())
    }

    /// The `kind` pattern (`months` or `days`) of month `m`, filled.
    fn dated(&self, kind: &str, y: i32, m: u32, d: Option<u32>) -> Option<String> {
        let pattern = self.intl[kind].get(m as usize - 1)?.as_str()?;
        let d = d.map(|d| d.to_string()).unwrap_or_default();
        Some(fill(pattern, &[("y", &y.to_string()), ("d", &d)]))
    }

    /// "Town, Region, Country", as the app writes it.
    pub fn place(&self, locality: &str, region: &str, country: &str) -> String {
        api::text::place(locality, region, self.country(country), self.lang.rtl())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_countries_in_each_language() {
        assert_eq!(words(Lang::En).country("CH"), "Switzerland");
        assert_eq!(words(Lang::Ja).country("CH"), "スイス");
        assert_eq!(words(Lang::De).country("GB"), "Vereinigtes Königreich");
        assert_eq!(words(Lang::Ar).place("Bern", "", "CH"), "Bern، سويسرا");
        // Every language names every country.
        for lang in Lang::ALL {
            for (code, _) in api::countries::COUNTRIES {
                let name = words(lang).country(code);
                assert!(!name.is_empty(), "{lang:?} {code}");
                if lang != Lang::En {
                    assert_ne!(name, *code, "{lang:?} {code}");
                }
            }
        }
        assert_eq!(words(Lang::Fr).country("ZZ"), "");
    }

    #[test]
    fn names_languages_months_and_days_as_intl_does() {
        type Name = fn(&Words, &str) -> String;
        let cases: [(Lang, Name, &str, &str); 13] = [
            (Lang::En, Words::language, "cy", "Welsh"),
            (Lang::En, Words::language, "pt-BR", "Brazilian Portuguese"),
            (Lang::De, Words::language, "fr", "Französisch"),
            (Lang::Ja, Words::language, "de", "ドイツ語"),
            // A tag the table lacks is shown as it is, as the app does.
            (Lang::Fr, Words::language, "tlh-Latn", "tlh-Latn"),
            (Lang::En, Words::month, "2026-11", "November 2026"),
            (Lang::De, Words::month, "2025-03", "März 2025"),
            (Lang::Ja, Words::month, "2026-11", "2026年11月"),
            (Lang::Pl, Words::month, "2026-11", "listopad 2026"),
            (Lang::En, Words::date, "2026-12-02", "December 2, 2026"),
            (Lang::De, Words::date, "2026-12-02", "2. Dezember 2026"),
            (Lang::Pl, Words::date, "2026-11-23", "23 listopada 2026"),
            (Lang::ZhHant, Words::date, "2026-01-09", "2026年1月9日"),
        ];
        for (lang, name, code, want) in cases {
            assert_eq!(name(words(lang), code), want, "{lang:?} {code}");
        }
        // Not a month or a date (`api::text` reads them): as it is.
        assert_eq!(words(Lang::En).month("2026-13"), "2026-13");
        assert_eq!(words(Lang::En).date("2026-11-32"), "2026-11-32");
        // Every language has every month, both ways.
        for lang in Lang::ALL {
            for m in 1..=12 {
                let month = words(lang).month(&format!("2026-{m:02}"));
                assert!(
                    month.contains("2026") && !month.contains('{'),
                    "{lang:?} {month}"
                );
                let day = words(lang).date(&format!("2026-{m:02}-23"));
                assert!(day.contains("23") && !day.contains('{'), "{lang:?} {day}");
            }
        }
    }

    #[test]
    fn counts_in_each_language() {
        assert_eq!(words(Lang::En).count("count_colleges", 1), "1 college");
        assert_eq!(words(Lang::En).count("count_colleges", 121), "121 colleges");
        assert!(words(Lang::Pl).count("count_colleges", 22).contains("22"));
    }
}

//! The languages the public pages and the surveys are written in, and the
//! rules for choosing one. Both sides use these: the app to pick the
//! language it opens in, the server to check a survey response's language
//! (and, later, to send each page's first HTML in the reader's language).
//! The words themselves are data: one catalogue per language in
//! `locales/{tag}.json`.

use serde::{Deserialize, Serialize};

/// A language of the network, by its BCP 47 tag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "de")]
    De,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "nl")]
    Nl,
    #[serde(rename = "it")]
    It,
    #[serde(rename = "da")]
    Da,
    #[serde(rename = "sv")]
    Sv,
    #[serde(rename = "nb")]
    Nb,
    #[serde(rename = "fi")]
    Fi,
    #[serde(rename = "ja")]
    Ja,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "pl")]
    Pl,
    #[serde(rename = "ar")]
    Ar,
    #[serde(rename = "ur")]
    Ur,
}

/// Read from its tag, exactly. Written by hand rather than derived: the
/// derived code for 14 renamed variants cost each bundle over a kilobyte.
impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Tag;
        impl serde::de::Visitor<'_> for Tag {
            type Value = Lang;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one of the languages' tags, such as en or zh-Hant")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Lang, E> {
                Lang::ALL
                    .into_iter()
                    .find(|l| l.tag() == v)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Tag)
    }
}

impl Lang {
    /// In the order the language menu lists them: English first (the
    /// fallback), then by tag.
    pub const ALL: [Lang; 14] = [
        Lang::En,
        Lang::Ar,
        Lang::Da,
        Lang::De,
        Lang::Fi,
        Lang::Fr,
        Lang::It,
        Lang::Ja,
        Lang::Nb,
        Lang::Nl,
        Lang::Pl,
        Lang::Sv,
        Lang::Ur,
        Lang::ZhHant,
    ];

    /// The BCP 47 tag, for `<html lang>`, `?lang=` and the catalogue's file name.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Nl => "nl",
            Lang::It => "it",
            Lang::Da => "da",
            Lang::Sv => "sv",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Ja => "ja",
            Lang::ZhHant => "zh-Hant",
            Lang::Pl => "pl",
            Lang::Ar => "ar",
            Lang::Ur => "ur",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub const fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Fr => "Français",
            Lang::Nl => "Nederlands",
            Lang::It => "Italiano",
            Lang::Da => "Dansk",
            Lang::Sv => "Svenska",
            Lang::Nb => "Norsk bokmål",
            Lang::Fi => "Suomi",
            Lang::Ja => "日本語",
            Lang::ZhHant => "繁體中文",
            Lang::Pl => "Polski",
            Lang::Ar => "العربية",
            Lang::Ur => "اردو",
        }
    }

    /// Written right to left.
    pub const fn rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::Ur)
    }

    pub const fn dir(self) -> &'static str {
        if self.rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Exactly one of our tags (any case): what `?lang=` and a stored choice hold.
    pub fn parse(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The language a browser's tag asks for, if we have it: `fr-CA` is
    /// French, `zh-TW`, `zh-HK` and `zh-Hant-*` are Traditional Chinese
    /// (`zh-CN` and `zh-Hans` are not), and Norwegian `no` and `nn` readers
    /// get Bokmål, which they all read.
    pub fn from_browser(tag: &str) -> Option<Self> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        match primary {
            "zh" => rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                .then_some(Lang::ZhHant),
            "no" | "nn" | "nb" => Some(Lang::Nb),
            other => Self::ALL
                .into_iter()
                .find(|l| l.tag() == other && *l != Lang::ZhHant),
        }
    }

    /// A place's main language: a country's, or a region's where the
    /// country has several (Québec, French-speaking Switzerland, Ticino,
    /// Wallonia). English where we do not have the place's language.
    pub fn of_place(country: &str, region: &str) -> Self {
        let region = crate::text::fold(region);
        match country {
            "DE" | "AT" | "LI" => Lang::De,
            "CH" if [
                "vaud",
                "geneve",
                "geneva",
                "neuchatel",
                "jura",
                "fribourg",
                "valais",
            ]
            .contains(&region.as_str()) =>
            {
                Lang::Fr
            }
            "CH" if region == "ticino" => Lang::It,
            "CH" => Lang::De,
            "FR" | "LU" | "MC" => Lang::Fr,
            "BE" if region == "wallonia" || region == "wallonie" => Lang::Fr,
            "BE" | "NL" => Lang::Nl,
            "CA" if region == "quebec" => Lang::Fr,
            "IT" | "SM" => Lang::It,
            "DK" => Lang::Da,
            "SE" => Lang::Sv,
            "NO" => Lang::Nb,
            "FI" => Lang::Fi,
            "JP" => Lang::Ja,
            "HK" | "TW" | "MO" => Lang::ZhHant,
            "PL" => Lang::Pl,
            "SA" | "AE" | "EG" | "JO" | "QA" | "KW" | "BH" | "OM" | "LB" | "MA" | "TN" | "DZ" => {
                Lang::Ar
            }
            "PK" => Lang::Ur,
            _ => Lang::En,
        }
    }

    /// The CLDR plural category of the whole number `n` in this language,
    /// as `Intl.PluralRules` gives it in the browser: the server's first
    /// HTML counts ("121 colleges") with the same forms as the app.
    pub fn plural(self, n: u64) -> &'static str {
        let (n10, n100) = (n % 10, n % 100);
        match self {
            Lang::Ja | Lang::ZhHant => "other",
            Lang::Fr if n <= 1 => "one",
            Lang::Pl if n == 1 => "one",
            Lang::Pl if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => "few",
            Lang::Pl => "many",
            Lang::Ar => match n {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ if (3..=10).contains(&n100) => "few",
                _ if (11..=99).contains(&n100) => "many",
                _ => "other",
            },
            Lang::Fr => "other",
            _ if n == 1 => "one",
            _ => "other",
        }
    }

    /// A college's main language: the first of its entry's languages that
    /// we have, else its place's.
    pub fn of_college(languages: &[String], country: &str, region: &str) -> Self {
        languages
            .iter()
            .find_map(|l| Self::from_browser(l))
            .unwrap_or_else(|| Self::of_place(country, region))
    }
}

/// The tags of an `Accept-Language` header, most wanted first; tags with
/// `q=0` (not wanted) are left out, and so is `*`.
pub fn accept_language(header: &str) -> Vec<String> {
    let mut tags: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((q, i, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.into_iter().map(|(_, _, t)| t.to_string()).collect()
}

/// A language as its catalogue describes itself (`GET /api/languages`):
/// staff see which translations a fluent speaker has reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageInfo {
    pub lang: Lang,
    /// The language's name in itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// `reviewed` by a fluent speaker, or `draft`.
    pub status: String,
}

/// What a language is chosen from, strongest first.
#[derive(Clone, Debug, Default)]
pub struct LangChoice<'a> {
    /// `?lang=` in the address.
    pub query: Option<&'a str>,
    /// The reader's own earlier choice, kept for the tab.
    pub remembered: Option<&'a str>,
    /// For a survey: the college's main language.
    pub college: Option<Lang>,
    /// `navigator.languages`, in order of preference.
    pub browser: &'a [String],
}

impl LangChoice<'_> {
    /// `?lang=`, then the reader's earlier choice, then (for a survey) the
    /// college's language, then the first browser language we have, then
    /// English. A survey link for a Japanese college opens in Japanese in
    /// an English browser; the directory follows the browser.
    pub fn choose(&self) -> Lang {
        self.query
            .and_then(Lang::parse)
            .or_else(|| self.remembered.and_then(Lang::parse))
            .or(self.college)
            .or_else(|| self.browser_first())
            .unwrap_or_default()
    }

    /// The browser's language, to offer in one tap, when the page opened
    /// in another without the reader choosing it (a Danish college's
    /// survey on a phone set to English): None once the reader has chosen
    /// (`?lang=` or the menu), or when the browser wants no language we have.
    pub fn offer(&self) -> Option<Lang> {
        let chose = |tag: Option<&str>| tag.and_then(Lang::parse).is_some();
        if chose(self.query) || chose(self.remembered) {
            return None;
        }
        let wanted = self.browser_first()?;
        (wanted != self.choose()).then_some(wanted)
    }

    /// The first of the browser's languages that we have.
    pub fn browser_first(&self) -> Option<Lang> {
        self.browser.iter().find_map(|t| Lang::from_browser(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browser(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_browser_s_language_is_offered_only_when_nobody_chose_the_page_s() {
        let english = browser(&["en-GB", "en"]);
        let choice = |query, remembered, college, browser: &[String]| {
            LangChoice {
                query,
                remembered,
                college,
                browser,
            }
            .offer()
        };
        // A Danish college's survey on an English phone: English offered.
        assert_eq!(choice(None, None, Some(Lang::Da), &english), Some(Lang::En));
        // Chosen by the link or the reader: nothing offered.
        assert_eq!(choice(Some("da"), None, Some(Lang::Da), &english), None);
        assert_eq!(choice(None, Some("da"), Some(Lang::Da), &english), None);
        // A `?lang=` we do not have is no choice.
        assert_eq!(
            choice(Some("xx"), None, Some(Lang::Da), &english),
            Some(Lang::En)
        );
        // The college's language is the browser's, or the browser wants
        // nothing we have: nothing to offer.
        assert_eq!(choice(None, None, Some(Lang::En), &english), None);
        assert_eq!(
            choice(None, None, Some(Lang::Da), &browser(&["pt-BR"])),
            None
        );
        // The first language we have, past one we lack.
        assert_eq!(
            choice(
                None,
                None,
                Some(Lang::Ja),
                &browser(&["pt-BR", "zh-TW", "en"])
            ),
            Some(Lang::ZhHant)
        );
        // Not for a college: the page is in the browser's language already.
        assert_eq!(choice(None, None, None, &english), None);
    }

    #[test]
    fn plural_categories_follow_cldr() {
        let cases: &[(Lang, &[(u64, &str)])] = &[
            (
                Lang::En,
                &[(0, "other"), (1, "one"), (2, "other"), (121, "other")],
            ),
            (Lang::Fr, &[(0, "one"), (1, "one"), (2, "other")]),
            (Lang::Ja, &[(1, "other"), (19, "other")]),
            (
                Lang::Pl,
                &[
                    (1, "one"),
                    (2, "few"),
                    (4, "few"),
                    (5, "many"),
                    (12, "many"),
                    (22, "few"),
                    (121, "many"),
                ],
            ),
            (
                Lang::Ar,
                &[
                    (0, "zero"),
                    (1, "one"),
                    (2, "two"),
                    (3, "few"),
                    (10, "few"),
                    (11, "many"),
                    (99, "many"),
                    (100, "other"),
                    (103, "few"),
                ],
            ),
            (Lang::Ur, &[(1, "one"), (19, "other")]),
        ];
        for (lang, table) in cases {
            for (n, category) in *table {
                assert_eq!(lang.plural(*n), *category, "{lang:?} {n}");
            }
        }
    }

    #[test]
    fn accept_language_orders_by_weight() {
        assert_eq!(
            accept_language("en-GB;q=0.5, ja, de;q=0.8, fr;q=0, *;q=0.1"),
            vec!["ja", "de", "en-GB"]
        );
        assert_eq!(accept_language(""), Vec::<String>::new());
        assert_eq!(accept_language("da;q=nonsense, sv"), vec!["sv"]);
    }

    #[test]
    fn tags_round_trip_and_serde_uses_them() {
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.tag()), Some(l));
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.tag())
            );
            let json = format!("\"{}\"", l.tag());
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), l);
        }
        // Reading is exact, as the API documents the tags.
        for wrong in ["\"EN\"", "\"zh-hant\"", "\"pt\"", "3", "null"] {
            assert!(serde_json::from_str::<Lang>(wrong).is_err(), "{wrong}");
        }
        assert_eq!(Lang::parse("ZH-hant"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("xx"), None);
    }

    #[test]
    fn browser_tags_map_to_our_languages() {
        let cases = [
            ("fr-CA", Some(Lang::Fr)),
            ("en-GB", Some(Lang::En)),
            ("zh-TW", Some(Lang::ZhHant)),
            ("zh-Hant-HK", Some(Lang::ZhHant)),
            ("zh-CN", None),
            ("zh", None),
            ("no", Some(Lang::Nb)),
            ("nn-NO", Some(Lang::Nb)),
            ("ur-PK", Some(Lang::Ur)),
            ("pt-BR", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_browser(tag), want, "{tag}");
        }
    }

    #[test]
    fn the_college_language_wins_for_its_survey_and_the_reader_wins_over_it() {
        let english_browser = browser(&["en-GB", "en"]);
        let japanese_college = Some(Lang::of_college(&[], "JP", "Tokyo"));
        let survey = |query, remembered| LangChoice {
            query,
            remembered,
            college: japanese_college,
            browser: &english_browser,
        };
        assert_eq!(survey(None, None).choose(), Lang::Ja);
        assert_eq!(survey(Some("en"), None).choose(), Lang::En);
        assert_eq!(survey(None, Some("pl")).choose(), Lang::Pl);
        assert_eq!(survey(Some("ar"), Some("pl")).choose(), Lang::Ar);
        // A `?lang=` we do not have is ignored, not an error.
        assert_eq!(survey(Some("xx"), None).choose(), Lang::Ja);
    }

    #[test]
    fn the_directory_follows_the_browser() {
        let danish = browser(&["pt-BR", "da-DK", "en"]);
        let directory = LangChoice {
            browser: &danish,
            ..Default::default()
        };
        assert_eq!(directory.choose(), Lang::Da);
        assert_eq!(LangChoice::default().choose(), Lang::En);
        let with_query = LangChoice {
            query: Some("it"),
            browser: &danish,
            ..Default::default()
        };
        assert_eq!(with_query.choose(), Lang::It);
    }

    #[test]
    fn places_have_their_languages() {
        assert_eq!(Lang::of_place("CH", "Bern"), Lang::De);
        assert_eq!(Lang::of_place("CH", "Genève"), Lang::Fr);
        assert_eq!(Lang::of_place("BE", "Flanders"), Lang::Nl);
        assert_eq!(Lang::of_place("CA", "Québec"), Lang::Fr);
        assert_eq!(Lang::of_place("CA", "Ontario"), Lang::En);
        assert_eq!(Lang::of_place("HK", "Hong Kong"), Lang::ZhHant);
        assert_eq!(Lang::of_place("GB", ""), Lang::En);
        assert_eq!(Lang::of_college(&["fr".into()], "CA", "Ontario"), Lang::Fr);
    }
}

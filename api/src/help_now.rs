//! Where to get help now, by country: the emergency number, and a
//! well-established crisis line where a source names one. A site about
//! mental health shows these on every public page, and prominently on a
//! college's page and at the end of its survey. Every number here was read
//! on the page its `source` gives, on the date in [`CHECKED`]; none is from
//! memory. A country without a sourced crisis line gets the emergency
//! number only.

/// When each source below was read (in stored copies of the pages).
pub const CHECKED: &str = "2026-12-05";

/// A number to call and the page that states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's name ("Samaritans"); empty for the emergency number.
    pub name: &'static str,
    /// As people dial it, grouped as the source writes it.
    pub number: &'static str,
    /// Its hours where the source gives them and it is not always open
    /// ("16:00–21:00"); empty otherwise.
    pub hours: &'static str,
    pub source: &'static str,
}

impl Line {
    /// `tel:` with the digits (and a leading `+`) only.
    pub fn tel(&self) -> String {
        let digits: String = self
            .number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{digits}")
    }
}

/// One country's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryHelp {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    pub emergency: Line,
    pub crisis: Option<Line>,
}

include!("help_now_data.rs");

/// The lines for `country` (ISO 3166-1 alpha-2), if we have them.
pub fn for_country(country: &str) -> Option<&'static CountryHelp> {
    HELP.iter()
        .find(|h| h.country.eq_ignore_ascii_case(country))
}

/// The reader's country as far as the browser's first language says
/// ("en-GB" is the United Kingdom). Only the first: a French reader whose
/// browser also lists "en-US" is not in the United States. A guess, so the
/// page names the country it assumed.
pub fn country_of_browser(tags: &[String]) -> Option<&'static str> {
    let region = tags
        .first()?
        .split(['-', '_'])
        .skip(1)
        .find(|part| part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))?;
    for_country(region).map(|h| h.country)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_has_a_number_and_a_source() {
        for h in HELP {
            for line in std::iter::once(&h.emergency).chain(h.crisis.as_ref()) {
                assert!(
                    line.number
                        .chars()
                        .all(|c| c.is_ascii_digit() || " +-".contains(c))
                        && line.number.chars().any(|c| c.is_ascii_digit()),
                    "{}: {:?}",
                    h.country,
                    line.number
                );
                assert!(
                    line.source.starts_with("http"),
                    "{}: {:?}",
                    h.country,
                    line.source
                );
            }
            assert!(h.emergency.name.is_empty(), "{}", h.country);
            if let Some(c) = &h.crisis {
                assert!(!c.name.is_empty(), "{}", h.country);
            }
        }
    }

    #[test]
    fn every_country_of_the_directory_has_its_emergency_number() {
        let seed: serde_json::Value =
            serde_json::from_str(include_str!("../../server/seed/recovery-colleges.json")).unwrap();
        for college in seed["colleges"].as_array().unwrap() {
            let country = college["country"].as_str().unwrap();
            assert!(for_country(country).is_some(), "{country}");
        }
    }

    #[test]
    fn the_browser_s_region_picks_the_country() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(country_of_browser(&tags(&["en-GB", "en"])), Some("GB"));
        assert_eq!(country_of_browser(&tags(&["da"])), None);
        assert_eq!(country_of_browser(&tags(&["zh-Hant-HK"])), Some("HK"));
        // The first language only: a later one's region is not the reader's.
        assert_eq!(country_of_browser(&tags(&["fr-FR", "en-US"])), None);
        assert_eq!(country_of_browser(&tags(&["de-AT", "en-US"])), Some("AT"));
        assert_eq!(for_country("gb").map(|h| h.country), Some("GB"));
    }

    #[test]
    fn tel_links_dial_the_digits() {
        let l = Line {
            name: "x",
            number: "116 123",
            hours: "",
            source: "https://example.org",
        };
        assert_eq!(l.tel(), "tel:116123");
    }
}

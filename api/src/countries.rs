//! Countries by ISO 3166-1 alpha-2 code.

include!("countries_data.rs");

/// The English name of a country code, if the code is assigned.
pub fn name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| COUNTRIES[i].1)
}

/// Every country as (code, English name), by name as a reader looks for it
/// (accents and case aside): for choosing one by name.
pub fn by_name() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<(&str, &str)> = COUNTRIES.to_vec();
    all.sort_by_key(|(_, name)| crate::text::fold(name));
    all
}

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_known(code: &str) -> bool {
    name(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_so_binary_search_works() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names_known_codes_and_rejects_others() {
        let cases = [
            ("GB", Some("United Kingdom")),
            ("CH", Some("Switzerland")),
            ("JP", Some("Japan")),
            ("gb", None),
            ("UK", None),
            ("", None),
            ("GBR", None),
        ];
        for (code, expected) in cases {
            assert_eq!(name(code), expected, "code {code:?}");
        }
    }
}

//! URL query strings as pairs, read and written as browsers send forms
//! (`application/x-www-form-urlencoded`), through `form_urlencoded`: the
//! one codec on both sides (the typed queries' `serde_urlencoded` is built
//! on it too), so a query the app writes is the query the server reads.

/// The `key=value` pairs of a query string (without its `?`), in order.
/// Never fails: a `%` not followed by two hex digits stays as it is, and
/// bytes that are not UTF-8 become U+FFFD, as in browsers.
pub fn parse(qs: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(qs.as_bytes()).into_owned().collect()
}

/// `pairs` as a query string (without a `?`).
pub fn write<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as `serde_urlencoded`, which the typed queries use.
    #[test]
    fn reads_as_serde_urlencoded_does() {
        for qs in [
            "",
            "q=london",
            "q=st.+gallen&country=CH&page=2",
            "q=caf%C3%A9&lang=zh-Hant",
            "q=%E2%80%9Cquoted%E2%80%9D+%26+more%3D",
            "a=1&&b=&c",
            "q=100%",
            "q=%zz%4",
            "q=%FF%FE",
            "=value&key=",
            "q=a+b%2Bc",
            "k%20ey=v%3Dalue=x",
        ] {
            let expected: Vec<(String, String)> = serde_urlencoded::from_str(qs).unwrap();
            assert_eq!(parse(qs), expected, "{qs}");
        }
    }

    #[test]
    fn writes_as_serde_urlencoded_does() {
        for pairs in [
            vec![],
            vec![("q", "london")],
            vec![("q", "St. Gallen"), ("country", "CH")],
            vec![("q", "café “x” & y=z/?#"), ("lang", "zh-Hant")],
            vec![("url", "https://example.org/feedback/x?course=A b&lang=ar")],
            vec![("q", "*-._~!'()")],
            vec![("", "")],
        ] {
            let expected = serde_urlencoded::to_string(&pairs).unwrap();
            assert_eq!(write(pairs.iter().copied()), expected, "{pairs:?}");
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let pairs = vec![
            ("q".to_string(), "Zürich + Genève 100% & more".to_string()),
            ("lang".to_string(), "ar".to_string()),
        ];
        assert_eq!(parse(&write(pairs.iter().map(|(k, v)| (k, v)))), pairs);
    }
}

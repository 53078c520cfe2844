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

/// A link as a person reads and types it: `%E2%80%93` shown as `–` and
/// `+` as a space, so a poster's link can be copied by hand. What would
/// change the link's meaning if typed (`%`, `&`, `=`, `+`, `#`, `?`, `/`,
/// spaces other than U+0020, control characters) stays encoded; browsers
/// encode the rest again when it is typed, so it leads to the same page.
pub fn readable(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'+' {
            out.push(b' ');
        } else if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(d)
                    if d >= 0x80
                        || (d > b' ' && !b"%&=+#?/".contains(&d) && d != 0x7f)
                        || d == b' ' =>
                {
                    out.push(d);
                    i += 3;
                    continue;
                }
                _ => out.push(b),
            }
        } else {
            out.push(b);
        }
        i += 1;
    }
    match String::from_utf8(out) {
        // Decoded characters that are spaces or invisible would mislead.
        Ok(s)
            if !s.chars().any(|c| {
                (c.is_whitespace() && c != ' ')
                    || c.is_control()
                    || ('\u{200b}'..='\u{200f}').contains(&c)
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)
            }) =>
        {
            s
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_read_as_typed() {
        assert_eq!(
            readable("https://x.org/feedback/bern?course=Anxiety+%E2%80%93+part+1&sig=ab12&date=2026-11-20"),
            "https://x.org/feedback/bern?course=Anxiety – part 1&sig=ab12&date=2026-11-20"
        );
        // What would change the link stays encoded.
        assert_eq!(
            readable("/f?course=Art+%26+Craft%3D%2B%25%23"),
            "/f?course=Art %26 Craft%3D%2B%25%23"
        );
        assert_eq!(readable("/f?course=caf%C3%A9"), "/f?course=café");
        // Invisible or direction-changing characters: the link as it was.
        assert_eq!(readable("/f?c=a%E2%80%AEb"), "/f?c=a%E2%80%AEb");
        assert_eq!(readable("/f?c=a%0Ab"), "/f?c=a%0Ab");
        // Not UTF-8, or a cut escape: as it was.
        assert_eq!(readable("/f?c=%FF"), "/f?c=%FF");
        assert_eq!(readable("/f?c=%E2"), "/f?c=%E2");
        assert_eq!(readable("/f?c=100%"), "/f?c=100%");
    }

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

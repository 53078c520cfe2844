//! URL query strings, read and written as browsers send forms
//! (`application/x-www-form-urlencoded`: `+` for a space, `%XX` for each
//! other byte of UTF-8 outside `A-Z a-z 0-9 * - . _`). Written here rather
//! than through `serde_urlencoded`, whose serde machinery cost each of the
//! app's bundles about two kilobytes for what is a few string pairs.

/// The `key=value` pairs of a query string (without its `?`), in order.
/// Never fails: a `%` not followed by two hex digits stays as it is, and
/// bytes that are not UTF-8 become U+FFFD, as in browsers.
pub fn parse(qs: &str) -> Vec<(String, String)> {
    qs.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// `pairs` as a query string (without a `?`).
pub fn write<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode(key.as_ref(), &mut out);
        out.push('=');
        encode(value.as_ref(), &mut out);
    }
    out
}

fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in s.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: Option<&u8>) -> Option<u8> {
    let byte = *byte?;
    Some(match byte {
        b'0'..=b'9' => byte - b'0',
        b'a'..=b'f' => byte - b'a' + 10,
        b'A'..=b'F' => byte - b'A' + 10,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as `serde_urlencoded` (the `url` crate's form
    /// encoding), which the server's typed queries still use.
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

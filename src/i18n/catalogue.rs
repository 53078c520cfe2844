//! A language's catalogue (`locales/{tag}.json`) as the app holds it.
//!
//! The file is one JSON object. Each message is a string, a list of
//! strings (paragraphs), or an object of strings: plural forms keyed by
//! the CLDR categories the browser's `Intl.PluralRules` picks (`one`,
//! `few`, `other`, …), or one text per value of a field (a college's
//! status, say). Keys starting with `@` are about the catalogue (its
//! status, its glossary) and are not shown.
//!
//! It is read by the small parser below rather than by serde: JSON of
//! this one shape needs no numbers and no generic values, and serde's
//! self-describing path (`deserialize_any`) cost every bundle tens of
//! kilobytes. The catalogue test (`api/tests/catalogues.rs`) reads the
//! same files with serde_json, so a file this parser would misread fails
//! there too.

/// One message. Strings are leaked to `&'static str`: a catalogue is read
/// once per language for the page's life, and the pages keep `&'static`
/// references to their words.
#[derive(Debug)]
pub enum Entry {
    Text(&'static str),
    List(Vec<&'static str>),
    Forms(Forms),
}

/// Texts by key: plural forms, or one per value of a field.
#[derive(Clone, Debug, Default)]
pub struct Forms(Vec<(&'static str, &'static str)>);

impl Forms {
    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    /// `key`'s text, else the `other` form (every plural has one), else "".
    pub fn pick(&self, key: &str) -> &'static str {
        self.get(key).or_else(|| self.get("other")).unwrap_or("")
    }
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A reader over the catalogue's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("{what} at byte {}", self.at))
    }

    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    /// Takes `byte` (after any space), or says what was expected.
    fn expect(&mut self, byte: u8) -> Result<(), String> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(&format!("expected '{}'", byte as char))
        }
    }

    /// Takes `byte` if it comes next (after any space).
    fn take(&mut self, byte: u8) -> bool {
        self.skip_space();
        let here = self.bytes.get(self.at) == Some(&byte);
        if here {
            self.at += 1;
        }
        here
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self.bytes.get(self.at..self.at + 4).unwrap_or_default();
        let text = std::str::from_utf8(digits).unwrap_or_default();
        match u32::from_str_radix(text, 16) {
            Ok(n) if text.len() == 4 => {
                self.at += 4;
                Ok(n)
            }
            _ => self.fail("expected four hex digits"),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&b) = self.bytes.get(self.at) else {
                return self.fail("unterminated string");
            };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.at) else {
                        return self.fail("unterminated escape");
                    };
                    self.at += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let mut code = self.hex4()?;
                            // A surrogate pair: \uD83D\uDE00.
                            if (0xD800..0xDC00).contains(&code) {
                                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                                    return self.fail("lone surrogate");
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                code = 0x10000
                                    + ((code - 0xD800) << 10)
                                    + (low.wrapping_sub(0xDC00) & 0x3FF);
                            }
                            match char::from_u32(code) {
                                Some(c) => c,
                                None => return self.fail("bad \\u escape"),
                            }
                        }
                        _ => return self.fail("unknown escape"),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                b if b < 0x20 => return self.fail("control character in a string"),
                b => out.push(b),
            }
        }
        String::from_utf8(out).or_else(|_| self.fail("invalid UTF-8"))
    }

    /// `{ "key": item, … }`, each item read by `item`.
    fn object<T>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, String>,
    ) -> Result<Vec<(String, T)>, String> {
        self.expect(b'{')?;
        let mut out = Vec::new();
        if self.take(b'}') {
            return Ok(out);
        }
        loop {
            let key = self.string()?;
            self.expect(b':')?;
            out.push((key, item(self)?));
            if self.take(b'}') {
                return Ok(out);
            }
            self.expect(b',')?;
        }
    }

    fn entry(&mut self) -> Result<Entry, String> {
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'"') => Ok(Entry::Text(leak(self.string()?))),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.take(b']') {
                    loop {
                        items.push(leak(self.string()?));
                        if self.take(b']') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Entry::List(items))
            }
            Some(b'{') => {
                let pairs = self.object(|r| r.string())?;
                Ok(Entry::Forms(Forms(
                    pairs.into_iter().map(|(k, v)| (leak(k), leak(v))).collect(),
                )))
            }
            _ => self.fail("expected a string, a list or an object"),
        }
    }
}

/// The catalogue's messages by key, and the keys asked for that it lacks
/// (or has as the wrong kind). Taking a message never fails on its own, so
/// reading 220 of them is 220 plain calls; [`Entries::missing`] says at
/// the end whether the catalogue was whole.
pub struct Entries {
    /// In file order; looked up by a linear search, which for a few hundred
    /// short keys read once costs less than a map's code in the bundle.
    map: Vec<(String, Entry)>,
    missing: Vec<&'static str>,
}

impl Entries {
    /// Takes `key`'s message out (each is asked for once).
    fn remove(&mut self, key: &str) -> Option<Entry> {
        let at = self.map.iter().position(|(k, _)| k == key)?;
        Some(self.map.swap_remove(at).1)
    }

    pub fn parse(json: &str) -> Result<Self, String> {
        let mut reader = Reader {
            bytes: json.as_bytes(),
            at: 0,
        };
        let map = reader.object(|r| r.entry())?;
        reader.skip_space();
        if reader.at != reader.bytes.len() {
            return reader.fail("text after the catalogue");
        }
        Ok(Entries {
            map,
            missing: Vec::new(),
        })
    }

    // Not inlined: it is called once for each of the app's ~220 messages.
    #[inline(never)]
    pub fn text(&mut self, key: &'static str) -> &'static str {
        match self.remove(key) {
            Some(Entry::Text(t)) => t,
            _ => {
                self.missing.push(key);
                ""
            }
        }
    }

    // Not inlined: it is called once for each of the app's ~220 messages.
    #[inline(never)]
    pub fn list(&mut self, key: &'static str) -> Vec<&'static str> {
        match self.remove(key) {
            Some(Entry::List(l)) => l,
            _ => {
                self.missing.push(key);
                Vec::new()
            }
        }
    }

    // Not inlined: it is called once for each of the app's ~220 messages.
    #[inline(never)]
    pub fn forms(&mut self, key: &'static str) -> Forms {
        match self.remove(key) {
            Some(Entry::Forms(f)) => f,
            _ => {
                self.missing.push(key);
                Forms::default()
            }
        }
    }

    /// `key`'s keyed entries, or none: for what a catalogue may leave out
    /// (`@regions`, which English never needs).
    pub fn optional_forms(&mut self, key: &str) -> Forms {
        match self.remove(key) {
            Some(Entry::Forms(f)) => f,
            _ => Forms::default(),
        }
    }

    /// What the catalogue says about itself (`@meta`).
    pub fn meta(&self, key: &str) -> Option<&'static str> {
        match self.map.iter().find(|(k, _)| k == "@meta") {
            Some((_, Entry::Forms(f))) => f.get(key),
            _ => None,
        }
    }

    /// The messages asked for that were not there, if any.
    pub fn missing(&self) -> Result<(), String> {
        if self.missing.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "missing or of the wrong kind: {}",
                self.missing.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_kind_of_entry() {
        let mut e = Entries::parse(
            r#"{"@meta": {"status": "draft"}, "a": "A \"quoted\"", "b": ["x", "y"], "c": {"one": "1", "other": "n"}}"#,
        )
        .unwrap();
        assert_eq!(e.meta("status"), Some("draft"));
        assert_eq!(e.text("a"), "A \"quoted\"");
        assert_eq!(e.list("b"), vec!["x", "y"]);
        let c = e.forms("c");
        assert_eq!((c.pick("one"), c.pick("few")), ("1", "n"));
        assert!(e.missing().is_ok());
        e.text("missing");
        assert_eq!(
            e.missing().unwrap_err(),
            "missing or of the wrong kind: missing"
        );
    }

    #[test]
    fn reads_escapes_and_refuses_what_is_not_a_catalogue() {
        let mut e =
            Entries::parse(r#"{"a": "tab\tquote\" \u00e9 \ud83d\ude00 \/", "b": []}"#).unwrap();
        assert_eq!(e.text("a"), "tab\tquote\" é 😀 /");
        assert!(e.list("b").is_empty());
        for bad in [
            r#"{"a": 1}"#,
            r#"{"a": "x""#,
            r#"{"a": "x"} x"#,
            r#"["a"]"#,
            r#"{"a": "\q"}"#,
        ] {
            assert!(Entries::parse(bad).is_err(), "{bad}");
        }
    }
}

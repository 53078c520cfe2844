//! A language's catalogue (`locales/{tag}.json`) as the app holds it.
//!
//! The file is one JSON object. Each message is a string, a list of
//! strings (paragraphs), or an object of strings: plural forms keyed by
//! the CLDR categories the browser's `Intl.PluralRules` picks (`one`,
//! `few`, `other`, …), or one text per value of a field (a college's
//! status, say). Keys starting with `@` are about the catalogue (its
//! status, its glossary) and are not shown. A hand-written visitor reads
//! it: a generic JSON value type or serde's untagged enums would add their
//! code to every bundle.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

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

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a list of strings or an object of strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
        Ok(Entry::Text(leak(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Entry, E> {
        Ok(Entry::Text(leak(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            items.push(leak(item));
        }
        Ok(Entry::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        let mut forms = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, String>()? {
            forms.push((leak(k), leak(v)));
        }
        Ok(Entry::Forms(Forms(forms)))
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entry, D::Error> {
        d.deserialize_any(EntryVisitor)
    }
}

/// The catalogue's messages by key.
pub struct Entries(BTreeMap<String, Entry>);

impl Entries {
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json)
            .map(Entries)
            .map_err(|e| e.to_string())
    }

    pub fn text(&mut self, key: &str) -> Result<&'static str, String> {
        match self.0.remove(key) {
            Some(Entry::Text(t)) => Ok(t),
            _ => Err(format!("{key}: missing or not a string")),
        }
    }

    pub fn list(&mut self, key: &str) -> Result<Vec<&'static str>, String> {
        match self.0.remove(key) {
            Some(Entry::List(l)) => Ok(l),
            _ => Err(format!("{key}: missing or not a list")),
        }
    }

    pub fn forms(&mut self, key: &str) -> Result<Forms, String> {
        match self.0.remove(key) {
            Some(Entry::Forms(f)) => Ok(f),
            _ => Err(format!("{key}: missing or not an object")),
        }
    }

    /// What the catalogue says about itself (`@meta`).
    pub fn meta(&self, key: &str) -> Option<&'static str> {
        match self.0.get("@meta") {
            Some(Entry::Forms(f)) => f.get(key),
            _ => None,
        }
    }
}

/// `{name}` placeholders in `template` filled from `args`; an unknown
/// placeholder is left as it is, so a mistake shows rather than vanishes.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} of {b}", &[("a", "1"), ("b", "2")]), "1 of 2");
        assert_eq!(fill("{x} stays", &[]), "{x} stays");
        assert_eq!(fill("no { close", &[]), "no { close");
    }

    #[test]
    fn reads_each_kind_of_entry() {
        let mut e = Entries::parse(
            r#"{"@meta": {"status": "draft"}, "a": "A \"quoted\"", "b": ["x", "y"], "c": {"one": "1", "other": "n"}}"#,
        )
        .unwrap();
        assert_eq!(e.meta("status"), Some("draft"));
        assert_eq!(e.text("a").unwrap(), "A \"quoted\"");
        assert_eq!(e.list("b").unwrap(), vec!["x", "y"]);
        let c = e.forms("c").unwrap();
        assert_eq!((c.pick("one"), c.pick("few")), ("1", "n"));
        assert!(e.text("missing").is_err());
    }
}

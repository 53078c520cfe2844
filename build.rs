//! Each bundle carries only the English messages its pages name (English
//! is built in as the fallback; every other language is fetched whole).
//! The survey's words have no place in the public app's first load, nor
//! the public pages' in the survey's.
//!
//! A bundle's pages are its folders and files under `src/pages` (listed
//! below), plus what every app shares: the
//! frame, components, the not-found page. A message is named by `.key` in those files, or by
//! a method of `i18n::Text` they call that reads it (`self.key`), followed
//! through the methods it calls. A name found that is not a message, or a
//! method a page names but does not call, only keeps a message in: the
//! scan can carry too much, never too little. Writes
//! `$OUT_DIR/en-{bundle}.json`; the staff side uses the whole catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SHARED: &[&str] = &[
    "src/components",
    "src/pages/not_found.rs",
    "src/app.rs",
    "src/page.rs",
    "src/links.rs",
];

const BUNDLES: &[(&str, &[&str])] = &[
    (
        "public",
        &[
            "src/pages/home.rs",
            "src/pages/colleges",
            "src/pages/enquiries",
            "src/map",
        ],
    ),
    ("feedback", &["src/pages/surveys"]),
];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src");
    let english: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&read("locales/en.json")).expect("locales/en.json is JSON");
    let methods = text_methods(&read("src/i18n/mod.rs"));
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    write_catalogue_keys(&english, &out);
    write_language_words(&out);
    for (bundle, own) in BUNDLES {
        let mut source = String::new();
        for path in own.iter().chain(SHARED) {
            source.push_str(&read_tree(Path::new(path)));
        }
        let mut named: BTreeSet<String> = names_after_dot(&source);
        // Methods of Text the pages call, and the methods those call.
        let mut queue: Vec<String> = named.iter().cloned().collect();
        while let Some(name) = queue.pop() {
            if let Some(reads) = methods.get(&name) {
                for read in reads {
                    if named.insert(read.clone()) {
                        queue.push(read.clone());
                    }
                }
            }
        }
        let subset: serde_json::Map<String, serde_json::Value> = english
            .iter()
            .filter(|(key, _)| key.as_str() == "@meta" || named.contains(key.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let json = serde_json::to_string(&subset).expect("JSON writes");
        std::fs::write(Path::new(&out).join(format!("en-{bundle}.json")), json)
            .expect("OUT_DIR is writable");
    }
}

/// `$OUT_DIR/catalogue.rs`: the `catalogue!` call that gives `i18n::Text`
/// one field per message of `locales/en.json` (a string, a list, or plural
/// or keyed forms), so that the key list is en.json itself: a message the
/// code names that en.json lacks, or a misspelt key, does not compile.
/// (Every other catalogue is checked against en.json by
/// api/tests/catalogues.rs.) The survey's words and `@…` entries are not
/// messages of the app's own.
fn write_catalogue_keys(english: &serde_json::Map<String, serde_json::Value>, out: &str) {
    let (mut texts, mut lists, mut forms) = (Vec::new(), Vec::new(), Vec::new());
    for (key, value) in english {
        if key.starts_with('@') || key == "survey" {
            continue;
        }
        assert!(
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "locales/en.json: {key:?} is not a message key (lower case, digits and _)"
        );
        match value {
            serde_json::Value::String(_) => texts.push(key.as_str()),
            serde_json::Value::Array(_) => lists.push(key.as_str()),
            serde_json::Value::Object(_) => forms.push(key.as_str()),
            _ => panic!("locales/en.json: {key} is neither text, a list nor forms"),
        }
    }
    let code = format!(
        "catalogue! {{\n    texts: [{}],\n    lists: [{}],\n    forms: [{}],\n}}\n",
        texts.join(", "),
        lists.join(", "),
        forms.join(", ")
    );
    std::fs::write(Path::new(out).join("catalogue.rs"), code).expect("OUT_DIR is writable");
}

/// `$OUT_DIR/language_words.rs`: each language's own words for
/// "Language" and for offering itself ("Read this in English?"), from its
/// catalogue, so a page can speak to the reader in the browser's language
/// before (or without) fetching that whole catalogue.
fn write_language_words(out: &str) {
    let mut rows = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("locales")
        .expect("locales/ reads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let tag = path.file_stem().and_then(|s| s.to_str()).expect("a tag");
        let catalogue: serde_json::Value =
            serde_json::from_str(&read(&path.to_string_lossy())).expect("a catalogue is JSON");
        let word = |key: &str| {
            catalogue[key]
                .as_str()
                .unwrap_or_else(|| panic!("locales/{tag}.json has no {key}"))
                .to_string()
        };
        rows.push(format!(
            "    ({tag:?}, {:?}, {:?}),",
            word("language_menu"),
            word("language_offer")
        ));
    }
    let code = format!(
        "/// (tag, \"Language\", \"Read this in …?\") in each language's own words.\n\
         pub const LANGUAGE_WORDS: &[(&str, &str, &str)] = &[\n{}\n];\n",
        rows.join("\n")
    );
    std::fs::write(Path::new(out).join("language_words.rs"), code).expect("OUT_DIR is writable");
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A file, or every `.rs` file under a folder.
fn read_tree(path: &Path) -> String {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .expect("folder reads")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        entries.iter().map(|p| read_tree(p)).collect()
    } else if path.extension().is_some_and(|e| e == "rs") {
        std::fs::read_to_string(path).expect("source reads")
    } else {
        String::new()
    }
}

/// Every identifier that follows a `.`: field and method names.
fn names_after_dot(source: &str) -> BTreeSet<String> {
    let bytes = source.as_bytes();
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'.' {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
                end += 1;
            }
            if end > start {
                names.insert(source[start..end].to_string());
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    names
}

/// Each method of `Text` in `src/i18n/mod.rs` and the names it reads
/// after `self.` (messages and other methods).
fn text_methods(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut methods = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        let is_method = (trimmed.starts_with("pub fn ") || trimmed.starts_with("fn "))
            && line.starts_with("    ")
            && !line.starts_with("        ");
        if is_method {
            if let Some((name, body)) = current.take() {
                methods.insert(name, self_names(&body));
            }
            let name: String = trimmed
                .trim_start_matches("pub ")
                .trim_start_matches("fn ")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            current = Some((name, String::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    if let Some((name, body)) = current {
        methods.insert(name, self_names(&body));
    }
    methods
}

fn self_names(body: &str) -> BTreeSet<String> {
    body.split("self.")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

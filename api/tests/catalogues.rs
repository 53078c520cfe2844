//! The message catalogues (`locales/{tag}.json`) checked against English,
//! as the compiler once checked the Rust tables: every language has
//! exactly English's messages, the same placeholders, the plural forms its
//! language has, a status and a glossary, and every survey text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use api::languages::Lang;
use serde_json::{Map, Value};

fn locales() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../locales")
}

fn catalogue(lang: Lang) -> Map<String, Value> {
    let path = locales().join(format!("{}.json", lang.tag()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        other => panic!("{path:?} is not a JSON object: {other:?}"),
    }
}

/// The CLDR plural categories `Intl.PluralRules` uses for each language
/// (CLDR 44; the end-to-end test checks them against the browser).
fn plural_categories(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ja | Lang::ZhHant => &["other"],
        Lang::Fr | Lang::It => &["one", "many", "other"],
        Lang::Pl => &["one", "few", "many", "other"],
        Lang::Ar => &["zero", "one", "two", "few", "many", "other"],
        _ => &["one", "other"],
    }
}

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The terms every glossary must settle.
const GLOSSARY: [&str; 6] = [
    "Recovery College",
    "peer tutor",
    "co-production",
    "Learning Set",
    "course",
    "session",
];

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.insert(after[..close].to_string());
        rest = &after[close + 1..];
    }
    out
}

fn is_plural(english: &Map<String, Value>) -> bool {
    english.contains_key("other") && english.keys().all(|k| CATEGORIES.contains(&k.as_str()))
}

fn check_string(problems: &mut Vec<String>, at: &str, english: &str, value: &Value) {
    let Some(s) = value.as_str() else {
        problems.push(format!("{at}: not a string"));
        return;
    };
    if s.trim().is_empty() || (s.trim() != s && !s.ends_with(": ") && !s.ends_with(" ")) {
        problems.push(format!("{at}: empty or padded"));
    }
    if placeholders(s) != placeholders(english) {
        problems.push(format!(
            "{at}: placeholders {:?}, English has {:?}",
            placeholders(s),
            placeholders(english)
        ));
    }
}

/// Every survey text key (`api::surveys::Survey::texts`), for any language but English.
fn survey_keys() -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = api::surveys::bundled()
        .iter()
        .flat_map(|s| s.texts().into_iter().map(|(k, _)| k))
        .collect();
    keys.extend(
        api::surveys::AGREEMENT
            .iter()
            .map(|(id, _)| format!("agreement.{id}")),
    );
    keys
}

fn problems_of(lang: Lang, cat: &Map<String, Value>, english: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    let tag = lang.tag();

    let meta = cat.get("@meta").and_then(Value::as_object);
    let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(Value::as_str);
    if field("lang") != Some(tag)
        || field("name") != Some(lang.name())
        || field("dir") != Some(lang.dir())
    {
        problems.push(format!(
            "{tag}: @meta must give lang, name and dir as api::languages::Lang does"
        ));
    }
    match field("status") {
        Some("reviewed") | Some("draft") => {}
        other => problems.push(format!(
            "{tag}: @meta.status is {other:?}, not reviewed or draft"
        )),
    }

    let messages = |m: &Map<String, Value>| -> BTreeSet<String> {
        m.keys()
            .filter(|k| !k.starts_with('@') && *k != "survey")
            .cloned()
            .collect()
    };
    let (ours, theirs) = (messages(cat), messages(english));
    for k in theirs.difference(&ours) {
        problems.push(format!("{tag}: missing {k}"));
    }
    for k in ours.difference(&theirs) {
        problems.push(format!("{tag}: {k} is not in English"));
    }

    for key in theirs.intersection(&ours) {
        let at = format!("{tag}.{key}");
        let value = &cat[key];
        match &english[key] {
            Value::String(en) => check_string(&mut problems, &at, en, value),
            Value::Array(en) => match value.as_array() {
                Some(list) if list.len() == en.len() => {
                    for (i, (e, v)) in en.iter().zip(list).enumerate() {
                        check_string(
                            &mut problems,
                            &format!("{at}[{i}]"),
                            e.as_str().unwrap_or(""),
                            v,
                        );
                    }
                }
                _ => problems.push(format!("{at}: must be a list of {} paragraphs", en.len())),
            },
            Value::Object(en) => {
                let Some(forms) = value.as_object() else {
                    problems.push(format!("{at}: must be an object"));
                    continue;
                };
                let keys: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
                if is_plural(en) {
                    let want: BTreeSet<&str> = plural_categories(lang).iter().copied().collect();
                    if keys != want {
                        problems.push(format!("{at}: plural forms {keys:?}, {tag} has {want:?}"));
                    }
                    let other = en["other"].as_str().unwrap_or("");
                    for (k, v) in forms {
                        let Some(s) = v.as_str() else {
                            problems.push(format!("{at}.{k}: not a string"));
                            continue;
                        };
                        // A form for one thing may say "a" instead of the number.
                        let ok = if k == "other" {
                            placeholders(s) == placeholders(other)
                        } else {
                            placeholders(s).is_subset(&placeholders(other))
                        };
                        if !ok || s.trim().is_empty() {
                            problems.push(format!(
                                "{at}.{k}: placeholders {:?}, English has {:?}",
                                placeholders(s),
                                placeholders(other)
                            ));
                        }
                    }
                } else {
                    let want: BTreeSet<&str> = en.keys().map(String::as_str).collect();
                    if keys != want {
                        problems.push(format!("{at}: keys {keys:?}, English has {want:?}"));
                    }
                    for (k, e) in en {
                        if let Some(v) = forms.get(k) {
                            check_string(
                                &mut problems,
                                &format!("{at}.{k}"),
                                e.as_str().unwrap_or(""),
                                v,
                            );
                        }
                    }
                }
            }
            _ => problems.push(format!("{at}: English has an unexpected kind of value")),
        }
    }

    if lang != Lang::En {
        let glossary: BTreeSet<&str> = cat
            .get("@glossary")
            .and_then(Value::as_object)
            .map(|g| {
                g.iter()
                    .filter(|(_, v)| v.as_str().is_some_and(|s| !s.trim().is_empty()))
                    .map(|(k, _)| k.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if glossary != GLOSSARY.into_iter().collect() {
            problems.push(format!(
                "{tag}: @glossary must translate exactly {GLOSSARY:?}"
            ));
        }
        let survey: BTreeMap<String, Value> = cat
            .get("survey")
            .and_then(Value::as_object)
            .map(|m| m.clone().into_iter().collect())
            .unwrap_or_default();
        let have: BTreeSet<String> = survey.keys().cloned().collect();
        let want = survey_keys();
        for k in want.difference(&have) {
            problems.push(format!("{tag}: survey text {k} missing"));
        }
        for k in have.difference(&want) {
            problems.push(format!("{tag}: survey text {k} is in no survey"));
        }
        for (k, v) in &survey {
            check_string(&mut problems, &format!("{tag}.survey.{k}"), "", v);
        }
    } else if cat.contains_key("survey") {
        problems.push(
            "en: English survey wording is the definitions' (api/surveys), not the catalogue's"
                .into(),
        );
    }
    problems
}

#[test]
fn every_language_has_a_catalogue_and_no_other_file_is_there() {
    let mut files: Vec<String> = std::fs::read_dir(locales())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = Lang::ALL
        .iter()
        .map(|l| format!("{}.json", l.tag()))
        .collect();
    want.sort();
    assert_eq!(files, want);
}

#[test]
fn region_names_are_for_regions_the_directory_has_and_say_where_they_come_from() {
    let seed: Value = serde_json::from_str(
        &std::fs::read_to_string(locales().join("../server/seed/recovery-colleges.json")).unwrap(),
    )
    .unwrap();
    let regions: BTreeSet<&str> = seed["colleges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["region"].as_str())
        .collect();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let cat = catalogue(lang);
        let names = cat["@regions"]
            .as_object()
            .unwrap_or_else(|| panic!("{lang:?}: @regions"));
        for (region, name) in names {
            assert!(
                regions.contains(region.as_str()),
                "{lang:?}: {region} is no college's region"
            );
            assert!(
                !name.as_str().unwrap_or_default().trim().is_empty(),
                "{lang:?}: {region}"
            );
        }
        let source = cat["@regions_source"].as_str().unwrap_or_default();
        assert!(source.starts_with("Unicode CLDR"), "{lang:?}: {source:?}");
    }
}

#[test]
fn every_catalogue_has_englishs_messages_placeholders_and_its_plural_forms() {
    let english = catalogue(Lang::En);
    assert_eq!(
        english["@meta"]["status"], "reviewed",
        "English is the source and needs no review"
    );
    let problems: Vec<String> = Lang::ALL
        .into_iter()
        .flat_map(|l| problems_of(l, &catalogue(l), &english))
        .collect();
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_is_for() {
    // The rules above, on a broken copy of German: a catalogue that passes
    // must not be passing because the checks see nothing.
    let english = catalogue(Lang::En);
    let mut broken = catalogue(Lang::De);
    broken.remove("home_title");
    broken.insert("page_of".into(), Value::String("Seite {page}".into()));
    broken.insert(
        "colleges_found".into(),
        serde_json::json!({"other": "{n} Colleges"}),
    );
    broken["survey"]
        .as_object_mut()
        .unwrap()
        .remove("agreement.agree");
    let problems = problems_of(Lang::De, &broken, &english);
    for expected in [
        "de: missing home_title",
        "de.page_of: placeholders",
        "de.colleges_found: plural forms",
        "de: survey text agreement.agree missing",
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "{expected} not found in {problems:?}"
        );
    }
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(problems_of(Lang::De, &catalogue(Lang::De), &english).is_empty());
}

//! The directory's data: the real colleges from the bundled data file
//! (`seed/recovery-colleges.json`, the project's copy of the shared data),
//! taken in on first start and again whenever a newer version ships; and
//! synthetic colleges for benchmarks.
//!
//! A newer version adds colleges whose slug is new and updates the fields of
//! existing ones that no person has changed (the editing history says which
//! they did): a staff edit always wins over bundled data. It never deletes a
//! college. Every change is in the college's history as made by "bundled
//! data vN", and the version is recorded, so a second start changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use api::colleges::editing::changed_fields;
use api::{College, CollegeStatus, Delivery, Enrolment, LocationPrecision};
use serde::Deserialize;
use sqlx::SqlitePool;

use crate::colleges::store;

/// The project's copy of `shared/data/recovery-colleges.json`.
const BUNDLED_JSON: &str = include_str!("../../seed/recovery-colleges.json");

/// A directory data file: the bundled one, or one named by `DIRECTORY_DATA`.
#[derive(Deserialize)]
pub struct DataFile {
    /// Version 1 did not say its version.
    #[serde(default = "first_version")]
    pub version: i64,
    /// The month the data was compiled, `YYYY-MM`.
    #[serde(default)]
    pub compiled: Option<String>,
    colleges: Vec<DataCollege>,
}

fn first_version() -> i64 {
    1
}

#[derive(Clone, Deserialize)]
struct DataCollege {
    slug: String,
    name: String,
    host: Option<String>,
    locality: String,
    region: String,
    country: String,
    lat: f64,
    lon: f64,
    location_precision: LocationPrecision,
    opened: Option<u16>,
    website: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    enrolment: Option<Enrolment>,
    #[serde(default)]
    delivery: Option<Delivery>,
    #[serde(default)]
    prospectus_url: Option<String>,
    imroc_demonstration_site: bool,
    #[serde(default)]
    status: CollegeStatus,
    #[serde(default)]
    status_note: Option<String>,
    source: String,
    #[serde(default)]
    evidence: BTreeMap<String, String>,
}

impl From<DataCollege> for College {
    fn from(s: DataCollege) -> Self {
        College {
            slug: s.slug,
            name: s.name,
            host: s.host,
            locality: s.locality,
            region: s.region,
            country: s.country,
            lat: s.lat,
            lon: s.lon,
            location_precision: s.location_precision,
            opened: s.opened,
            website: s.website,
            email: s.email,
            phone: s.phone,
            enrolment: s.enrolment,
            delivery: s.delivery,
            imroc_demonstration_site: s.imroc_demonstration_site,
            prospectus_url: s.prospectus_url,
            status: s.status,
            status_note: s.status_note,
            status_note_by_college: false,
            about: None,
            how_to_enrol: None,
            sharing: api::Sharing::Private,
            source: s.source,
            evidence: s.evidence,
            // The sources do not say languages or Learning Set membership;
            // staff fill them in.
            ..College::default()
        }
    }
}

/// The fields bundled data sets. Languages and Learning Set membership are
/// staff's alone.
const DATA_FIELDS: [&str; 20] = [
    "name",
    "host",
    "locality",
    "region",
    "country",
    "lat",
    "lon",
    "location_precision",
    "opened",
    "website",
    "email",
    "phone",
    "enrolment",
    "delivery",
    "prospectus_url",
    "imroc_demonstration_site",
    "status",
    "status_note",
    "source",
    "evidence",
];

impl DataFile {
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("the directory data is not valid: {e}"))
    }

    /// The data that ships with the server.
    pub fn bundled() -> Self {
        Self::parse(BUNDLED_JSON).expect("the bundled data file is valid")
    }

    pub fn colleges(&self) -> Vec<College> {
        self.colleges.iter().cloned().map(College::from).collect()
    }
}

/// What taking in a data file did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DataReport {
    /// The version taken in, or none when the database had it already.
    pub version: Option<i64>,
    pub added: usize,
    /// Colleges with at least one field changed.
    pub updated: usize,
    /// Fields left as a person set them, though the data says otherwise.
    pub kept: usize,
}

/// The colleges in the bundled data.
pub fn seed_colleges() -> Vec<College> {
    DataFile::bundled().colleges()
}

/// Takes in the bundled data if it is newer than what the database holds.
pub async fn seed(db: &SqlitePool) -> Result<DataReport, sqlx::Error> {
    take_in(db, &DataFile::bundled()).await
}

/// Takes in `data` if its version is newer than the database's: adds new
/// colleges, updates fields no person has changed, records the version.
pub async fn take_in(db: &SqlitePool, data: &DataFile) -> Result<DataReport, sqlx::Error> {
    let mut tx = crate::db::begin_write(db).await?;
    let held = store::data_version(&mut tx).await?.unwrap_or(0);
    if data.version <= held {
        return Ok(DataReport::default());
    }
    let compiled = data.compiled.as_deref();
    let existing: HashMap<String, College> = store::all_real(&mut tx)
        .await?
        .into_iter()
        .map(|c| (c.slug.clone(), c))
        .collect();
    let mut report = DataReport {
        version: Some(data.version),
        ..DataReport::default()
    };
    let mut in_data = HashSet::new();
    for college in data.colleges() {
        in_data.insert(college.slug.clone());
        let Some(old) = existing.get(&college.slug) else {
            store::insert_if_new(&mut *tx, &college, false, compiled).await?;
            // A first start is not a change to anything; later ones are.
            if held > 0 {
                let after = serde_json::to_string(&college).unwrap_or_default();
                store::record_data_change(
                    &mut tx,
                    &college.slug,
                    &["created".into()],
                    data.version,
                    &after,
                )
                .await?;
            }
            report.added += 1;
            continue;
        };
        let people = store::fields_changed_by_people(&mut tx, &college.slug).await?;
        if people.contains("created") {
            // A person added this college; the data has no say over it.
            continue;
        }
        let (merged, kept) = merge(old, &college, &people);
        report.kept += kept;
        let fields = changed_fields(old, &merged);
        if !fields.is_empty() {
            report.updated += 1;
        }
        store::apply_data(&mut tx, &merged, &fields, data.version, compiled).await?;
    }
    for slug in existing.keys().filter(|s| !in_data.contains(*s)) {
        tracing::info!(college = %slug, version = data.version, "not in the bundled data; left as it is");
    }
    store::record_data_version(&mut tx, data.version, compiled).await?;
    tx.commit().await?;
    Ok(report)
}

/// `old` with the data's value for every data field no person changed, and
/// how many fields a person's value was kept for although the data differs.
fn merge(old: &College, data: &College, people: &HashSet<String>) -> (College, usize) {
    let mut merged = serde_json::to_value(old).unwrap_or_default();
    let new = serde_json::to_value(data).unwrap_or_default();
    let mut kept = 0;
    for field in DATA_FIELDS {
        if people.contains(field) {
            kept += usize::from(merged.get(field) != new.get(field));
        } else if let Some(value) = new.get(field) {
            merged[field] = value.clone();
        }
    }
    let mut merged: College = serde_json::from_value(merged).unwrap_or_else(|_| old.clone());
    if !people.contains("evidence") {
        // The data's source pages, except for fields whose value a person
        // set: their page (if any) stays with their value.
        let mut evidence: BTreeMap<String, String> = data
            .evidence
            .iter()
            .filter(|(field, _)| !people.contains(field.as_str()))
            .map(|(f, u)| (f.clone(), u.clone()))
            .collect();
        for (field, url) in &old.evidence {
            if people.contains(field.as_str()) {
                evidence.insert(field.clone(), url.clone());
            }
        }
        merged.evidence = evidence;
    }
    (merged, kept)
}

async fn insert_all(
    db: &SqlitePool,
    colleges: &[College],
    synthetic: bool,
) -> Result<usize, sqlx::Error> {
    // One transaction: one fsync for the lot instead of one per college.
    let mut tx = crate::db::begin_write(db).await?;
    let mut inserted = 0;
    for college in colleges {
        if store::insert_if_new(&mut *tx, college, synthetic, None).await? {
            inserted += 1;
        }
    }
    tx.commit().await?;
    Ok(inserted)
}

/// Adds `n` made-up colleges (slugs `synthetic-1` …) for benchmarks. They are
/// varied enough for searches and filters to select realistic subsets.
pub async fn seed_synthetic(db: &SqlitePool, n: usize) -> Result<usize, sqlx::Error> {
    insert_all(db, &synthetic_colleges(n), true).await
}

pub fn synthetic_colleges(n: usize) -> Vec<College> {
    const PLACES: &[(&str, &str, &str, f64, f64)] = &[
        ("Leeds", "England", "GB", 53.80, -1.55),
        ("Glasgow", "Scotland", "GB", 55.86, -4.25),
        ("Cardiff", "Wales", "GB", 51.48, -3.18),
        ("Belfast", "Northern Ireland", "GB", 54.60, -5.93),
        ("Dublin", "Leinster", "IE", 53.35, -6.26),
        ("Bern", "Bern", "CH", 46.95, 7.45),
        ("Stuttgart", "Baden-Württemberg", "DE", 48.78, 9.18),
        ("Utrecht", "Utrecht", "NL", 52.09, 5.12),
        ("Toronto", "Ontario", "CA", 43.65, -79.38),
        ("Melbourne", "Victoria", "AU", -37.81, 144.96),
        ("Tokyo", "Tokyo", "JP", 35.68, 139.69),
        ("Phoenix", "Arizona", "US", 33.45, -112.07),
    ];
    const WORDS: &[&str] = &[
        "Recovery",
        "Wellbeing",
        "Discovery",
        "Hope",
        "Community",
        "Learning",
        "Horizons",
        "Pathways",
        "Compass",
        "Harbour",
        "Bridge",
        "Open",
    ];
    (1..=n)
        .map(|i| {
            let (town, region, country, lat, lon) = PLACES[i % PLACES.len()];
            let word = WORDS[(i / PLACES.len()) % WORDS.len()];
            // A small, deterministic spread around the town so markers differ.
            let jitter = ((i * 7919) % 1000) as f64 / 1000.0 - 0.5;
            College {
                slug: format!("synthetic-{i}"),
                name: format!("{word} College {town} {i}"),
                host: Some(format!("{town} Health Trust {}", i % 97)),
                locality: town.into(),
                region: region.into(),
                country: country.into(),
                lat: lat + jitter,
                lon: lon - jitter,
                location_precision: LocationPrecision::City,
                opened: Some(2010 + (i % 16) as u16),
                website: None,
                email: None,
                phone: None,
                enrolment: Some(Enrolment::ALL[i % 3]),
                delivery: Some(Delivery::ALL[(i / 3) % 3]),
                languages: vec!["en".into()],
                learning_set_member: Some(i % 5 == 0),
                imroc_demonstration_site: false,
                prospectus_url: None,
                source: "synthetic, for benchmarks".into(),
                ..College::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_file_is_valid_against_the_shared_rules() {
        let colleges = seed_colleges();
        assert_eq!(colleges.len(), 121);
        for c in &colleges {
            assert!(api::colleges::is_valid_slug(&c.slug), "slug {}", c.slug);
            assert!(
                api::countries::is_known(&c.country),
                "country {}",
                c.country
            );
            assert!(!c.source.is_empty(), "{} has a source", c.slug);
            // Staff can save every bundled entry as it is.
            let errors = api::colleges::editing::check_college(c);
            assert!(errors.is_empty(), "{}: {errors:?}", c.slug);
        }
        let mut slugs: Vec<_> = colleges.iter().map(|c| &c.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 121, "slugs are unique");
    }
}

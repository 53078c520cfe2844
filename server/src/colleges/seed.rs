//! Seeding: the real colleges from the project's data file on first start,
//! and synthetic colleges for benchmarks.

use api::{College, Delivery, Enrolment, LocationPrecision};
use serde::Deserialize;
use sqlx::SqlitePool;

use crate::colleges::store;

/// The project's copy of `shared/data/recovery-colleges.json`.
const SEED_JSON: &str = include_str!("../../seed/recovery-colleges.json");

#[derive(Deserialize)]
struct SeedFile {
    colleges: Vec<SeedCollege>,
}

#[derive(Deserialize)]
struct SeedCollege {
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
    imroc_demonstration_site: bool,
    source: String,
}

impl From<SeedCollege> for College {
    fn from(s: SeedCollege) -> Self {
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
            // The public sources do not say these; staff fill them in.
            email: None,
            phone: None,
            enrolment: None,
            delivery: None,
            languages: Vec::new(),
            learning_set_member: None,
            imroc_demonstration_site: s.imroc_demonstration_site,
            prospectus_url: None,
            source: s.source,
            updated_at: String::new(),
        }
    }
}

/// The colleges in the seed file.
pub fn seed_colleges() -> Vec<College> {
    let file: SeedFile = serde_json::from_str(SEED_JSON).expect("the bundled seed file is valid");
    file.colleges.into_iter().map(College::from).collect()
}

/// Inserts the seed file's colleges that are not in the database yet. Running
/// it again changes nothing, and never overwrites a college staff have edited.
pub async fn seed(db: &SqlitePool) -> Result<usize, sqlx::Error> {
    insert_all(db, &seed_colleges(), false).await
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
        if store::insert_if_new(&mut *tx, college, synthetic).await? {
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
                updated_at: String::new(),
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
        assert_eq!(colleges.len(), 50);
        for c in &colleges {
            assert!(api::colleges::is_valid_slug(&c.slug), "slug {}", c.slug);
            assert!(
                api::countries::is_known(&c.country),
                "country {}",
                c.country
            );
            assert!(!c.source.is_empty(), "{} has a source", c.slug);
        }
        let mut slugs: Vec<_> = colleges.iter().map(|c| &c.slug).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 50, "slugs are unique");
    }
}

//! Colleges in the database.

use api::{College, Delivery, Enrolment, LocationPrecision};
use sqlx::{FromRow, SqlitePool};

#[derive(FromRow)]
struct CollegeRow {
    slug: String,
    name: String,
    host: Option<String>,
    locality: String,
    region: String,
    country: String,
    lat: f64,
    lon: f64,
    location_precision: String,
    opened: Option<i64>,
    website: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    enrolment: Option<String>,
    delivery: Option<String>,
    languages: String,
    learning_set_member: Option<bool>,
    imroc_demonstration_site: bool,
    prospectus_url: Option<String>,
    source: String,
    updated_at: String,
}

impl From<CollegeRow> for College {
    fn from(r: CollegeRow) -> Self {
        College {
            slug: r.slug,
            name: r.name,
            host: r.host,
            locality: r.locality,
            region: r.region,
            country: r.country,
            lat: r.lat,
            lon: r.lon,
            // The table's CHECK constraints allow only values these parse.
            location_precision: LocationPrecision::parse(&r.location_precision)
                .unwrap_or(LocationPrecision::Region),
            opened: r.opened.and_then(|y| u16::try_from(y).ok()),
            website: r.website,
            email: r.email,
            phone: r.phone,
            enrolment: r.enrolment.as_deref().and_then(Enrolment::parse),
            delivery: r.delivery.as_deref().and_then(Delivery::parse),
            languages: r
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            learning_set_member: r.learning_set_member,
            imroc_demonstration_site: r.imroc_demonstration_site,
            prospectus_url: r.prospectus_url,
            source: r.source,
            // Shown as a date; the time of day is noise to a reader.
            updated_at: r.updated_at.chars().take(10).collect(),
        }
    }
}

/// A college from a row holding the `colleges` table's columns.
pub fn college_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<College, sqlx::Error> {
    CollegeRow::from_row(row).map(College::from)
}

/// Every published college.
pub async fn published(db: &SqlitePool) -> Result<Vec<College>, sqlx::Error> {
    let rows: Vec<CollegeRow> = sqlx::query_as(
        "SELECT slug, name, host, locality, region, country, lat, lon, location_precision,
                opened, website, email, phone, enrolment, delivery, languages,
                learning_set_member, imroc_demonstration_site, prospectus_url, source, updated_at
         FROM colleges WHERE published = 1",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(College::from).collect())
}

/// Inserts `college` unless a college with its slug exists; true if inserted.
pub async fn insert_if_new<'e, E>(
    db: E,
    college: &College,
    synthetic: bool,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let result = sqlx::query(
        "INSERT INTO colleges (slug, name, host, locality, region, country, lat, lon,
             location_precision, opened, website, email, phone, enrolment, delivery, languages,
             learning_set_member, imroc_demonstration_site, prospectus_url, source, synthetic)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(&college.slug)
    .bind(&college.name)
    .bind(&college.host)
    .bind(&college.locality)
    .bind(&college.region)
    .bind(&college.country)
    .bind(college.lat)
    .bind(college.lon)
    .bind(college.location_precision.as_str())
    .bind(college.opened.map(i64::from))
    .bind(&college.website)
    .bind(&college.email)
    .bind(&college.phone)
    .bind(college.enrolment.map(|e| e.as_str()))
    .bind(college.delivery.map(|d| d.as_str()))
    .bind(college.languages.join(","))
    .bind(college.learning_set_member)
    .bind(college.imroc_demonstration_site)
    .bind(&college.prospectus_url)
    .bind(&college.source)
    .bind(synthetic)
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

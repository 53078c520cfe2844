//! The `colleges` and `college_changes` tables: the only place that reads
//! or writes them. Handlers and other features call these functions.

use api::colleges::editing::{CollegeEdit, CollegeLine};
use api::{College, Delivery, Enrolment, LocationPrecision};
use sqlx::{FromRow, Row, SqlitePool};

use crate::clock;

/// The columns a [`College`] is read from.
const COLUMNS: &str = "slug, name, host, locality, region, country, lat, lon, location_precision,
    opened, website, email, phone, enrolment, delivery, languages, learning_set_member,
    imroc_demonstration_site, prospectus_url, source, updated_at";

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

/// Every published college.
pub async fn published(db: &SqlitePool) -> Result<Vec<College>, sqlx::Error> {
    let rows: Vec<CollegeRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM colleges WHERE published = 1"
    ))
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

/// A real (not synthetic) college, listed or not, and whether it is listed.
pub async fn find(db: &SqlitePool, slug: &str) -> Result<Option<(College, bool)>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, published FROM colleges WHERE slug = ? AND synthetic = 0"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let published: bool = row.try_get("published")?;
    let college = CollegeRow::from_row(&row).map(College::from)?;
    Ok(Some((college, published)))
}

/// Every real college, listed or not, by name.
pub async fn lines(db: &SqlitePool) -> Result<Vec<CollegeLine>, sqlx::Error> {
    let rows = sqlx::query("SELECT slug, name, country, published FROM colleges WHERE synthetic = 0 ORDER BY name COLLATE NOCASE")
        .fetch_all(db)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CollegeLine {
                slug: r.try_get("slug")?,
                name: r.try_get("name")?,
                country: r.try_get("country")?,
                published: r.try_get("published")?,
            })
        })
        .collect()
}

/// One change in a college's history, as stored.
pub struct StoredChange {
    /// The account that made it (none once the account is deleted).
    pub account_id: Option<i64>,
    /// Unix seconds.
    pub changed_at: i64,
    pub fields: Vec<String>,
}

/// A college's changes, newest first.
pub async fn history(db: &SqlitePool, slug: &str) -> Result<Vec<StoredChange>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT account_id, changed_at, fields FROM college_changes
         WHERE slug = ? ORDER BY changed_at DESC, id DESC",
    )
    .bind(slug)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let fields: String = r.try_get("fields")?;
            Ok(StoredChange {
                account_id: r.try_get("account_id")?,
                changed_at: r.try_get("changed_at")?,
                fields: fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(String::from)
                    .collect(),
            })
        })
        .collect()
}

/// What saving an edit did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// Creating a college whose slug is taken.
    SlugTaken,
}

/// Saves an entry (creating it first when `create`) and records the change
/// in its history, in one transaction.
pub async fn save(
    db: &SqlitePool,
    edit: &CollegeEdit,
    account: i64,
    fields: &[String],
    create: bool,
) -> Result<Saved, sqlx::Error> {
    let c = &edit.college;
    let mut tx = crate::db::begin_write(db).await?;
    if create && !insert_if_new(&mut *tx, c, false).await? {
        return Ok(Saved::SlugTaken);
    }
    sqlx::query(
        "UPDATE colleges SET name = ?, host = ?, locality = ?, region = ?, country = ?, lat = ?, lon = ?,
            location_precision = ?, opened = ?, website = ?, email = ?, phone = ?, enrolment = ?, delivery = ?,
            languages = ?, learning_set_member = ?, imroc_demonstration_site = ?, prospectus_url = ?, source = ?,
            published = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE slug = ?",
    )
    .bind(c.name.trim())
    .bind(c.host.as_deref().map(str::trim).filter(|h| !h.is_empty()))
    .bind(c.locality.trim())
    .bind(c.region.trim())
    .bind(&c.country)
    .bind(c.lat)
    .bind(c.lon)
    .bind(c.location_precision.as_str())
    .bind(c.opened.map(i64::from))
    .bind(&c.website)
    .bind(&c.email)
    .bind(&c.phone)
    .bind(c.enrolment.map(|e| e.as_str()))
    .bind(c.delivery.map(|d| d.as_str()))
    .bind(c.languages.join(","))
    .bind(c.learning_set_member)
    .bind(c.imroc_demonstration_site)
    .bind(&c.prospectus_url)
    .bind(c.source.trim())
    .bind(edit.published)
    .bind(&c.slug)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO college_changes (slug, account_id, changed_at, fields, after) VALUES (?, ?, ?, ?, ?)")
        .bind(&c.slug)
        .bind(account)
        .bind(clock::now())
        .bind(fields.join(","))
        .bind(serde_json::to_string(edit).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Saved::Done)
}

//! The `colleges` and `college_changes` tables: the only place that reads
//! or writes them. Handlers and other features call these functions.

use api::colleges::editing::{CollegeEdit, CollegeLine, FieldChange};
use std::collections::HashSet;

use api::{College, CollegeStatus, Delivery, Enrolment, LastChange, LocationPrecision};
use sqlx::{FromRow, Row, SqliteConnection, SqlitePool};

use crate::clock;

/// The columns a [`College`] is read from.
const COLUMNS: &str = "slug, name, host, locality, region, country, lat, lon, location_precision,
    opened, website, email, phone, enrolment, delivery, languages, learning_set_member,
    imroc_demonstration_site, prospectus_url, status, status_note, source, evidence,
    status_note_by_college, about, how_to_enrol, sharing, data_compiled, staff_changed_on, updated_at";

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
    status: String,
    status_note: Option<String>,
    source: String,
    evidence: String,
    status_note_by_college: bool,
    about: Option<String>,
    how_to_enrol: Option<String>,
    sharing: String,
    data_compiled: Option<String>,
    staff_changed_on: Option<String>,
    updated_at: String,
}

impl From<CollegeRow> for College {
    fn from(r: CollegeRow) -> Self {
        // A staff member's change is newer than any data it kept.
        let last_change = match (r.staff_changed_on, r.data_compiled) {
            (Some(on), _) => Some(LastChange::Staff { on }),
            (None, Some(compiled)) => Some(LastChange::Data { compiled }),
            (None, None) => None,
        };
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
            status: CollegeStatus::parse(&r.status).unwrap_or_default(),
            status_note: r.status_note,
            status_note_by_college: r.status_note_by_college,
            about: r.about,
            how_to_enrol: r.how_to_enrol,
            sharing: api::Sharing::parse(&r.sharing).unwrap_or_default(),
            source: r.source,
            evidence: serde_json::from_str(&r.evidence).unwrap_or_default(),
            last_change,
            updated_at: r.updated_at,
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

/// Inserts `college` unless a college with its slug exists; true if
/// inserted. `compiled` is the month of the bundled data it comes from.
pub async fn insert_if_new<'e, E>(
    db: E,
    college: &College,
    synthetic: bool,
    compiled: Option<&str>,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let sql = format!(
        "INSERT INTO colleges (slug, {ENTRY_COLUMNS}, data_compiled, synthetic)
         VALUES (?, {ENTRY_VALUES}, ?, ?)
         ON CONFLICT (slug) DO NOTHING"
    );
    let college = normalised(college);
    let result = bind_entry(sqlx::query(&sql).bind(&college.slug), &college)
        .bind(compiled)
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
    let rows = sqlx::query("SELECT slug, name, country, published, status FROM colleges WHERE synthetic = 0 ORDER BY name COLLATE NOCASE")
        .fetch_all(db)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CollegeLine {
                slug: r.try_get("slug")?,
                name: r.try_get("name")?,
                country: r.try_get("country")?,
                published: r.try_get("published")?,
                closed: r.try_get::<String, _>("status")? == "closed",
            })
        })
        .collect()
}

/// One change in a college's history, as stored.
pub struct StoredChange {
    pub id: i64,
    /// The account that made it (none once the account is deleted, or for
    /// a change made by the bundled data).
    pub account_id: Option<i64>,
    /// The version of the bundled data that made it, if it did.
    pub data_version: Option<i64>,
    /// Unix seconds.
    pub changed_at: i64,
    pub fields: Vec<String>,
    /// The changed fields' values before and after.
    pub values: Vec<FieldChange>,
}

/// One stored change with its entries before and after (JSON objects of a
/// `College`).
struct ChangeRow {
    id: i64,
    account_id: Option<i64>,
    data_version: Option<i64>,
    changed_at: i64,
    fields: Vec<String>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

/// A college's changes, newest first, each with the entry before it: as
/// recorded, or else the entry after the change before it.
async fn change_rows(db: &SqlitePool, slug: &str) -> Result<Vec<ChangeRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, account_id, data_version, changed_at, fields, before, after FROM college_changes
         WHERE slug = ? ORDER BY changed_at DESC, id DESC",
    )
    .bind(slug)
    .fetch_all(db)
    .await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let fields: String = r.try_get("fields")?;
            let before: Option<String> = r.try_get("before")?;
            let after: String = r.try_get("after")?;
            Ok(ChangeRow {
                id: r.try_get("id")?,
                account_id: r.try_get("account_id")?,
                data_version: r.try_get("data_version")?,
                changed_at: r.try_get("changed_at")?,
                fields: fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(String::from)
                    .collect(),
                before: before.as_deref().and_then(entry_of),
                after: entry_of(&after),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    for i in 0..out.len() {
        if out[i].before.is_none() {
            out[i].before = out.get(i + 1).and_then(|older| older.after.clone());
        }
    }
    Ok(out)
}

/// The entry a stored JSON holds: staff changes store the edit
/// (`{college, published}`), the bundled data the college itself.
fn entry_of(json: &str) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    match value.get("college") {
        Some(college) if college.is_object() => Some(college.clone()),
        _ => value.is_object().then_some(value),
    }
}

/// A value as text to read: lists joined, pairs (evidence) as "field url".
fn text_of(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(Value::is_array) => items
            .iter()
            .map(|pair| match pair {
                Value::Array(parts) => parts.iter().map(text_of).collect::<Vec<_>>().join(" "),
                other => text_of(other),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A college's changes, newest first.
pub async fn history(db: &SqlitePool, slug: &str) -> Result<Vec<StoredChange>, sqlx::Error> {
    Ok(change_rows(db, slug)
        .await?
        .into_iter()
        .map(|c| {
            let values = c
                .fields
                .iter()
                .filter_map(|field| {
                    let after = c.after.as_ref()?.get(field)?;
                    Some(FieldChange {
                        field: field.clone(),
                        before: c
                            .before
                            .as_ref()
                            .map(|b| text_of(b.get(field).unwrap_or(&serde_json::Value::Null))),
                        after: text_of(after),
                    })
                })
                .collect();
            StoredChange {
                id: c.id,
                account_id: c.account_id,
                data_version: c.data_version,
                changed_at: c.changed_at,
                fields: c.fields,
                values,
            }
        })
        .collect())
}

/// Changes made by people (not the bundled data) since `since` (Unix
/// seconds), newest first: (slug, account, when, fields).
pub async fn recent_changes(
    db: &SqlitePool,
    since: i64,
) -> Result<Vec<(String, i64, i64, Vec<String>)>, sqlx::Error> {
    let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
        "SELECT slug, account_id, changed_at, fields FROM college_changes
         WHERE account_id IS NOT NULL AND data_version IS NULL AND changed_at >= ?
         ORDER BY changed_at DESC, id DESC LIMIT 200",
    )
    .bind(since)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, account, at, fields)| {
            let fields = fields
                .split(',')
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect();
            (slug, account, at, fields)
        })
        .collect())
}

/// The value `field` had before change `change` of this college, if it is
/// recorded and the change touched that field.
pub async fn value_before(
    db: &SqlitePool,
    slug: &str,
    change: i64,
    field: &str,
) -> Result<Option<serde_json::Value>, sqlx::Error> {
    Ok(change_rows(db, slug)
        .await?
        .into_iter()
        .find(|c| c.id == change && c.fields.iter().any(|f| f == field))
        .and_then(|c| c.before)
        .map(|before| {
            before
                .get(field)
                .cloned()
                .unwrap_or(serde_json::Value::Null)
        }))
}

/// Whether the status note before `change` was the college's own words
/// (older entries do not say: a source's).
pub async fn note_by_college_before(
    db: &SqlitePool,
    slug: &str,
    change: i64,
) -> Result<bool, sqlx::Error> {
    Ok(change_rows(db, slug)
        .await?
        .into_iter()
        .find(|c| c.id == change)
        .and_then(|c| c.before)
        .and_then(|b| b.get("status_note_by_college").and_then(|v| v.as_bool()))
        .unwrap_or(false))
}

/// What saving an edit did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// Creating a college whose slug is taken.
    SlugTaken,
}

/// Saves an entry (creating it first when `create`) and records the change
/// in its history, in one transaction; with `tell_team`, an email to the
/// team about it waits in the outbox.
pub async fn save(
    db: &SqlitePool,
    edit: &CollegeEdit,
    before: Option<&College>,
    account: i64,
    fields: &[String],
    how: Save,
) -> Result<Saved, sqlx::Error> {
    let Save {
        create,
        tell_team,
        at: now,
    } = how;
    let c = &edit.college;
    let mut tx = crate::db::begin_write(db).await?;
    if create && !insert_if_new(&mut *tx, c, false, None).await? {
        return Ok(Saved::SlugTaken);
    }
    let sql = format!(
        "UPDATE colleges SET ({ENTRY_COLUMNS}) = ({ENTRY_VALUES}), published = ?,
            staff_changed_on = ?, updated_at = ?
         WHERE slug = ?"
    );
    let c = &normalised(c);
    bind_entry(sqlx::query(&sql), c)
        .bind(edit.published)
        .bind(api::dates::date_of(now))
        .bind(clock::rfc3339(now))
        .bind(&c.slug)
        .execute(&mut *tx)
        .await?;
    let change: i64 = sqlx::query_scalar("INSERT INTO college_changes (slug, account_id, changed_at, fields, before, after) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
        .bind(&c.slug)
        .bind(account)
        .bind(now)
        .bind(fields.join(","))
        .bind(before.and_then(|b| serde_json::to_string(b).ok()))
        .bind(serde_json::to_string(edit).unwrap_or_default())
        .fetch_one(&mut *tx)
        .await?;
    // The team's email about it is written with it: never lost, never sent
    // for a change that was not saved. (Due by the mail sender's clock.)
    if tell_team {
        sqlx::query("INSERT INTO change_mail (change_id, next_attempt_at) VALUES (?, ?)")
            .bind(change)
            .bind(clock::now())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Saved::Done)
}

/// How [`save`] saves: a new entry or a change, whether the team is
/// emailed about it, and when (by the server's clock: the history says when
/// a college began or stopped sharing, which decides the months it shares).
#[derive(Clone, Copy, Debug)]
pub struct Save {
    pub create: bool,
    pub tell_team: bool,
    pub at: i64,
}

/// Each college's sharing as it was set, oldest first: (slug, when, the
/// setting then). Before its first, a college shared nothing.
pub async fn sharing_history(db: &SqlitePool) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, changed_at,
                COALESCE(json_extract(after, '$.college.sharing'), json_extract(after, '$.sharing'), 'private')
         FROM college_changes
         WHERE ',' || fields || ',' LIKE '%,sharing,%' OR fields = 'created'
         ORDER BY changed_at, id",
    )
    .fetch_all(db)
    .await
}

/// The columns an entry's facts are written to, in [`bind_entry`]'s order.
const ENTRY_COLUMNS: &str = "name, host, locality, region, country, lat, lon, location_precision,
    opened, website, email, phone, enrolment, delivery, languages, learning_set_member,
    imroc_demonstration_site, prospectus_url, status, status_note, source, evidence,
    status_note_by_college, about, how_to_enrol, sharing";
const ENTRY_VALUES: &str =
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds the entry's facts to [`ENTRY_COLUMNS`].
fn bind_entry<'q>(query: Query<'q>, c: &'q College) -> Query<'q> {
    query
        .bind(&c.name)
        .bind(&c.host)
        .bind(&c.locality)
        .bind(&c.region)
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
        .bind(c.status.as_str())
        .bind(&c.status_note)
        .bind(&c.source)
        .bind(serde_json::to_string(&c.evidence).unwrap_or_else(|_| "{}".into()))
        .bind(c.status_note_by_college)
        .bind(&c.about)
        .bind(&c.how_to_enrol)
        .bind(c.sharing.as_str())
}

/// The entry as stored: text trimmed, empty optional text as none.
fn normalised(c: &College) -> College {
    let optional = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    College {
        name: c.name.trim().into(),
        host: optional(&c.host),
        locality: c.locality.trim().into(),
        region: c.region.trim().into(),
        status_note: optional(&c.status_note),
        about: optional(&c.about),
        how_to_enrol: optional(&c.how_to_enrol),
        source: c.source.trim().into(),
        ..c.clone()
    }
}

/// Every real college, listed or not, by slug: what bundled data is
/// compared against.
pub async fn all_real(conn: &mut SqliteConnection) -> Result<Vec<College>, sqlx::Error> {
    let rows: Vec<CollegeRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM colleges WHERE synthetic = 0"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(College::from).collect())
}

/// The fields of a college that a person has ever changed; `created` among
/// them means a person added the college, so every field is theirs.
pub async fn fields_changed_by_people(
    conn: &mut SqliteConnection,
    slug: &str,
) -> Result<HashSet<String>, sqlx::Error> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT fields FROM college_changes WHERE slug = ? AND data_version IS NULL",
    )
    .bind(slug)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .flat_map(|f| f.split(','))
        .filter(|f| !f.is_empty())
        .map(String::from)
        .collect())
}

/// Writes the bundled data's values into an existing college (the caller
/// chose which `fields` may change) and records the change in its history
/// as made by data `version`; marks the entry as compiled in `compiled`.
pub async fn apply_data(
    conn: &mut SqliteConnection,
    c: &College,
    fields: &[String],
    version: i64,
    compiled: Option<&str>,
) -> Result<(), sqlx::Error> {
    if fields.is_empty() {
        sqlx::query("UPDATE colleges SET data_compiled = ? WHERE slug = ?")
            .bind(compiled)
            .bind(&c.slug)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    let sql = format!(
        "UPDATE colleges SET ({ENTRY_COLUMNS}) = ({ENTRY_VALUES}), data_compiled = ?,
            updated_at = ?
         WHERE slug = ?"
    );
    let c = &normalised(c);
    bind_entry(sqlx::query(&sql), c)
        .bind(compiled)
        .bind(clock::rfc3339(clock::now()))
        .bind(&c.slug)
        .execute(&mut *conn)
        .await?;
    let after = serde_json::to_string(c).unwrap_or_default();
    record_data_change(conn, &c.slug, fields, version, &after).await
}

/// Records in a college's history that bundled data `version` changed
/// these fields (`created` for a college it added).
pub async fn record_data_change(
    conn: &mut SqliteConnection,
    slug: &str,
    fields: &[String],
    version: i64,
    after: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO college_changes (slug, account_id, data_version, changed_at, fields, after)
         VALUES (?, NULL, ?, ?, ?, ?)",
    )
    .bind(slug)
    .bind(version)
    .bind(clock::now())
    .bind(fields.join(","))
    .bind(after)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The newest version of the bundled data this database has taken in.
pub async fn data_version(conn: &mut SqliteConnection) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(version) FROM bundled_data")
        .fetch_one(&mut *conn)
        .await
}

/// Notes that bundled data `version` has been taken in.
pub async fn record_data_version(
    conn: &mut SqliteConnection,
    version: i64,
    compiled: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO bundled_data (version, compiled, applied_at) VALUES (?, ?, ?)")
        .bind(version)
        .bind(compiled)
        .bind(clock::now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

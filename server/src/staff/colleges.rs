//! Editing the directory: the team creates, edits and unpublishes
//! colleges; a college's staff edit their own college's entry (but not its
//! Learning Set membership or whether it is listed). Every change is kept
//! with who made it and when. The public suggests changes into a queue the
//! team approves or declines.

use std::net::SocketAddr;

use api::editing::{
    changed_fields, check_college, CollegeChange, CollegeEdit, CollegeLine, CollegeRecord,
    NewSuggestion, Suggestion, SuggestionDecision, SuggestionKind, SuggestionReceipt,
    SuggestionStatus,
};
use api::{College, FieldError};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use sqlx::{Row, SqlitePool};

use super::session::{Staff, Team};
use crate::error::ApiError;
use crate::{clock, AppState};

const COLUMNS: &str = "slug, name, host, locality, region, country, lat, lon, location_precision,
    opened, website, email, phone, enrolment, delivery, languages, learning_set_member,
    imroc_demonstration_site, prospectus_url, source, updated_at";

async fn load(db: &SqlitePool, slug: &str) -> Result<Option<(College, bool)>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, published FROM colleges WHERE slug = ? AND synthetic = 0"
    ))
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let published: bool = row.try_get("published")?;
    let college = crate::colleges::store::college_from_row(&row)?;
    Ok(Some((college, published)))
}

async fn history(db: &SqlitePool, slug: &str) -> Result<Vec<CollegeChange>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT COALESCE(a.name, 'A former account') AS author, c.changed_at, c.fields
         FROM college_changes c LEFT JOIN accounts a ON a.id = c.account_id
         WHERE c.slug = ? ORDER BY c.changed_at DESC, c.id DESC",
    )
    .bind(slug)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| {
            let fields: String = r.try_get("fields")?;
            Ok(CollegeChange {
                author: r.try_get("author")?,
                changed_at: clock::rfc3339(r.try_get("changed_at")?),
                fields: fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(String::from)
                    .collect(),
            })
        })
        .collect()
}

/// The colleges this person can edit: all for the team (listed or not), their own for college staff.
#[utoipa::path(get, path = "/api/staff/colleges", tag = "staff",
    responses(
        (status = 200, description = "Colleges this account can edit", body = Vec<CollegeLine>),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_colleges(
    staff: Staff,
    State(state): State<AppState>,
) -> Result<Json<Vec<CollegeLine>>, ApiError> {
    let rows = sqlx::query("SELECT slug, name, country, published FROM colleges WHERE synthetic = 0 ORDER BY name COLLATE NOCASE")
        .fetch_all(&state.db)
        .await?;
    let mut out = Vec::new();
    for r in &rows {
        let slug: String = r.try_get("slug")?;
        if staff.me.can_see_college(&slug) {
            out.push(CollegeLine {
                slug,
                name: r.try_get("name")?,
                country: r.try_get("country")?,
                published: r.try_get("published")?,
            });
        }
    }
    Ok(Json(out))
}

/// One entry with its history (the team, or the college's staff).
#[utoipa::path(get, path = "/api/staff/colleges/{slug}", tag = "staff",
    params(("slug" = String, Path, description = "The college's slug")),
    responses(
        (status = 200, description = "The entry and its history", body = CollegeRecord),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this college's staff", body = api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such college", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_college(
    staff: Staff,
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<CollegeRecord>, ApiError> {
    staff.require_college(&slug)?;
    let (college, published) = load(&state.db, &slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no college {slug:?}.")))?;
    Ok(Json(CollegeRecord {
        college,
        published,
        history: history(&state.db, &slug).await?,
    }))
}

fn invalid(errors: Vec<FieldError>) -> ApiError {
    ApiError::Unprocessable(errors)
}

/// Saves an entry (the team, or the college's staff for everything but
/// Learning Set membership and listing), recording the change.
#[utoipa::path(put, path = "/api/staff/colleges/{slug}", tag = "staff",
    params(("slug" = String, Path, description = "The college's slug")),
    request_body(content = CollegeEdit, content_type = "application/json"),
    responses(
        (status = 200, description = "Saved; the entry and its history", body = CollegeRecord),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this college's staff", body = api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such college", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks a rule", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_college(
    staff: Staff,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<CollegeRecord>, ApiError> {
    staff.require_college(&slug)?;
    let edit: CollegeEdit = crate::json::parse(&headers, &body)?;
    let (before, was_published) = load(&state.db, &slug)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("There is no college {slug:?}.")))?;
    let mut errors = check_college(&edit.college);
    if edit.college.slug != slug {
        errors.push(FieldError::new(
            "college.slug",
            "The address name of a college cannot change",
        ));
    }
    if !staff.me.is_team() {
        if edit.college.learning_set_member != before.learning_set_member {
            errors.push(FieldError::new(
                "college.learning_set_member",
                "Only the Recovery College team can change Learning Set membership",
            ));
        }
        if edit.published != was_published {
            errors.push(FieldError::new(
                "published",
                "Only the Recovery College team can list or unlist a college",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let mut fields = changed_fields(&before, &edit.college);
    if edit.published != was_published {
        fields.push(
            if edit.published {
                "published"
            } else {
                "unpublished"
            }
            .into(),
        );
    }
    if !fields.is_empty() {
        save(&state.db, &edit, staff.account_id, &fields, false).await?;
        state.directory.reload(&state.db).await?;
        tracing::info!(college = %slug, account = staff.account_id, "college entry changed");
    }
    get_college(staff, State(state), Path(slug)).await
}

async fn save(
    db: &SqlitePool,
    edit: &CollegeEdit,
    account: i64,
    fields: &[String],
    create: bool,
) -> Result<(), ApiError> {
    let c = &edit.college;
    let mut tx = crate::db::begin_write(db).await?;
    if create {
        let inserted = crate::colleges::store::insert_if_new(&mut *tx, c, false).await?;
        if !inserted {
            return Err(ApiError::Conflict(format!(
                "There is already a college called {:?}.",
                c.slug
            )));
        }
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
    Ok(())
}

/// Adds a college to the directory (team only).
#[utoipa::path(post, path = "/api/staff/colleges", tag = "staff",
    request_body(content = CollegeEdit, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = CollegeRecord),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The slug is taken", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks a rule", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_college(
    Team(staff): Team,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<CollegeRecord>), ApiError> {
    let edit: CollegeEdit = crate::json::parse(&headers, &body)?;
    let errors = check_college(&edit.college);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    save(
        &state.db,
        &edit,
        staff.account_id,
        &["created".to_string()],
        true,
    )
    .await?;
    state.directory.reload(&state.db).await?;
    let slug = edit.college.slug.clone();
    let Json(record) = get_college(staff, State(state), Path(slug)).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

/// A suggestion from the public: a change to a listed college, or a new one.
#[utoipa::path(post, path = "/api/suggestions", tag = "colleges",
    request_body(content = NewSuggestion, content_type = "application/json"),
    responses(
        (status = 201, description = "Received for the team to review", body = SuggestionReceipt),
        (status = 400, description = "The body is not a suggestion", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field breaks a rule", body = api::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many from this address this hour", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn suggest(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<SuggestionReceipt>), ApiError> {
    state.enquiries.check_limit(peer.ip())?;
    let s: NewSuggestion = crate::json::parse(&headers, &body)?;
    let mut errors: Vec<FieldError> = s
        .problems()
        .into_iter()
        .map(|(f, r)| FieldError::new(f, r))
        .collect();
    if let Some(slug) = s.college.as_deref().filter(|c| !c.is_empty()) {
        if state.directory.get(slug).is_none() {
            errors.push(FieldError::new(
                "college",
                "Select a college from the directory",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let spam = !s.website.trim().is_empty();
    let kind = match s.kind {
        Some(SuggestionKind::NewCollege) => "new_college",
        _ => "change",
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO suggestions (kind, college, details, email, status, received_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(kind)
    .bind(s.college.as_deref().filter(|c| !c.is_empty()))
    .bind(s.details.trim())
    .bind(Some(s.email.trim()).filter(|e| !e.is_empty()))
    // A bot that filled the hidden field is answered as usual; its
    // suggestion is declined at once, kept for the retention period.
    .bind(if spam { "declined" } else { "open" })
    .bind(clock::now())
    .fetch_one(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(SuggestionReceipt { id })))
}

/// The review queue, open first (team only).
#[utoipa::path(get, path = "/api/staff/suggestions", tag = "staff",
    responses(
        (status = 200, description = "Suggestions, open ones first, newest first", body = Vec<Suggestion>),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_suggestions(
    _team: Team,
    State(state): State<AppState>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let rows = sqlx::query(
        "SELECT s.id, s.kind, s.college, s.details, s.email, s.status, s.received_at, a.name AS decided_by
         FROM suggestions s LEFT JOIN accounts a ON a.id = s.decided_by
         ORDER BY s.status <> 'open', s.received_at DESC, s.id DESC LIMIT 500",
    )
    .fetch_all(&state.db)
    .await?;
    let list = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            let status: String = r.try_get("status")?;
            Ok(Suggestion {
                id: r.try_get("id")?,
                kind: if kind == "new_college" {
                    SuggestionKind::NewCollege
                } else {
                    SuggestionKind::Change
                },
                college: r.try_get("college")?,
                details: r.try_get("details")?,
                email: r.try_get("email")?,
                status: SuggestionStatus::parse(&status).unwrap_or(SuggestionStatus::Open),
                received_at: clock::rfc3339(r.try_get("received_at")?),
                decided_by: r.try_get("decided_by")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(Json(list))
}

/// Approves or declines a suggestion (team only). Approving records the
/// decision; the change itself is made in the editor.
#[utoipa::path(patch, path = "/api/staff/suggestions/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The suggestion's number")),
    request_body(content = SuggestionDecision, content_type = "application/json"),
    responses(
        (status = 204, description = "Decided"),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such suggestion", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn decide_suggestion(
    Team(staff): Team,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<StatusCode, ApiError> {
    let decision: SuggestionDecision = crate::json::parse(&headers, &body)?;
    let done = sqlx::query(
        "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
    )
    .bind(decision.status.as_str())
    .bind(staff.account_id)
    .bind(clock::now())
    .bind(id)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound(format!("There is no suggestion {id}.")));
    }
    Ok(StatusCode::NO_CONTENT)
}

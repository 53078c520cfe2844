//! Suggestions from the public: a change to a listed college, or a college
//! to add, into a queue the team approves or declines. The only code that
//! touches the `suggestions` table.

use api::colleges::editing::{
    NewSuggestion, Suggestion, SuggestionDecision, SuggestionKind, SuggestionReceipt,
    SuggestionStatus,
};
use api::FieldError;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use sqlx::{Row, SqlitePool};

use crate::accounts::Team;
use crate::http::client::ClientAddr;
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::responses::{FieldRuleBroken, NotSignedIn, NotTeam};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::{clock, AppState};

/// A suggestion from the public: a change to a listed college, or a new one.
#[utoipa::path(post, path = "/api/suggestions", tag = "colleges",
    request_body(content = NewSuggestion, content_type = "application/json"),
    responses(
        (status = 201, description = "Received for the team to review", body = SuggestionReceipt),
        (status = 400, description = "The body is not a suggestion", body = api::Problem, content_type = "application/problem+json"),
        FieldRuleBroken,
        (status = 429, description = "Too many from this address this hour", body = api::Problem, content_type = "application/problem+json"),
        TooLarge, NotJson,
    ))]
pub async fn suggest(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    JsonBody(mut s): JsonBody<NewSuggestion>,
) -> Result<(StatusCode, Json<SuggestionReceipt>), ApiError> {
    s.normalise();
    state.enquiries.check_limit(client)?;
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
        return Err(ApiError::Unprocessable(errors));
    }
    let spam = !s.website.trim().is_empty();
    let kind = s.kind.unwrap_or(SuggestionKind::Change).as_str();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO suggestions (kind, college, details, email, status, received_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(kind)
    .bind(s.college.as_deref().filter(|c| !c.is_empty()))
    .bind(s.details.trim())
    .bind(Some(s.email.trim()).filter(|e| !e.is_empty()))
    // A bot that filled the hidden field is answered as usual; its
    // suggestion is declined at once, kept for the retention period.
    .bind(if spam {
        SuggestionStatus::Declined
    } else {
        SuggestionStatus::Open
    }
    .as_str())
    .bind(clock::now())
    .fetch_one(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(SuggestionReceipt { id })))
}

/// The review queue, open first (team only).
#[utoipa::path(get, path = "/api/staff/suggestions", tag = "staff",
    responses(
        (status = 200, description = "Suggestions, open ones first, newest first", body = Vec<Suggestion>),
        NotSignedIn,
        NotTeam,
    ))]
pub async fn list_suggestions(
    _team: Team,
    State(state): State<AppState>,
) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let rows = sqlx::query(
        "SELECT id, kind, college, details, email, status, received_at, decided_by
         FROM suggestions
         ORDER BY status <> ?, received_at DESC, id DESC LIMIT 500",
    )
    .bind(SuggestionStatus::Open.as_str())
    .fetch_all(&state.db)
    .await?;
    let deciders = rows
        .iter()
        .map(|r| r.try_get("decided_by"))
        .collect::<Result<Vec<Option<i64>>, sqlx::Error>>()?;
    let ids: Vec<i64> = deciders.iter().flatten().copied().collect();
    let names = crate::accounts::names(&state.db, &ids).await?;
    // Who is whose staff, to mark suggestions a college made about itself.
    let staff: Vec<(String, String)> = sqlx::query_as(
        "SELECT lower(a.email), c.college FROM accounts a JOIN account_colleges c ON c.account_id = a.id",
    )
    .fetch_all(&state.db)
    .await?;
    let list = rows
        .iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            let status: String = r.try_get("status")?;
            let college: Option<String> = r.try_get("college")?;
            let email: Option<String> = r.try_get("email")?;
            let from_college_staff = match (&email, &college) {
                (Some(email), Some(college)) => staff
                    .iter()
                    .any(|(e, c)| *e == email.trim().to_lowercase() && c == college),
                _ => false,
            };
            Ok(Suggestion {
                id: r.try_get("id")?,
                kind: SuggestionKind::parse(&kind).unwrap_or(SuggestionKind::Change),
                college_name: college
                    .as_deref()
                    .and_then(|slug| state.directory.get(slug))
                    .map(|c| c.name.clone()),
                from_college_staff,
                college,
                details: r.try_get("details")?,
                email,
                status: SuggestionStatus::parse(&status).unwrap_or(SuggestionStatus::Open),
                received_at: clock::rfc3339(r.try_get("received_at")?),
                decided_by: r
                    .try_get::<Option<i64>, _>("decided_by")?
                    .and_then(|id| names.get(&id).cloned()),
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
        NotSignedIn,
        NotTeam,
        (status = 404, description = "No such suggestion", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn decide_suggestion(
    Team(staff): Team,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    JsonBody(decision): JsonBody<SuggestionDecision>,
) -> Result<StatusCode, ApiError> {
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

/// Whether suggestion `id` can be carried out by saving `college` (`None`:
/// adding a college): it is open and about that college, or suggests a new
/// one. A 422 naming `approves` otherwise.
pub async fn check_applies(
    db: &SqlitePool,
    id: i64,
    college: Option<&str>,
) -> Result<(), ApiError> {
    let found: Option<(String, Option<String>, String)> =
        sqlx::query_as("SELECT kind, college, status FROM suggestions WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?;
    let refuse = |why: &str| {
        Err(ApiError::Unprocessable(vec![FieldError::new(
            "approves", why,
        )
        .with_code("invalid")]))
    };
    let Some((kind, about, status)) = found else {
        return refuse("There is no such suggestion");
    };
    if status != SuggestionStatus::Open.as_str() {
        return refuse("That suggestion has been decided already");
    }
    let fits = match college {
        Some(slug) => kind == SuggestionKind::Change.as_str() && about.as_deref() == Some(slug),
        None => kind == SuggestionKind::NewCollege.as_str(),
    };
    if !fits {
        return refuse("That suggestion is about another college");
    }
    Ok(())
}

/// Marks a suggestion approved once the change it asked for is saved.
pub async fn approve(db: &SqlitePool, id: i64, account: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?",
    )
    .bind(SuggestionStatus::Approved.as_str())
    .bind(account)
    .bind(clock::now())
    .bind(id)
    .bind(SuggestionStatus::Open.as_str())
    .execute(db)
    .await?;
    Ok(())
}

/// How many suggestions wait for a decision (for the staff home page).
pub async fn count_open(db: &SqlitePool) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM suggestions WHERE status = ?")
        .bind(SuggestionStatus::Open.as_str())
        .fetch_one(db)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Deletes suggestions received before `cutoff` (Unix seconds); they may
/// hold an email address, so they follow the enquiries' retention period.
pub async fn delete_received_before(db: &SqlitePool, cutoff: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM suggestions WHERE received_at < ?")
        .bind(cutoff)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

//! The team's enquiries inbox: filter, open, set a status, add notes,
//! rescue spam, export to CSV, and find and erase one person's data.

use api::csv::csv_record;
use api::enquiries::inbox::{
    Assigned, Assignment, EnquiryDetail, EnquiryFilter, EnquiryUpdate, Note, ReplyState, TeamMember,
};
use api::enquiries::{EnquiryRecord, EnquiryStatus};
use api::FieldError;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::accounts::Team;
use crate::enquiries::store::{record_from_row, RECORD_COLUMNS};
use crate::http::csv_response;
use crate::http::error::responses::{BadBody, NotJson, TooLarge};
use crate::http::error::responses::{NotSignedIn, NotTeam};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::{clock, AppState};

/// The filter from the query string: 400 naming a bad parameter.
fn parse_filter(query: Option<&str>) -> Result<EnquiryFilter, ApiError> {
    let filter: EnquiryFilter = crate::http::query::read(query)?;
    let problems = filter.problems();
    if !problems.is_empty() {
        return Err(ApiError::InvalidInput(
            problems
                .into_iter()
                .map(|(f, r)| FieldError::new(f, r))
                .collect(),
        ));
    }
    Ok(filter)
}

/// Enquiries matching `filter`, as seen by the team member `me` (for
/// "assigned to me").
pub async fn find(
    db: &SqlitePool,
    filter: &EnquiryFilter,
    me: i64,
) -> Result<Vec<EnquiryRecord>, sqlx::Error> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
        "SELECT {RECORD_COLUMNS} FROM enquiries WHERE 1 = 1"
    ));
    match filter.status {
        Some(status) => {
            q.push(" AND status = ").push_bind(status.as_str());
        }
        // One person's data includes their spam; the inbox does not.
        None if filter.email.is_none() => {
            q.push(" AND status <> ")
                .push_bind(EnquiryStatus::Spam.as_str());
        }
        None => {}
    }
    if filter.open == Some(true) {
        q.push(" AND status IN ('new', 'in_progress')");
    }
    match filter.assigned {
        Some(Assigned::Me) => {
            q.push(" AND assignee_id = ").push_bind(me);
        }
        Some(Assigned::Nobody) => {
            q.push(" AND assignee_id IS NULL");
        }
        None => {}
    }
    if let Some(kind) = filter.kind {
        q.push(" AND kind = ").push_bind(kind.as_str());
    }
    if let Some(country) = &filter.country {
        q.push(" AND country = ").push_bind(country.clone());
    }
    // The filter's days were checked when it was read.
    if let Some(from) = filter.from.as_deref().and_then(api::dates::parse_date) {
        q.push(" AND received_at >= ")
            .push_bind(api::dates::day_start(from));
    }
    if let Some(to) = filter.to.as_deref().and_then(api::dates::parse_date) {
        q.push(" AND received_at < ")
            .push_bind(api::dates::day_end(to));
    }
    if let Some(email) = &filter.email {
        q.push(" AND email = ")
            .push_bind(email.trim().to_string())
            .push(" COLLATE NOCASE");
    }
    // Every word somewhere in what they wrote or who they are (SQLite's
    // LIKE ignores case for ASCII letters).
    for pattern in api::enquiries::inbox::search_patterns(filter.q.as_deref().unwrap_or("")) {
        q.push(" AND (");
        for (i, column) in ["name", "organisation", "role", "email", "message"]
            .iter()
            .enumerate()
        {
            if i > 0 {
                q.push(" OR ");
            }
            q.push(*column)
                .push(" LIKE ")
                .push_bind(pattern.clone())
                .push(" ESCAPE '\\'");
        }
        q.push(")");
    }
    // As a helpdesk's queue: open ones first, the longest waiting at the
    // top; then the rest, newest first.
    q.push(" ORDER BY status IN ('new', 'in_progress') DESC, CASE WHEN status IN ('new', 'in_progress') THEN received_at END ASC, CASE WHEN status IN ('new', 'in_progress') THEN id END ASC, received_at DESC, id DESC LIMIT ")
        .push_bind(api::enquiries::inbox::ENQUIRY_LIST_LIMIT as i64);
    let rows = q.build().fetch_all(db).await?;
    rows.iter().map(record_from_row).collect()
}

/// Enquiries matching the filters, open ones first (oldest first), then the
/// rest newest first (team only). Without a
/// status, spam is left out.
#[utoipa::path(get, path = "/api/staff/enquiries", tag = "staff", params(EnquiryFilter),
    responses(
        (status = 200, description = "Matching enquiries: open ones first (oldest first), then the rest, newest first", body = Vec<EnquiryRecord>),
        (status = 400, description = "A filter's value is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotTeam,
    ))]
pub async fn list_enquiries(
    Team(staff): Team,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<EnquiryRecord>>, ApiError> {
    let filter = parse_filter(query.as_deref())?;
    Ok(Json(find(&state.db, &filter, staff.account_id).await?))
}

/// The same as CSV (RFC 4180; cells that could start a formula are neutralised).
#[utoipa::path(get, path = "/api/staff/enquiries.csv", tag = "staff", params(EnquiryFilter),
    responses(
        (status = 200, description = "Matching enquiries as CSV", content_type = "text/csv"),
        (status = 400, description = "A filter's value is not valid", body = api::Problem, content_type = "application/problem+json"),
        NotSignedIn,
        NotTeam,
    ))]
pub async fn export_enquiries(
    Team(staff): Team,
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let filter = parse_filter(query.as_deref())?;
    let records = find(&state.db, &filter, staff.account_id).await?;
    let mut csv = csv_record(&[
        "reference",
        "received_at",
        "status",
        "kind",
        "runs_colleges",
        "college_count",
        "stage",
        "name",
        "email",
        "organisation",
        "role",
        "country",
        "message",
        "spam_reason",
        "assignee",
        "team_notes",
    ]);
    // The team's notes go in too: one person's export is everything held
    // about them, and what staff wrote about them is part of that.
    for e in &records {
        let notes = notes(&state.db, &e.reference)
            .await?
            .iter()
            .map(|n| {
                let what = if n.reply.is_some() { "reply" } else { "note" };
                format!("{} {} ({what}): {}", n.created_at, n.author, n.body)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let runs = e
            .runs_colleges
            .map(|b| if b { "yes" } else { "no" })
            .unwrap_or("");
        let count = e.college_count.map(|n| n.to_string()).unwrap_or_default();
        csv.push_str(&csv_record(&[
            e.reference.as_str(),
            &e.received_at,
            e.status.as_str(),
            e.kind.as_str(),
            runs,
            &count,
            e.stage.map(|s| s.as_str()).unwrap_or(""),
            &e.name,
            &e.email,
            &e.organisation,
            &e.role,
            &e.country,
            &e.message,
            e.spam_reason.as_deref().unwrap_or(""),
            e.assignee.as_deref().unwrap_or(""),
            &notes,
        ]));
    }
    Ok(csv_response(csv, "enquiries.csv"))
}

/// The team's notes and replies on one enquiry, oldest first.
pub async fn notes(db: &SqlitePool, reference: &str) -> Result<Vec<Note>, ApiError> {
    let rows = sqlx::query(
        "SELECT n.account_id, n.body, n.created_at, n.kind,
            (SELECT COUNT(*) FROM mail_outbox o WHERE o.note_id = n.id) AS queued,
            (SELECT MAX(o.sent_at) FROM mail_outbox o WHERE o.note_id = n.id) AS sent_at,
            (SELECT MAX(o.next_attempt_at) FROM mail_outbox o WHERE o.note_id = n.id) AS next_attempt
         FROM enquiry_notes n
         JOIN enquiries e ON e.id = n.enquiry_id
         WHERE e.reference = ? ORDER BY n.created_at, n.id",
    )
    .bind(reference)
    .fetch_all(db)
    .await?;
    let ids = rows
        .iter()
        .map(|n| n.try_get("account_id"))
        .collect::<Result<Vec<i64>, sqlx::Error>>()?;
    let names = crate::accounts::names(db, &ids).await?;
    let notes = rows
        .iter()
        .zip(ids)
        .map(|(n, id)| {
            let kind: String = n.try_get("kind")?;
            let queued: i64 = n.try_get("queued")?;
            let sent_at: Option<i64> = n.try_get("sent_at")?;
            let next_attempt: Option<i64> = n.try_get("next_attempt")?;
            let reply = (kind == "reply").then(|| match (queued, sent_at) {
                (0, _) => ReplyState::Recorded,
                (_, Some(at)) => ReplyState::Sent(clock::rfc3339(at)),
                _ if next_attempt == Some(crate::enquiries::mail::GIVEN_UP) => ReplyState::Failed,
                (_, None) => ReplyState::Waiting,
            });
            Ok(Note {
                reply,
                author: names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| "A former account".into()),
                body: n.try_get("body")?,
                created_at: clock::rfc3339(n.try_get("created_at")?),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(notes)
}

async fn detail(state: &AppState, reference: &str) -> Result<EnquiryDetail, ApiError> {
    let db = &state.db;
    let row = sqlx::query(&format!(
        "SELECT {RECORD_COLUMNS}, assignee_id FROM enquiries WHERE reference = ?"
    ))
    .bind(reference)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no enquiry {reference}.")))?;
    let notes = notes(db, reference).await?;
    Ok(EnquiryDetail {
        enquiry: record_from_row(&row)?,
        notes,
        assignee_id: row.try_get("assignee_id")?,
        team: team_members(db).await?,
        sends_email: state.enquiries.config.mail.is_some(),
    })
}

/// The team's enabled accounts by name, to assign enquiries to.
async fn team_members(db: &SqlitePool) -> Result<Vec<TeamMember>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM accounts WHERE role = ? AND disabled_at IS NULL
         ORDER BY name COLLATE NOCASE, id",
    )
    .bind(api::accounts::Role::Team.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| TeamMember { id, name })
        .collect())
}

/// One enquiry with its notes (team only).
#[utoipa::path(get, path = "/api/staff/enquiries/{reference}", tag = "staff",
    params(("reference" = String, Path, description = "ENQ-2026-00042")),
    responses(
        (status = 200, description = "The enquiry and its notes", body = EnquiryDetail),
        NotSignedIn,
        NotTeam,
        (status = 404, description = "No such enquiry", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_enquiry(
    _team: Team,
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<EnquiryDetail>, ApiError> {
    Ok(Json(detail(&state, &reference).await?))
}

/// Sets an enquiry's status (spam back to new rescues it) and adds a note (team only).
#[utoipa::path(patch, path = "/api/staff/enquiries/{reference}", tag = "staff",
    params(("reference" = String, Path, description = "ENQ-2026-00042")),
    request_body(content = EnquiryUpdate, content_type = "application/json"),
    responses(
        (status = 200, description = "The enquiry as it now is", body = EnquiryDetail),
        NotSignedIn,
        NotTeam,
        (status = 404, description = "No such enquiry", body = api::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long note", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn update_enquiry(
    Team(staff): Team,
    State(state): State<AppState>,
    Path(reference): Path<String>,
    JsonBody(update): JsonBody<EnquiryUpdate>,
) -> Result<Json<EnquiryDetail>, ApiError> {
    let problems = update.problems();
    if !problems.is_empty() {
        return Err(ApiError::Unprocessable(
            problems
                .into_iter()
                .map(|(field, code, reason)| FieldError::new(field, reason).with_code(code))
                .collect(),
        ));
    }
    let assignee = match update.assign {
        None => None,
        Some(Assignment::Nobody) => Some(None),
        Some(Assignment::Account(id)) => {
            if !team_members(&state.db).await?.iter().any(|m| m.id == id) {
                return Err(ApiError::Unprocessable(vec![FieldError::new(
                    "assign",
                    "Enquiries can be assigned only to a member of the Recovery College team",
                )
                .with_code("not_team")]));
            }
            Some(Some(id))
        }
    };
    let note = update.note.as_deref().map(str::trim);
    let reply = update.reply.as_deref().map(str::trim);
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (id, old): (i64, String) =
        sqlx::query_as("SELECT id, status FROM enquiries WHERE reference = ?")
            .bind(&reference)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("There is no enquiry {reference}.")))?;
    // Suspected spam may carry anyone's address: rescued first, then answered.
    let rescued = update.status.is_some_and(|s| s != EnquiryStatus::Spam);
    if reply.is_some() && old == EnquiryStatus::Spam.as_str() && !rescued {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "reply",
            "This enquiry is taken for spam: move it to the inbox before replying",
        )
        .with_code("spam")]));
    }
    // Answering someone starts the work on their enquiry.
    let status = update.status.or_else(|| {
        (reply.is_some() && old == EnquiryStatus::New.as_str()).then_some(EnquiryStatus::InProgress)
    });
    if let Some(status) = status {
        sqlx::query(
            "UPDATE enquiries SET status = ?, spam_reason = CASE WHEN ? THEN spam_reason ELSE NULL END WHERE id = ?",
        )
        .bind(status.as_str())
        .bind(status == EnquiryStatus::Spam)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if old == EnquiryStatus::Spam.as_str() && status != EnquiryStatus::Spam {
            // A rescued enquiry reaches the team by email like any other.
            sqlx::query("INSERT INTO mail_outbox (enquiry_id, next_attempt_at) VALUES (?, ?)")
                .bind(id)
                .bind(clock::now())
                .execute(&mut *tx)
                .await?;
        }
    }
    if let Some(assignee) = assignee {
        sqlx::query("UPDATE enquiries SET assignee_id = ? WHERE id = ?")
            .bind(assignee)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    for (kind, text) in [("note", note), ("reply", reply)] {
        let Some(text) = text else { continue };
        let note_id: i64 = sqlx::query_scalar(
            "INSERT INTO enquiry_notes (enquiry_id, account_id, body, created_at, kind) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(id)
        .bind(staff.account_id)
        .bind(text)
        .bind(clock::now())
        .bind(kind)
        .fetch_one(&mut *tx)
        .await?;
        // Emailed to the person through the outbox (retried until it
        // goes) when this server sends email; otherwise it was sent from
        // someone's own email and is only recorded.
        if kind == "reply" && state.enquiries.config.mail.is_some() {
            sqlx::query(
                "INSERT INTO mail_outbox (enquiry_id, note_id, next_attempt_at) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(note_id)
            .bind(clock::now())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    if reply.is_some() {
        state.enquiries.wake_mail();
    }
    Ok(Json(detail(&state, &reference).await?))
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasePerson {
    pub email: String,
}

#[derive(Deserialize, Serialize, utoipa::ToSchema)]
pub struct Erased {
    pub erased: u64,
}

/// Erases every enquiry from one email address (team only).
#[utoipa::path(post, path = "/api/staff/people/erase", tag = "staff",
    request_body(content = ErasePerson, content_type = "application/json"),
    responses(
        (status = 200, description = "How many enquiries were erased", body = Erased),
        NotSignedIn,
        NotTeam,
        (status = 422, description = "No email address given", body = api::Problem, content_type = "application/problem+json"),
        BadBody, TooLarge, NotJson,
    ))]
pub async fn erase_person(
    Team(staff): Team,
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ErasePerson>,
) -> Result<(StatusCode, Json<Erased>), ApiError> {
    if request.email.trim().is_empty() {
        return Err(ApiError::Unprocessable(vec![FieldError::new(
            "email",
            "Enter the email address whose data to erase",
        )
        .with_code("missing")]));
    }
    let erased = crate::enquiries::store::erase_by_email(&state.db, &request.email).await?;
    tracing::info!(
        account = staff.account_id,
        erased,
        "erased one person's enquiries"
    );
    Ok((StatusCode::OK, Json(Erased { erased })))
}

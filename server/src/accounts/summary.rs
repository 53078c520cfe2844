//! What waits for the team, counted for the staff home page: new
//! enquiries, suspected spam, open suggestions, emails not sent, and
//! comments that could become testimonials. The
//! counts come from the stores of the features that own those tables.

use api::accounts::{CollegeEdited, MailSettings, StaffSummary};
use api::enquiries::EnquiryStatus;
use axum::extract::State;
use axum::Json;

use super::session::Team;
use crate::http::error::responses::{BadBody, NotJson, NotSignedIn, NotTeam, TooLarge};
use crate::http::error::ApiError;
use crate::http::json::JsonBody;
use crate::{colleges, enquiries, AppState};

/// Counts of what waits for the team (team only).
#[utoipa::path(get, path = "/api/staff/summary", tag = "staff",
    responses(
        (status = 200, description = "Counts of what waits for the team", body = StaffSummary),
        NotSignedIn, NotTeam,
    ))]
pub async fn summary(
    _team: Team,
    State(state): State<AppState>,
) -> Result<Json<StaffSummary>, ApiError> {
    let db = &state.db;
    // What colleges' own staff changed in their entries lately: the team
    // looks over what it did not write.
    let staff = super::manage::college_staff_ids(db).await?;
    let since = crate::clock::now() - 30 * 24 * 3600;
    let edits: Vec<_> = colleges::store::recent_changes(db, since)
        .await?
        .into_iter()
        .filter(|(_, account, ..)| staff.contains(account))
        .take(10)
        .collect();
    let ids: Vec<i64> = edits.iter().map(|(_, account, ..)| *account).collect();
    let names = super::names(db, &ids).await?;
    let college_edits = edits
        .into_iter()
        .map(|(slug, account, at, fields)| CollegeEdited {
            college_name: state
                .directory
                .get(&slug)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| slug.clone()),
            college: slug,
            author: names.get(&account).cloned().unwrap_or_default(),
            changed_at: crate::clock::rfc3339(at),
            fields,
        })
        .collect();
    Ok(Json(StaffSummary {
        college_edits,
        new_enquiries: enquiries::store::count_with_status(db, EnquiryStatus::New).await?,
        suspected_spam: enquiries::store::count_with_status(db, EnquiryStatus::Spam).await?,
        open_suggestions: colleges::suggestions::count_open(db).await?,
        emails_waiting: enquiries::store::emails_waiting(db).await?,
        mail_configured: state.enquiries.config.mail.is_some(),
        college_edit_emails: college_edit_emails(db).await?,
        responses_this_month: crate::surveys::responses_since(
            db,
            &format!("{}-01", &api::dates::date_of(state.clock.now())[..7]),
        )
        .await?,
        quotes_waiting: crate::surveys::testimonials::waiting(&state).await?,
    }))
}

const COLLEGE_EDIT_EMAILS: &str = "mail_college_edits";

/// Whether the team asked to be emailed about colleges' own edits.
pub async fn college_edit_emails(db: &sqlx::SqlitePool) -> Result<bool, sqlx::Error> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(COLLEGE_EDIT_EMAILS)
        .fetch_optional(db)
        .await?;
    Ok(value.as_deref() == Some("1"))
}

/// Sets what the team is emailed about (team only). Emails go only when
/// the server sends email (SMTP configured).
#[utoipa::path(put, path = "/api/staff/mail-settings", tag = "staff",
    request_body(content = MailSettings, content_type = "application/json"),
    responses(
        (status = 200, description = "The settings as they now are", body = MailSettings),
        NotSignedIn, NotTeam,
        BadBody, TooLarge, NotJson,
    ))]
pub async fn set_mail_settings(
    Team(staff): Team,
    State(state): State<AppState>,
    JsonBody(settings): JsonBody<MailSettings>,
) -> Result<Json<MailSettings>, ApiError> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(COLLEGE_EDIT_EMAILS)
        .bind(if settings.college_edits { "1" } else { "0" })
        .execute(&state.db)
        .await?;
    tracing::info!(
        account = staff.account_id,
        college_edits = settings.college_edits,
        "mail settings changed"
    );
    Ok(Json(MailSettings {
        college_edits: college_edit_emails(&state.db).await?,
    }))
}

//! What waits for the team, counted for the staff home page: new
//! enquiries, suspected spam, open suggestions, and emails not sent.

use api::staff::StaffSummary;
use axum::extract::State;
use axum::Json;
use sqlx::Row;

use super::session::Team;
use crate::error::ApiError;
use crate::AppState;

/// Counts of what waits for the team (team only).
#[utoipa::path(get, path = "/api/staff/summary", tag = "staff",
    responses(
        (status = 200, description = "Counts of what waits for the team", body = StaffSummary),
        (status = 401, description = "Not signed in", body = api::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Recovery College team", body = api::Problem, content_type = "application/problem+json"),
    ))]
pub async fn summary(
    _team: Team,
    State(state): State<AppState>,
) -> Result<Json<StaffSummary>, ApiError> {
    let row = sqlx::query(
        "SELECT
            (SELECT COUNT(*) FROM enquiries WHERE status = 'new') AS new_enquiries,
            (SELECT COUNT(*) FROM enquiries WHERE status = 'spam') AS suspected_spam,
            (SELECT COUNT(*) FROM suggestions WHERE status = 'open') AS open_suggestions,
            (SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL) AS emails_waiting",
    )
    .fetch_one(&state.db)
    .await?;
    let count = |name: &str| -> Result<u32, sqlx::Error> {
        Ok(u32::try_from(row.try_get::<i64, _>(name)?).unwrap_or(u32::MAX))
    };
    Ok(Json(StaffSummary {
        new_enquiries: count("new_enquiries")?,
        suspected_spam: count("suspected_spam")?,
        open_suggestions: count("open_suggestions")?,
        emails_waiting: count("emails_waiting")?,
        mail_configured: state.enquiries.config.mail.is_some(),
    }))
}

//! What waits for the team, counted for the staff home page: new
//! enquiries, suspected spam, open suggestions, and emails not sent. The
//! counts come from the stores of the features that own those tables.

use api::accounts::StaffSummary;
use api::enquiries::EnquiryStatus;
use axum::extract::State;
use axum::Json;

use super::session::Team;
use crate::http::error::responses::{NotSignedIn, NotTeam};
use crate::http::error::ApiError;
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
    Ok(Json(StaffSummary {
        new_enquiries: enquiries::store::count_with_status(db, EnquiryStatus::New).await?,
        suspected_spam: enquiries::store::count_with_status(db, EnquiryStatus::Spam).await?,
        open_suggestions: colleges::suggestions::count_open(db).await?,
        emails_waiting: enquiries::store::emails_waiting(db).await?,
        mail_configured: state.enquiries.config.mail.is_some(),
    }))
}

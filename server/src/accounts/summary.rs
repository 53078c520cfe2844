//! What waits for the team, counted for the staff home page: new
//! enquiries, suspected spam, open suggestions, and emails not sent. The
//! counts come from the stores of the features that own those tables.

use api::accounts::{CollegeEdited, StaffSummary};
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
    }))
}

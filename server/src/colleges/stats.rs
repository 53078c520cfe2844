//! Figures about the directory for the home page.

use api::Stats;
use axum::extract::State;
use axum::Json;

use crate::AppState;

/// How many colleges, in how many countries, and Learning Set members.
#[utoipa::path(get, path = "/api/stats", tag = "colleges",
    responses((status = 200, description = "Figures about the published directory", body = Stats)))]
pub async fn stats(State(state): State<AppState>) -> Json<Stats> {
    Json(state.directory.stats())
}

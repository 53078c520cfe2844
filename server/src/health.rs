//! Liveness and readiness in one: the database answers a query.

use axum::extract::State;
use axum::Json;
use serde::Serialize;

use crate::http::error::ApiError;
use crate::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server can answer at all.
    pub status: &'static str,
    pub colleges: u32,
}

/// Whether the server and its database are working.
#[utoipa::path(get, path = "/api/health", tag = "health",
    responses((status = 200, description = "The server and database work", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    sqlx::query("SELECT 1").execute(&state.db).await?;
    Ok(Json(Health {
        status: "ok",
        colleges: state.directory.len() as u32,
    }))
}
